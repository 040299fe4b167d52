"""The antre command line: quick start, exit codes, clear messages, nothing half-written."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.cli.main import main
from core.db import models as m
from core.db.database import Database
from tests.conftest import SAMPLE_HALL, SMALL_HALL

MONDAY = "2026-11-23T09:30:00+07:00"


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``antre --db URL …`` in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("ANTRE_NOW", MONDAY)
    monkeypatch.setenv("ANTRE_LANG", "id")
    from core import clock

    clock.set_clock(None)

    def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", __import__("io").StringIO(stdin))
        code = main(["--db", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    clock.set_clock(None)


def count_tickets(url: str) -> int:
    db = Database(url)
    with db.engine.connect() as connection:
        result = connection.execute(select(func.count()).select_from(m.Ticket)).scalar()
    db.dispose()
    return result or 0


def test_quick_start_on_the_sample_hall(cli, db_url: str) -> None:
    code, out, _ = cli("hall", "import", str(SAMPLE_HALL))
    assert code == 0 and "16 instansi, 56 layanan, 15 loket" in out
    assert cli("counter", "open", "1")[0] == 0
    code, out, _ = cli("issue", "KTP-EL-REKAM")
    assert code == 0 and out.startswith("A001 · ") and "antrean sebelum Anda: 0" in out
    code, out, _ = cli("call", "1")
    assert code == 0 and "A001" in out and "Loket 1" in out
    assert cli("start", "1")[0] == 0
    code, out, _ = cli("finish", "1")
    assert code == 0 and "selesai" in out
    code, out, _ = cli("status")
    assert code == 0 and "Loket 1" in out
    code, out, _ = cli("--json", "events", "--since", "0")
    kinds = [json.loads(line)["kind"] for line in out.splitlines()]
    assert kinds[0] == "hall.config_changed" and kinds[-1] == "ticket.finished"


def test_every_verb_speaks_json(cli) -> None:
    cli("hall", "import", str(SMALL_HALL))
    cli("counter", "open", "1")
    code, out, _ = cli("issue", "KTP", "--priority", "lansia", "--json")
    issued = json.loads(out)
    assert (code, issued["ticket"]["number"], issued["ticket"]["priority"]) == (0, "A001", "lansia")
    called = json.loads(cli("--json", "call", "1")[1])
    assert called["ticket"]["status"] == "called"
    transferred = json.loads(cli("--json", "transfer", "1", "SKCK", "--front")[1])
    assert transferred["ticket"]["service_code"] == "SKCK"
    status = json.loads(cli("--json", "status")[1])
    assert {s["code"]: s["waiting"] for s in status["services"]}["SKCK"] == 1
    shown = json.loads(cli("--json", "hall", "show")[1])
    assert shown["hall"]["code"] == "uji"


def test_nothing_waiting_is_not_an_error(cli) -> None:
    cli("hall", "import", str(SMALL_HALL))
    cli("counter", "open", "2")
    code, out, err = cli("call", "2")
    assert (code, out.strip(), err) == (0, "Tidak ada antrean yang menunggu untuk loket 2.", "")
    assert json.loads(cli("call", "2", "--json")[1]) == {"ticket": None}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("call", "1"), "Loket 1 tutup: buka loket dulu untuk memanggil."),
        (("finish", "1"), "Tidak ada nomor yang sedang dilayani di Loket 1."),
        (
            ("issue", "SIM"),
            "Layanan Perpanjangan SIM tutup hari ini.",
        ),  # only on Mondays? no: Monday 08-12
    ],
)
def test_refused_actions_exit_1_with_one_line(cli, args, message: str, monkeypatch) -> None:
    cli("hall", "import", str(SMALL_HALL))
    if args[0] == "issue":
        monkeypatch.setenv(
            "ANTRE_NOW", "2026-11-24T09:30:00+07:00"
        )  # Tuesday: SIM only runs Mondays
        from core import clock

        clock.set_clock(None)
    code, out, err = cli(*args)
    assert code == 1
    assert out == ""
    assert err.strip() == f"antre: {message}"


def test_bad_usage_exits_2(cli) -> None:
    code, _, err = cli("call", "satu")
    assert code == 2 and "antre: counter: 'satu' bukan bilangan bulat" in err
    code, _, err = cli("launch")
    assert code == 2 and "antre: VERB: 'launch' tidak ada dalam pilihan ('db', 'hall'," in err
    code, _, err = cli("issue", "KTP", "--priority", "vip")
    assert code == 2 and "--priority: 'vip' tidak ada dalam pilihan" in err
    code, _, err = cli("issue")
    assert code == 2 and "antre: argumen berikut wajib diisi: service" in err
    code, _, err = cli("issue", "KTP", "--bogus")
    assert code == 2 and "antre: argumen tidak dikenal: --bogus" in err
    assert err.startswith("cara pakai: antre ")


def test_bad_usage_in_english(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTRE_LANG", "en")
    code, _, err = cli("call", "satu")
    assert code == 2 and "antre: argument counter: invalid int value: 'satu'" in err
    assert err.startswith("usage: antre ")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["cara pakai: antre", "ambil nomor antrean", "tampilkan bantuan ini", "pilihan:"]),
        ("en", ["usage: antre", "take a ticket", "show this help message", "options:"]),
    ],
)
def test_help_speaks_the_readers_language(
    cli,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    words: list[str],
) -> None:
    monkeypatch.setenv("ANTRE_LANG", lang)
    code, out, _ = cli("--help")
    assert code == 0 and all(word in out for word in words), out
    code, out, _ = cli("transfer", "--help")
    assert code == 0 and ("layanan tujuan" in out) == (lang == "id"), out


def test_bad_hall_file_exits_2_and_changes_nothing(cli, db_url: str, tmp_path: Path) -> None:
    cli("hall", "import", str(SMALL_HALL))
    cli("issue", "KTP")
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL_HALL.read_text().replace('name = "Kartu Keluarga"', 'name = ""'))
    code, out, err = cli("hall", "import", str(bad))
    assert code == 2 and out == ""
    # Indonesian by default, the key and its line named
    assert "agencies[0].services[1].name: tidak boleh kosong" in err and "baris" in err
    shown = json.loads(cli("--json", "hall", "show")[1])
    assert shown["agencies"][0]["services"][1]["name"] == "Kartu Keluarga"
    assert count_tickets(db_url) == 1


def test_officer_add_reads_the_password_from_stdin(cli) -> None:
    cli("hall", "import", str(SMALL_HALL))
    code, out, _ = cli(
        "officer",
        "add",
        "siti",
        "--role",
        "supervisor",
        "--name",
        "Siti Aminah",
        stdin="rahasia123\n",
    )
    assert code == 0 and "siti" in out
    code, _, err = cli("officer", "add", "siti", stdin="rahasia123\n")
    assert code == 1 and "sudah terdaftar" in err
    code, _, err = cli("officer", "add", "budi", stdin="123\n")
    assert code == 2 and "minimal 6" in err


def test_no_hall_yet(cli) -> None:
    code, _, err = cli("status")
    assert code == 2 and "antre hall import" in err


def test_bad_now_is_a_config_error(cli, monkeypatch) -> None:
    monkeypatch.setenv("ANTRE_NOW", "kemarin sore")
    from core import clock

    clock.set_clock(None)
    code, _, err = cli("status")
    assert code == 2 and "ANTRE_NOW" in err


def run_antre(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"ANTRE_NOW": MONDAY} | (env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "core.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_real_process_never_prints_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run_antre("--db", url, "hall", "import", str(SMALL_HALL)).returncode == 0
    unreachable = run_antre("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status")
    bad_url = run_antre("--db", "mysql://x", "status")
    refused = run_antre("--db", url, "call", "1")
    for result, code in ((unreachable, 2), (bad_url, 2), (refused, 1)):
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "tidak dapat dihubungi" in unreachable.stderr
    assert "Alamat basis data tidak sah" in bad_url.stderr


def test_english_messages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    run_antre("--db", url, "hall", "import", str(SMALL_HALL))
    result = run_antre("--db", url, "call", "1", env_extra={"ANTRE_LANG": "en"})
    assert result.stderr.strip() == "antre: Loket 1 is closed: open it to call."


def test_export_to_a_folder_that_does_not_exist_says_so(cli, tmp_path) -> None:
    assert cli("hall", "import", str(SMALL_HALL))[0] == 0
    target = tmp_path / "tidak-ada" / "gedung.toml"
    code, out, err = cli("hall", "export", str(target))
    assert code == 2
    assert err.strip() == f"antre: Berkas {target} tidak dapat ditulis: No such file or directory"
    assert not target.parent.exists()


def _string_arguments(tree, function: str, index: int) -> set[str]:
    """The string literals passed as argument ``index`` to calls of ``function``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == function:
            argument = node.args[index] if len(node.args) > index else None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value)
    return found


def test_every_help_text_has_indonesian_words() -> None:
    from core.cli import main as cli_main
    from core.cli import wording

    tree = ast.parse(Path(cli_main.__file__).read_text(encoding="utf-8"))
    said = _string_arguments(tree, "tr", 0) | _string_arguments(tree, "verb", 1)
    # the verbs made in a loop, from (name, help) pairs
    said |= {
        pair.elts[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple)
        for pair in node.iter.elts
        if isinstance(pair, ast.Tuple) and isinstance(pair.elts[1], ast.Constant)
    }
    assert len(said) > 30
    assert sorted(said - set(wording._ID)) == []


# --- bad input: clear refusals, nothing written (issue 11 §5) ------------------------------


def test_a_value_postgresql_would_refuse_is_refused_on_both_engines(
    cli,
    db_url: str,
    tmp_path: Path,
) -> None:
    from tests.core.fingerprint import fingerprint

    text = SAMPLE_HALL.read_text(encoding="utf-8")
    long_name = text.replace(
        'name = "Mal Pelayanan Publik Kabupaten Lampung Timur"', f'name = "{"M" * 300}"', 1
    )
    long_zone = text.replace('\nzone = "', f'\nzone = "{"z" * 150}', 1)
    before = fingerprint(db_url)
    for bad, where in ((long_name, "hall.name"), (long_zone, "counters[0].zone")):
        path = tmp_path / "bad.toml"
        path.write_text(bad, encoding="utf-8")
        line = next(
            n for n, row in enumerate(bad.splitlines(), 1) if "M" * 300 in row or "z" * 150 in row
        )
        for verb in ("validate", "import"):
            code, _, err = cli("hall", verb, str(path))
            assert code == 2, err
            assert f"baris {line}: {where}: paling panjang" in err
            assert "Traceback" not in err and "sqlalche" not in err
    assert fingerprint(db_url) == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("call", "2147483648"), 1, "antre: Loket 2147483648 tidak dikenal."),
        (("call", "12345678901234567890"), 1, "antre: Loket 12345678901234567890 tidak dikenal."),
        (("counter", "open", "-2147483649"), 1, "antre: Loket -2147483649 tidak dikenal."),
        (("start", "9223372036854775808"), 1, "antre: Loket 9223372036854775808 tidak dikenal."),
        (
            ("events", "--since", "12345678901234567890"),
            2,
            "antre: events --since: harus antara 0 dan 9223372036854775807 "
            "(sekarang 12345678901234567890)",
        ),
        (
            ("events", "--since", "-1"),
            2,
            "antre: events --since: harus antara 0 dan 9223372036854775807 (sekarang -1)",
        ),
        (
            ("issue", "KTP", "--kiosk", "k" * 65),
            2,
            "antre: kiosk: paling panjang 64 karakter (berisi 65)",
        ),
        (
            ("issue", "KTP", "--kiosk", "pintu\u202eutama"),
            2,
            "antre: kiosk: berisi karakter kendali yang tak terlihat (U+202E); hapus karakter itu",
        ),
    ],
)
def test_arguments_out_of_range_are_clear_refusals(
    cli,
    db_url: str,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    from tests.core.fingerprint import fingerprint

    assert cli("hall", "import", str(SMALL_HALL))[0] == 0
    assert cli("counter", "open", "1")[0] == 0
    before = fingerprint(db_url)
    result = cli(*args)
    assert result[:2] == (code, "") and result[2].strip() == message
    assert fingerprint(db_url) == before
    assert cli("issue", "KTP", "--kiosk", "k" * 64)[0] == 0  # the limit itself is taken


def test_hall_import_of_a_device_is_refused_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = run_antre("--db", url, "hall", "import", "/dev/zero")  # timeout=60: never reads
    assert result.returncode == 2
    assert result.stderr == "antre: /dev/zero bukan berkas biasa: berikan berkas TOML gedung.\n"


def run_into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """``antre ARGS`` writing into a pipe whose reader has already gone (``| head``)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "core.cli.main", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"ANTRE_NOW": MONDAY},
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("status",),
        ("--json", "status"),
        ("events", "--since", "0"),
        ("--json", "events", "--follow"),
    ],
)
def test_a_reader_gone_away_ends_quietly_with_141(tmp_path: Path, args: tuple[str, ...]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run_antre("--db", url, "hall", "import", str(SMALL_HALL)).returncode == 0
    result = run_into_a_closed_pipe("--db", url, *args)
    assert (result.returncode, result.stderr) == (141, "")
