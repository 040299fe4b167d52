"""``antre`` never makes a database by accident: only ``db upgrade`` and ``hall import`` do.

A typo in a PC's database setting must say "no database at PATH" (exit 2), not give that
PC an empty private queue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.cli.main import main
from tests.conftest import SMALL_HALL
from tests.core.cli.test_main import MONDAY, run_antre

VERBS = (
    ["status"],
    ["db", "status"],
    ["hall", "show"],
    ["hall", "export", "out.toml"],
    ["officer", "add", "siti"],
    ["issue", "KTP"],
    ["call", "1"],
    ["recall", "1"],
    ["start", "1"],
    ["finish", "1"],
    ["no-show", "1"],
    ["park", "1"],
    ["resume", "1", "A001"],
    ["transfer", "1", "SKCK"],
    ["counter", "open", "1"],
    ["events"],
    ["end-of-day"],
)


@pytest.fixture
def antre(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):
    """Run ``antre …`` in-process with the data folder in tmp_path; (code, out, err)."""
    monkeypatch.setenv("ANTRE_NOW", MONDAY)
    monkeypatch.setenv("ANTRE_LANG", "id")
    monkeypatch.setenv("ANTRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def missing_line(path: Path) -> str:
    return (
        f"antre: Tidak ada basis data di {path}. Periksa pengaturan basis data, atau buat"
        " dengan: antre db upgrade, lalu antre hall import FILE\n"
    )


@pytest.mark.parametrize("verb", VERBS, ids=" ".join)
def test_every_other_verb_refuses_a_missing_file(antre, tmp_path: Path, verb) -> None:
    path = tmp_path / "no" / "such" / "dir" / "x.db"
    code, out, err = antre("--db", f"sqlite:///{path}", *verb)
    assert (code, out, err) == (2, "", missing_line(path))
    assert not (tmp_path / "no").exists()  # no folder, no file
    assert list(tmp_path.rglob("*.db*")) == []


def test_the_default_location_is_not_created_either(antre, tmp_path: Path) -> None:
    code, _, err = antre("status")
    assert (code, err) == (2, missing_line(tmp_path / "data" / "antre.db"))
    code, out, _ = antre("--json", "issue", "KTP")
    assert code == 2
    assert json.loads(out)["error"] == "database_missing"
    assert json.loads(out)["path"] == str(tmp_path / "data" / "antre.db")
    assert list(tmp_path.rglob("*.db*")) == []  # the data folder holds the log file only


def test_in_english(antre, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANTRE_LANG", "en")
    path = tmp_path / "x.db"
    assert antre("--db", f"sqlite:///{path}", "status")[2] == (
        f"antre: No database at {path}. Check the database setting, or create it with:"
        " antre db upgrade, then antre hall import FILE\n"
    )


def test_db_upgrade_and_hall_import_create_it(antre, tmp_path: Path) -> None:
    upgraded = tmp_path / "a" / "antre.db"
    assert antre("--db", f"sqlite:///{upgraded}", "db", "upgrade")[0] == 0
    assert antre("--db", f"sqlite:///{upgraded}", "db", "status")[0] == 0
    imported = tmp_path / "b" / "antre.db"
    assert antre("--db", f"sqlite:///{imported}", "hall", "import", str(SMALL_HALL))[0] == 0
    code, out, _ = antre("--db", f"sqlite:///{imported}", "status")
    assert code == 0 and "Loket" in out
    assert antre("hall", "import", str(SMALL_HALL))[0] == 0  # the default location, too
    assert antre("status")[0] == 0


def test_the_real_program_says_one_line(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir" / "x.db"
    result = run_antre("--db", f"sqlite:///{path}", "status")
    assert result.returncode == 2
    assert result.stderr == missing_line(path)
    assert not (tmp_path / "no").exists()
