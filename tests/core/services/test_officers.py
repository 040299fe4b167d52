"""Officer accounts: argon2 hashes, login checks, five failures lock for five minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db import models as m
from core.domain.enums import Role
from core.errors import ConfigError, Refused
from core.hall import HallService
from tests.conftest import ManualClock


def test_password_is_hashed_with_argon2(hall: HallService) -> None:
    hall.add_officer("Siti", "rahasia-123", Role.SUPERVISOR, "Siti Aminah")
    with hall.db.engine.connect() as connection:
        stored = connection.execute(select(m.Officer.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "rahasia" not in stored
    officer = hall.login("siti", "rahasia-123")
    assert (officer.username, officer.role, officer.full_name) == (
        "siti",
        Role.SUPERVISOR,
        "Siti Aminah",
    )


def test_lockout_after_five_failures(hall: HallService, fixed_clock: ManualClock) -> None:
    hall.add_officer("budi", "benar-sekali")
    for _ in range(4):
        with pytest.raises(Refused) as error:
            hall.login("budi", "salah")
        assert error.value.code == "login_failed"
    with pytest.raises(Refused) as error:
        hall.login("budi", "salah")
    assert error.value.code == "login_locked"
    assert "5 menit" in error.value.message("id")
    with pytest.raises(Refused) as error:
        hall.login("budi", "benar-sekali")  # even the right password waits
    assert error.value.code == "login_locked"
    fixed_clock.advance(minutes=5, seconds=1)
    assert hall.login("budi", "benar-sekali").username == "budi"
    with hall.db.engine.connect() as connection:
        attempts = connection.execute(
            select(m.LoginAttempt.success, m.LoginAttempt.detail).order_by(m.LoginAttempt.id)
        ).all()
    assert [a.success for a in attempts] == [False] * 6 + [True]
    assert [a.detail for a in attempts][-3:] == ["login_locked", "login_locked", "ok"]


def test_unknown_user_gets_the_same_message(hall: HallService) -> None:
    with pytest.raises(Refused) as error:
        hall.login("tidakada", "x")
    assert error.value.message("id") == "Nama pengguna atau kata sandi salah."


@pytest.mark.parametrize(
    ("username", "password", "code"),
    [("a b", "rahasia-1", "bad_username"), ("andi", "123", "password_too_short")],
)
def test_bad_officer_input(hall: HallService, username: str, password: str, code: str) -> None:
    with pytest.raises(ConfigError) as error:
        hall.add_officer(username, password)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("full_name", "wording"),
    [("S" * 201, "paling panjang 200 karakter"), ("Siti\u202eanimA", "U+202E")],
)
def test_a_full_name_the_schema_cannot_hold_or_screens_would_misshow_is_refused(
    hall: HallService, full_name: str, wording: str
) -> None:
    with pytest.raises(ConfigError) as error:
        hall.add_officer("siti", "rahasia-123", Role.OFFICER, full_name)
    assert wording in error.value.message("id")
    with hall.db.engine.connect() as connection:
        assert connection.execute(select(m.Officer)).first() is None


# --- the hall manager's changes (issue 13) -------------------------------------------------


def officer_events(hall: HallService) -> list[tuple[str, dict]]:
    with hall.db.engine.connect() as connection:
        rows = connection.execute(
            select(m.Event.kind, m.Event.payload)
            .where(m.Event.kind.like("officer.%"))
            .order_by(m.Event.id)
        ).all()
    return [(row.kind, row.payload) for row in rows]


def test_the_list_shows_every_account_and_never_the_hash(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    hall.add_officer("siti", "rahasia-123", Role.ADMIN, "Siti Aminah")
    hall.add_officer("budi", "benar-sekali")
    hall.disable_officer("budi")
    for _ in range(2):
        with pytest.raises(Refused):
            hall.login("siti", "salah")
    budi, siti = hall.officers()
    assert (budi.username, budi.role, budi.active, budi.locked_until) == (
        "budi",
        Role.OFFICER,
        False,
        None,
    )
    assert (siti.full_name, siti.role, siti.active, siti.failed_logins) == (
        "Siti Aminah",
        Role.ADMIN,
        True,
        2,
    )
    assert not any("argon2" in str(value) for value in vars(siti).values())


def test_a_disabled_officer_cannot_log_in_until_enabled_again(hall: HallService) -> None:
    hall.add_officer("budi", "benar-sekali")
    account = hall.disable_officer("BUDI ")  # as login reads a username
    assert account.active is False
    with pytest.raises(Refused) as error:
        hall.login("budi", "benar-sekali")
    assert error.value.code == "login_failed"
    assert hall.disable_officer("budi").active is False  # again: accepted, nothing written
    assert hall.enable_officer("budi").active is True
    assert hall.login("budi", "benar-sekali").username == "budi"
    assert officer_events(hall)[1:] == [
        ("officer.disabled", {"username": "budi", "role": "officer", "active": False}),
        ("officer.enabled", {"username": "budi", "role": "officer", "active": True}),
    ]


def test_unlock_lets_a_locked_officer_log_in_at_once(
    hall: HallService, fixed_clock: ManualClock
) -> None:
    hall.add_officer("budi", "benar-sekali")
    for _ in range(5):
        with pytest.raises(Refused):
            hall.login("budi", "salah")
    (locked,) = hall.officers()
    assert locked.locked_until == fixed_clock() + timedelta(minutes=5)
    account = hall.unlock_officer("budi")
    assert (account.locked_until, account.failed_logins) == (None, 0)
    assert hall.login("budi", "benar-sekali").username == "budi"  # no five-minute wait
    assert hall.unlock_officer("budi").locked_until is None  # not locked: accepted, no event
    assert [kind for kind, _ in officer_events(hall)] == ["officer.added", "officer.unlocked"]


def test_unlock_forgets_the_wrong_passwords_counted_so_far(hall: HallService) -> None:
    hall.add_officer("budi", "benar-sekali")
    for _ in range(4):
        with pytest.raises(Refused):
            hall.login("budi", "salah")
    assert hall.unlock_officer("budi").failed_logins == 0
    with pytest.raises(Refused) as error:
        hall.login("budi", "salah")  # the first of five again, not the fifth
    assert error.value.code == "login_failed"


def test_a_lock_that_has_run_out_is_not_listed(hall: HallService, fixed_clock: ManualClock) -> None:
    hall.add_officer("budi", "benar-sekali")
    for _ in range(5):
        with pytest.raises(Refused):
            hall.login("budi", "salah")
    fixed_clock.advance(minutes=5, seconds=1)
    assert hall.officers()[0].locked_until is None


def test_change_role(hall: HallService) -> None:
    hall.add_officer("budi", "benar-sekali")
    assert hall.set_officer_role("budi", Role.SUPERVISOR).role is Role.SUPERVISOR
    assert hall.set_officer_role("budi", "supervisor").role is Role.SUPERVISOR  # no event
    assert hall.login("budi", "benar-sekali").role is Role.SUPERVISOR
    assert officer_events(hall)[1:] == [
        ("officer.role_changed", {"username": "budi", "role": "supervisor", "active": True}),
    ]


def test_the_last_active_admin_is_neither_disabled_nor_demoted(hall: HallService) -> None:
    hall.add_officer("kepala", "benar-sekali", Role.ADMIN)
    hall.add_officer("budi", "benar-sekali")
    for change in (
        lambda: hall.disable_officer("kepala"),
        lambda: hall.set_officer_role("kepala", Role.SUPERVISOR),
    ):
        with pytest.raises(Refused) as refused:
            change()
        assert refused.value.code == "last_admin"
        assert "admin aktif terakhir" in refused.value.message("id")
        assert "last active admin" in refused.value.message("en")
    assert [(a.username, a.role, a.active) for a in hall.officers()] == [
        ("budi", Role.OFFICER, True),
        ("kepala", Role.ADMIN, True),
    ]
    hall.set_officer_role("budi", Role.ADMIN)  # with a second admin, either may go
    hall.disable_officer("kepala")
    with pytest.raises(Refused) as refused:
        hall.set_officer_role("budi", Role.OFFICER)  # now the last one
    assert refused.value.code == "last_admin"
    assert [a.username for a in hall.officers() if a.active and a.role is Role.ADMIN] == ["budi"]


def test_a_new_password_replaces_the_old_one(hall: HallService) -> None:
    hall.add_officer("budi", "lama-sekali")
    with hall.db.engine.connect() as connection:
        old_hash = connection.execute(select(m.Officer.password_hash)).scalar_one()
    hall.set_officer_password("budi", "baru-sekali")
    with hall.db.engine.connect() as connection:
        new_hash = connection.execute(select(m.Officer.password_hash)).scalar_one()
    assert new_hash.startswith("$argon2id$") and new_hash != old_hash
    with pytest.raises(Refused):
        hall.login("budi", "lama-sekali")
    assert hall.login("budi", "baru-sekali").username == "budi"
    assert [kind for kind, _ in officer_events(hall)] == ["officer.added", "officer.password_set"]


@pytest.mark.parametrize(
    ("change", "error_type", "code", "id_words", "en_words"),
    [
        (
            lambda hall: hall.disable_officer("tidakada"),
            Refused,
            "officer_unknown",
            'Petugas "tidakada" tidak terdaftar.',
            'No officer "tidakada" is registered.',
        ),
        (
            lambda hall: hall.unlock_officer("tidakada"),
            Refused,
            "officer_unknown",
            "tidak terdaftar",
            "is registered",
        ),
        (
            lambda hall: hall.set_officer_role("budi", "raja"),
            ConfigError,
            "bad_role",
            'Peran "raja" tidak dikenal: pilih salah satu dari officer, supervisor, admin.',
            'Unknown role "raja": choose one of officer, supervisor, admin.',
        ),
        (
            lambda hall: hall.set_officer_password("budi", "12345"),
            ConfigError,
            "password_too_short",
            "minimal 6 karakter",
            "at least 6 characters",
        ),
        (
            lambda hall: hall.set_officer_password("tidakada", "benar-sekali"),
            Refused,
            "officer_unknown",
            "tidak terdaftar",
            "is registered",
        ),
    ],
)
def test_refusals_are_clear_in_both_languages_and_change_nothing(
    hall: HallService, change, error_type: type, code: str, id_words: str, en_words: str
) -> None:
    hall.add_officer("budi", "benar-sekali")
    before = hall.officers()
    with pytest.raises(error_type) as error:
        change(hall)
    assert error.value.code == code
    assert id_words in error.value.message("id") and en_words in error.value.message("en")
    assert hall.officers() == before
    assert [kind for kind, _ in officer_events(hall)] == ["officer.added"]
    assert hall.login("budi", "benar-sekali").username == "budi"
