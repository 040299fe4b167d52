"""Officer accounts: argon2 hashes, login checks, five failures lock for five minutes."""

from __future__ import annotations

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
