"""Officers: accounts with argon2-hashed passwords, login checks with lockout."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from core.db import models as m
from core.db.database import Tx
from core.db.limits import max_length
from core.domain.enums import Role
from core.domain.safe_text import text_problem
from core.errors import ConfigError, Refused
from core.events import EventKind, OfficerAddedPayload
from core.views import HallRef, OfficerView

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD = 6
_hasher = PasswordHasher()


def _view(officer: m.Officer) -> OfficerView:
    return OfficerView(officer.id, officer.username, officer.full_name, officer.role)


def _clean_username(username: str) -> str:
    name = username.strip().lower()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "._-" for c in name):
        raise ConfigError("bad_username", username=username)
    return name


def _clean_full_name(full_name: str, username: str) -> str:
    name = full_name.strip() or username
    problem = text_problem(name, max_length(m.Officer.full_name))
    if problem is not None:
        raise ConfigError("bad_value", where="--name", problem=problem)
    return name


def add_officer(
    tx: Tx, hall: HallRef, username: str, full_name: str, role: Role, password: str
) -> OfficerView:
    name = _clean_username(username)
    shown_name = _clean_full_name(full_name, name)
    if len(password) < MIN_PASSWORD:
        raise ConfigError("password_too_short", minimum=MIN_PASSWORD)
    exists = tx.session.scalars(
        select(m.Officer).where(m.Officer.hall_id == hall.id, m.Officer.username == name)
    ).first()
    if exists is not None:
        raise Refused("officer_exists", username=name)
    officer = m.Officer(
        hall_id=hall.id,
        username=name,
        full_name=shown_name,
        role=role,
        password_hash=_hasher.hash(password),
        failed_logins=0,
        active=True,
    )
    tx.session.add(officer)
    tx.session.flush()
    tx.emit(hall.id, EventKind.OFFICER_ADDED, OfficerAddedPayload(name, role))
    return _view(officer)


@dataclass(frozen=True)
class LoginResult:
    officer: OfficerView | None
    refusal: str | None  # message code when the login was refused
    locked_minutes: int = 0


def check_login(tx: Tx, hall: HallRef, username: str, password: str) -> LoginResult:
    """Verify a password; five failures lock the account for five minutes. Every try is kept."""
    name = username.strip().lower()
    officer = tx.session.scalars(
        select(m.Officer).where(m.Officer.hall_id == hall.id, m.Officer.username == name)
    ).first()
    if officer is None or not officer.active:
        return _record(tx, hall, name, None, "login_failed")
    if officer.locked_until is not None and officer.locked_until > tx.now:
        minutes = max(1, math.ceil((officer.locked_until - tx.now).total_seconds() / 60))
        return _record(tx, hall, name, None, "login_locked", minutes)
    try:
        _hasher.verify(officer.password_hash, password)
    except (VerificationError, InvalidHashError):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILURES:
            officer.failed_logins = 0
            officer.locked_until = tx.now + LOCKOUT
            return _record(tx, hall, name, None, "login_locked", int(LOCKOUT.total_seconds() // 60))
        return _record(tx, hall, name, None, "login_failed")
    officer.failed_logins = 0
    officer.locked_until = None
    return _record(tx, hall, name, _view(officer), None)


def _record(
    tx: Tx,
    hall: HallRef,
    name: str,
    officer: OfficerView | None,
    refusal: str | None,
    locked_minutes: int = 0,
) -> LoginResult:
    tx.session.add(
        m.LoginAttempt(
            hall_id=hall.id,
            username=name[:64],
            at=tx.now,
            success=officer is not None,
            detail=refusal or "ok",
        )
    )
    return LoginResult(officer, refusal, locked_minutes)
