"""Officers: accounts with argon2-hashed passwords, login checks with lockout, and the
hall manager's changes to an account (disable, enable, unlock, role, new password).

Each change writes an event (core.events.OFFICER_ACCOUNTS) so every screen learns of it;
asking for the state an account is already in is accepted and writes nothing."""

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
from core.errors import ConfigError, NotFound, Refused
from core.events import EventKind, OfficerAddedPayload, OfficerChangedPayload
from core.views import HallRef, OfficerAccount, OfficerView

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


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ConfigError("password_too_short", minimum=MIN_PASSWORD)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ConfigError("bad_role", role=role, roles=", ".join(r.value for r in Role)) from None


def add_officer(
    tx: Tx, hall: HallRef, username: str, full_name: str, role: Role, password: str
) -> OfficerView:
    name = _clean_username(username)
    shown_name = _clean_full_name(full_name, name)
    _check_password(password)
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


# --- the hall manager's changes -----------------------------------------------------------


def _account(tx: Tx, officer: m.Officer) -> OfficerAccount:
    locked = officer.locked_until
    return OfficerAccount(
        officer.id,
        officer.username,
        officer.full_name,
        officer.role,
        officer.active,
        locked if locked is not None and locked > tx.now else None,
        officer.failed_logins,
    )


def list_officers(tx: Tx, hall: HallRef) -> tuple[OfficerAccount, ...]:
    """Every account of the hall, by username, disabled ones included."""
    rows = tx.session.scalars(
        select(m.Officer).where(m.Officer.hall_id == hall.id).order_by(m.Officer.username)
    )
    return tuple(_account(tx, row) for row in rows)


def _officer(tx: Tx, hall: HallRef, username: str) -> m.Officer:
    name = username.strip().lower()
    officer = tx.session.scalars(
        select(m.Officer).where(m.Officer.hall_id == hall.id, m.Officer.username == name)
    ).first()
    if officer is None:
        raise NotFound("officer_unknown", username=username.strip())
    return officer


def _keep_an_admin(tx: Tx, hall: HallRef, officer: m.Officer) -> None:
    """The hall keeps an active admin: the last one is neither disabled nor made another role
    (nobody could then manage officers). The admins' rows are locked while counted, so two
    admins disabling each other at once cannot both succeed."""
    if officer.role is not Role.ADMIN or not officer.active:
        return
    admins = tx.session.scalars(
        select(m.Officer.id)
        .where(m.Officer.hall_id == hall.id, m.Officer.role == Role.ADMIN, m.Officer.active)
        .with_for_update()
    ).all()
    if len(admins) <= 1:
        raise Refused("last_admin", username=officer.username)


def _changed(tx: Tx, hall: HallRef, officer: m.Officer, kind: EventKind) -> OfficerAccount:
    tx.emit(hall.id, kind, OfficerChangedPayload(officer.username, officer.role, officer.active))
    return _account(tx, officer)


def set_active(tx: Tx, hall: HallRef, username: str, active: bool) -> OfficerAccount:
    """Enable or disable an account; a disabled officer cannot log in (check_login)."""
    officer = _officer(tx, hall, username)
    if officer.active == active:
        return _account(tx, officer)
    if not active:
        _keep_an_admin(tx, hall, officer)
    officer.active = active
    return _changed(
        tx, hall, officer, EventKind.OFFICER_ENABLED if active else EventKind.OFFICER_DISABLED
    )


def unlock(tx: Tx, hall: HallRef, username: str) -> OfficerAccount:
    """Lift a lockout now and forget the wrong passwords counted so far."""
    officer = _officer(tx, hall, username)
    if officer.failed_logins == 0 and officer.locked_until is None:
        return _account(tx, officer)
    officer.failed_logins = 0
    officer.locked_until = None
    return _changed(tx, hall, officer, EventKind.OFFICER_UNLOCKED)


def set_role(tx: Tx, hall: HallRef, username: str, role: Role | str) -> OfficerAccount:
    new_role = _role(role)
    officer = _officer(tx, hall, username)
    if officer.role == new_role:
        return _account(tx, officer)
    _keep_an_admin(tx, hall, officer)
    officer.role = new_role
    return _changed(tx, hall, officer, EventKind.OFFICER_ROLE_CHANGED)


def set_password(tx: Tx, hall: HallRef, username: str, password: str) -> OfficerAccount:
    """A new password (argon2, the same minimum as a new account's); a lock stays as it is."""
    _check_password(password)
    officer = _officer(tx, hall, username)
    officer.password_hash = _hasher.hash(password)
    return _changed(tx, hall, officer, EventKind.OFFICER_PASSWORD_SET)
