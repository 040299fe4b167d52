"""Schema versions: upgrade with Alembic, refuse a database newer than this code knows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from core.db.database import Database
from core.errors import DatabaseUnavailable, SchemaMismatch

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration this code knows; a test keeps it equal to Alembic's head. Checking
# against it needs no Alembic import, which keeps every program's start-up fast.
HEAD = "0006"
KNOWN = frozenset({"0001", "0002", "0003", "0004", "0005", "0006"})


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(Path(__file__).resolve().parent.parent / "migrations")
    )
    config.attributes["engine"] = db.engine
    return config


def head_revision(db: Database) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        db.check_file()
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(db: Database) -> tuple[str | None, str]:
    """Bring the schema to the newest revision; returns (before, after)."""
    from alembic import command

    before = current_revision(db)
    _refuse_unknown(revision=before)
    command.upgrade(alembic_config(db), "head")
    return before, current_revision(db) or HEAD


def _refuse_unknown(revision: str | None) -> None:
    if revision is not None and revision not in KNOWN:
        raise SchemaMismatch("schema_too_new", revision=revision)


def ensure_current(db: Database, auto_upgrade: bool) -> None:
    """Check the schema before serving; SQLite (one PC) may upgrade itself."""
    revision = current_revision(db)
    _refuse_unknown(revision)
    if revision == HEAD:
        return
    if auto_upgrade:
        upgrade(db)
        return
    raise SchemaMismatch("schema_outdated" if revision else "schema_missing", revision=revision)


def connect(url: str, *, auto_upgrade: bool | None = None, create: bool = False) -> Database:
    """Open a database ready to serve: schema checked (and upgraded on SQLite by default).

    A missing SQLite file is refused (DatabaseMissing) unless ``create``: only the commands
    that set a database up (``antre db upgrade``, ``antre hall import``, the demo) create one.
    """
    db = Database(url, create=create)
    try:
        ensure_current(db, db.is_sqlite if auto_upgrade is None else auto_upgrade)
    except DBAPIError as error:
        db.dispose()
        raise DatabaseUnavailable("database_unavailable", detail=short_reason(error)) from error
    except Exception:
        db.dispose()
        raise
    return db


def short_reason(error: DBAPIError) -> str:
    """The first line of the driver's message: enough for a person, no stack of details."""
    lines = str(error.orig).strip().splitlines()
    return lines[0] if lines else type(error.orig).__name__
