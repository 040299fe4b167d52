"""``antre events --follow`` when its SQLite file goes away: a reader saved nothing, so it
says that the reading stopped (exit 2), not the writers' "nothing was saved"."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from core.cli.main import main
from tests.conftest import SMALL_HALL
from tests.core.cli.test_main import MONDAY
from tests.sqlite_tamper import TAMPERS

EXPECTED = {
    ("deleted", "id"): "antre: Berkas basis data {path} hilang (dihapus atau dipindahkan):"
    " pembacaan peristiwa berhenti. Kembalikan berkas itu, lalu jalankan lagi perintah ini.\n",
    ("replaced", "id"): "antre: Berkas basis data {path} diganti dengan berkas lain: pembacaan"
    " peristiwa berhenti. Jalankan lagi perintah ini untuk membaca berkas yang baru.\n",
    ("deleted", "en"): "antre: The database file {path} disappeared (deleted or moved): reading"
    " the events stopped. Put the file back, then run this command again.\n",
    ("replaced", "en"): "antre: The database file {path} was replaced by another file: reading"
    " the events stopped. Run this command again to read the new file.\n",
}


@pytest.mark.parametrize(
    ("tamper", "lang"), EXPECTED.keys(), ids=[f"{t}-{lang}" for t, lang in EXPECTED]
)
def test_follow_says_the_reading_stopped(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    tamper: str,
    lang: str,
) -> None:
    monkeypatch.setenv("ANTRE_NOW", MONDAY)
    monkeypatch.setenv("ANTRE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTRE_LANG", lang)
    path = tmp_path / "antre.db"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "hall", "import", str(SMALL_HALL)]) == 0
    assert main(["--db", url, "issue", "KTP"]) == 0
    capsys.readouterr()
    # The file goes once the first events are printed; the follow loop is then waiting.
    timer = threading.Timer(1.5, TAMPERS[tamper], (path,))
    timer.start()
    try:
        code = main(["--db", url, "events", "--follow"])
    finally:
        timer.cancel()
    out, err = capsys.readouterr()
    assert code == 2
    assert "ticket.issued" in out  # it followed until the file went
    assert err == EXPECTED[tamper, lang].format(path=path)
    assert "nothing was saved" not in err and "tidak ada yang disimpan" not in err


def test_follow_in_json_names_the_reading_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("ANTRE_NOW", MONDAY)
    monkeypatch.setenv("ANTRE_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "antre.db"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "hall", "import", str(SMALL_HALL)]) == 0
    capsys.readouterr()
    timer = threading.Timer(1.0, TAMPERS["deleted"], (path,))
    timer.start()
    try:
        code = main(["--db", url, "--json", "events", "--follow"])
    finally:
        timer.cancel()
    last = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert code == 2
    assert last["error"] == "database_file_gone_reading"
    assert last["path"] == str(path)
