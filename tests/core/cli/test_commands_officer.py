"""``antre officer list|add|disable|enable|unlock|role|password``: the hall manager's accounts."""

from __future__ import annotations

import json

import pytest

from core.db.database import Database
from core.errors import Refused
from core.hall import HallService
from tests.conftest import SMALL_HALL
from tests.core.cli.test_main import cli  # noqa: F401 - the fixture


@pytest.fixture
def with_budi(cli) -> None:  # noqa: F811
    """The small hall with one officer, budi, whose password is benar-sekali."""
    assert cli("hall", "import", str(SMALL_HALL))[0] == 0
    assert cli("officer", "add", "budi", "--name", "Budi Santoso", stdin="benar-sekali\n")[0] == 0


def login(db_url: str, username: str, password: str) -> str:
    """The login the counter does, on the database the CLI wrote: the refusal's code or "ok"."""
    db = Database(db_url)
    try:
        HallService.open(db, "uji").login(username, password)
    except Refused as error:
        return error.code
    finally:
        db.dispose()
    return "ok"


def officer_events(cli) -> list[tuple[str, dict]]:  # noqa: F811
    lines = cli("--json", "events")[1].splitlines()
    found = [json.loads(line) for line in lines]
    return [(e["kind"], e["payload"]) for e in found if e["kind"].startswith("officer.")]


@pytest.mark.usefixtures("with_budi")
def test_list_says_each_account_and_never_the_hash(cli) -> None:  # noqa: F811
    cli("officer", "add", "siti", "--role", "supervisor", stdin="rahasia-123\n")
    cli("officer", "disable", "siti")
    code, out, err = cli("officer", "list")
    assert (code, err) == (0, "")
    budi, siti = out.splitlines()
    assert budi.split() == ["budi", "officer", "aktif", "Budi", "Santoso"]
    assert siti.split() == ["siti", "supervisor", "nonaktif", "siti"]
    code, out, _ = cli("officer", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [a["username"] for a in listed] == ["budi", "siti"]
    assert set(listed[0]) == {
        "id",
        "username",
        "full_name",
        "role",
        "active",
        "locked_until",
        "failed_logins",
    }
    assert "argon2" not in out


def test_list_of_a_hall_without_officers(cli) -> None:  # noqa: F811
    cli("hall", "import", str(SMALL_HALL))
    assert cli("officer", "list")[1].strip() == "(belum ada petugas)"
    assert json.loads(cli("--json", "officer", "list")[1]) == []


@pytest.mark.usefixtures("with_budi")
def test_disable_refuses_the_login_and_enable_allows_it_again(cli, db_url: str) -> None:  # noqa: F811
    code, out, _ = cli("officer", "disable", "budi")
    assert (code, out.strip()) == (0, "petugas budi dinonaktifkan")
    assert login(db_url, "budi", "benar-sekali") == "login_failed"
    assert cli("officer", "disable", "budi")[0] == 0  # already disabled: accepted
    code, out, _ = cli("--json", "officer", "enable", "budi")
    assert code == 0 and json.loads(out)["active"] is True
    assert login(db_url, "budi", "benar-sekali") == "ok"
    assert officer_events(cli) == [
        ("officer.added", {"username": "budi", "role": "officer"}),
        ("officer.disabled", {"username": "budi", "role": "officer", "active": False}),
        ("officer.enabled", {"username": "budi", "role": "officer", "active": True}),
    ]


@pytest.mark.usefixtures("with_budi")
def test_unlock_lets_a_locked_officer_log_in_at_once(cli, db_url: str) -> None:  # noqa: F811
    assert [login(db_url, "budi", "salah") for _ in range(5)][-1] == "login_locked"
    code, out, _ = cli("officer", "list")
    assert "terkunci sampai 09:35:00" in out
    code, out, _ = cli("officer", "unlock", "budi")
    assert (code, out.strip()) == (0, "petugas budi dibuka kuncinya")
    assert login(db_url, "budi", "benar-sekali") == "ok"
    assert officer_events(cli)[-1][0] == "officer.unlocked"


@pytest.mark.usefixtures("with_budi")
def test_role_changes_and_an_unknown_role_is_bad_usage(cli) -> None:  # noqa: F811
    code, out, _ = cli("officer", "role", "budi", "supervisor")
    assert (code, out.strip()) == (0, "petugas budi berperan supervisor")
    code, _, err = cli("officer", "role", "budi", "raja")
    assert code == 2 and "role: 'raja' tidak ada dalam pilihan" in err
    assert json.loads(cli("--json", "officer", "list")[1])[0]["role"] == "supervisor"
    assert officer_events(cli)[-1] == (
        "officer.role_changed",
        {"username": "budi", "role": "supervisor", "active": True},
    )


@pytest.mark.usefixtures("with_budi")
def test_password_is_read_from_stdin_like_add(cli, db_url: str) -> None:  # noqa: F811
    code, out, _ = cli("officer", "password", "budi", stdin="baru-sekali\n")
    assert (code, out.strip()) == (0, "petugas budi mendapat kata sandi baru")
    assert login(db_url, "budi", "benar-sekali") == "login_failed"
    assert login(db_url, "budi", "baru-sekali") == "ok"
    code, _, err = cli("officer", "password", "budi", stdin="12345\n")
    assert code == 2 and err.strip() == "antre: Kata sandi terlalu pendek: minimal 6 karakter."
    assert login(db_url, "budi", "baru-sekali") == "ok"


@pytest.mark.usefixtures("with_budi")
def test_password_at_a_terminal_is_asked_twice(cli, db_url: str, monkeypatch) -> None:  # noqa: F811
    answers = iter(["baru-sekali", "baru-sekalI"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    code, _, err = cli("officer", "password", "budi")
    assert code == 2 and "the two passwords differ" in err
    assert login(db_url, "budi", "benar-sekali") == "ok"


@pytest.mark.parametrize(
    "args",
    [
        ("disable", "tidakada"),
        ("enable", "tidakada"),
        ("unlock", "tidakada"),
        ("role", "tidakada", "admin"),
        ("password", "tidakada"),
    ],
)
@pytest.mark.usefixtures("with_budi")
def test_an_unknown_officer_is_refused_with_exit_1(cli, args: tuple[str, ...]) -> None:  # noqa: F811
    code, out, err = cli("officer", *args, stdin="benar-sekali\n")
    assert (code, out) == (1, "")
    assert err.strip() == 'antre: Petugas "tidakada" tidak terdaftar.'
    code, out, _ = cli("--json", "officer", *args, stdin="benar-sekali\n")
    assert code == 1 and json.loads(out)["error"] == "officer_unknown"
    assert [kind for kind, _ in officer_events(cli)] == ["officer.added"]


def test_officer_usage_and_help(cli, monkeypatch) -> None:  # noqa: F811
    code, _, err = cli("officer")
    assert code == 2 and "argumen berikut wajib diisi: ACTION" in err
    code, _, err = cli("officer", "list", "budi")
    assert code == 2 and "argumen tidak dikenal: budi" in err
    code, out, _ = cli("officer", "--help")
    assert code == 0 and "buka kunci akun" in out and "ubah peran akun" in out
    code, out, _ = cli("officer", "role", "--help")
    assert code == 0 and "peran baru" in out and "nama pengguna" in out
    monkeypatch.setenv("ANTRE_LANG", "en")
    code, out, _ = cli("officer", "--help")
    assert code == 0 and "lift a lockout" in out
