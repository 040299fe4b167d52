"""A SQLite file that is missing, deleted, moved or replaced is never silently used.

Real files in a temporary folder: the database a test hall lives in is deleted, moved away
(a connection opened before keeps writing to a moved file unless told otherwise) or
replaced by another Antre database, and every read or write says so; nothing is written to
a file that no longer has the database's name.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from core.db.database import Database, Tx
from core.errors import DatabaseMissing, DatabaseUnavailable
from core.events import DayEndedPayload, EventKind
from core.hall import HallService
from tests.sqlite_tamper import delete, move, replace_with_copy, tickets_in

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def file_of(hall: HallService) -> Path:
    assert hall.db.file is not None
    return hall.db.file.path


def refusal(hall: HallService) -> DatabaseMissing:
    with pytest.raises(DatabaseMissing) as error:
        hall.issue("KTP", reserve_for_print=False)
    return error.value


@sqlite_only
def test_a_deleted_file_is_noticed_and_never_recreated(hall: HallService) -> None:
    path = file_of(hall)
    hall.issue("KTP", reserve_for_print=False)  # a pooled connection holds the file open
    delete(path)
    error = refusal(hall)
    assert isinstance(error, DatabaseUnavailable)  # what the front ends show as an outage
    assert error.code == "database_file_gone"
    assert error.message("id").startswith(f"Berkas basis data {path} hilang saat program")
    assert error.message("en").startswith(f"The database file {path} disappeared while")
    with pytest.raises(DatabaseMissing):
        hall.snapshot()  # reads too
    assert not path.exists()


@sqlite_only
def test_nothing_is_written_to_a_file_moved_away(hall: HallService, tmp_path: Path) -> None:
    path = file_of(hall)
    hall.issue("KTP", reserve_for_print=False)
    moved = tmp_path / "moved.db"
    move(path, moved)
    assert refusal(hall).code == "database_file_gone"
    assert tickets_in(moved) == 1  # the open connection did not write A002 there
    move(moved, path)  # the same file back at its path: served again
    assert hall.issue("KTP", reserve_for_print=False).ticket.number == "A002"
    assert tickets_in(path) == 2


@sqlite_only
def test_another_file_at_the_path_is_refused(
    hall: HallService, tmp_path: Path, db_url: str
) -> None:
    path = file_of(hall)
    hall.issue("KTP", reserve_for_print=False)
    replace_with_copy(path)  # a valid Antre database with the same hall in it
    error = refusal(hall)
    assert error.code == "database_file_replaced"
    assert error.message("en") == (
        f"The database file {path} was replaced by another file while the program was"
        " running: nothing was saved. Restart the program to use the new file."
    )
    assert tickets_in(path) == 1
    restarted = HallService.open(Database(db_url), "uji")  # a new program takes the new file
    assert restarted.issue("KTP", reserve_for_print=False).ticket.number == "A002"
    restarted.db.dispose()


@sqlite_only
def test_a_file_that_goes_during_a_write_is_not_written(hall: HallService, tmp_path: Path) -> None:
    """The check is made inside the write transaction, after BEGIN IMMEDIATE, before commit."""
    path = file_of(hall)
    moved = tmp_path / "moved.db"

    def work(tx: Tx) -> None:
        tx.emit(hall.hall.id, EventKind.DAY_ENDED, DayEndedPayload(date(2026, 1, 2), 0, 0))
        move(path, moved)  # after this transaction began

    with pytest.raises(DatabaseMissing):
        hall.db.transact(work)
    with sqlite3.connect(f"{moved.as_uri()}?mode=ro", uri=True) as connection:
        kinds = {kind for (kind,) in connection.execute("SELECT kind FROM events")}
    assert "day.ended" not in kinds


def test_a_missing_file_is_not_created_by_a_database_that_may_not(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "antre.db"
    db = Database(f"sqlite:///{path}")
    with pytest.raises(DatabaseMissing) as error:
        db.read(lambda tx: 1)
    assert (error.value.code, error.value.params["path"]) == ("database_missing", str(path))
    assert not path.parent.exists()
    created = Database(f"sqlite:///{path}", create=True)
    assert created.read(lambda tx: 1) == 1
    assert path.exists()
    assert db.read(lambda tx: 2) == 2  # once made (antre db upgrade), it is served
    created.dispose()
    db.dispose()
