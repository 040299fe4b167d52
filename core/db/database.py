"""Engines and units of work for SQLite (one PC) and PostgreSQL (a hall of many PCs).

Every service function runs inside :meth:`Database.transact`: one transaction, bounded
retries when SQLite is busy or PostgreSQL reports a serialization failure, an optional
request id that makes a retried request return its first result, and the events of the
change written (and NOTIFYed) in the same transaction.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Engine,
    Integer,
    String,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from core import clock
from core.db import models as m
from core.errors import ConfigError, DatabaseUnavailable

log = logging.getLogger(__name__)

T = TypeVar("T")
NOTIFY_CHANNEL = "antre_events"
EVENT_LOCK_SPACE = 0x616E  # first key of the per-hall advisory lock that orders event ids
RETRIES = 8


@dataclass
class Tx:
    """What a service function gets: the session, the instant it acts at, and the event log."""

    session: Session
    now: datetime
    dialect: str
    events: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    def emit(self, hall_id: int, kind: str, payload: dict[str, Any]) -> None:
        self.events.append((hall_id, kind, payload))

    def upsert(self, model: type[m.Base]) -> Any:
        """INSERT … ON CONFLICT for this engine (both support it, with RETURNING)."""
        return dialect_insert(self.dialect)(model)

    def run(self, statement: Any, params: dict[str, Any] | None = None) -> Any:
        """Execute a prebuilt Core statement on the transaction's connection.

        Hot paths (issue, call next) build their statements once at import, with bind
        parameters: building a SELECT costs more Python time than SQLite takes to run it.
        """
        return self.session.connection().execute(statement, params or {})


@cache
def dialect_insert(dialect: str) -> Callable[..., Any]:
    """The INSERT construct with ON CONFLICT support, imported only for the engine in use."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


@cache
def _claim_statement(dialect: str) -> Any:
    return (
        dialect_insert(dialect)(m.Request)
        .values(
            hall_id=bindparam("hall"),
            request_id=bindparam("request"),
            operation=bindparam("operation_name"),
            result=None,
            created_at=bindparam("at"),
        )
        .on_conflict_do_nothing()
        .returning(m.Request.request_id)
    )


_STORED_REQUEST = select(m.Request.operation, m.Request.result).where(
    m.Request.hall_id == bindparam("hall"), m.Request.request_id == bindparam("request")
)
_STORE_RESULT = (
    update(m.Request)
    .where(m.Request.hall_id == bindparam("hall"))
    .where(m.Request.request_id == bindparam("request"))
    .values(result=bindparam("stored", type_=m.Request.result.type))
)
_INSERT_EVENTS = insert(m.Event).inline()  # no RETURNING of the new id: nothing reads it
_EVENT_LOCK = select(
    func.pg_advisory_xact_lock(bindparam("space"), bindparam("e_hall", type_=Integer)),
    func.pg_notify(bindparam("channel"), cast(bindparam("e_hall", type_=Integer), Text)),
).subquery("event_lock")
_INSERT_EVENT_LOCKED = insert(m.Event).from_select(
    ["hall_id", "kind", "payload", "created_at"],
    select(
        bindparam("e_hall", type_=Integer),
        bindparam("e_kind", type_=String),
        bindparam("e_payload", type_=m.Event.payload.type),
        bindparam("e_at", type_=m.Event.created_at.type),
    ).select_from(_EVENT_LOCK),
)
_INSERT_EVENT_LOCKED_STORING = _INSERT_EVENT_LOCKED.add_cte(_STORE_RESULT.cte("stored"))


def _is_busy(error: DBAPIError) -> bool:
    message = str(error.orig).lower()
    if "database is locked" in message or "database table is locked" in message:
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in {"40001", "40P01", "55P03"}


def _is_disconnect(error: DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    message = str(error.orig).lower()
    return any(
        words in message
        for words in (
            "connection refused",
            "could not connect",
            "server closed the connection",
            "connection is closed",
            "terminating connection",
            "connection timeout",
            "timeout expired",
            "unable to open database file",
            "the connection is lost",
            "consuming input failed",
            "no route to host",
            "does not exist",
        )
    )


class Database:
    """One database (SQLite file or PostgreSQL server) holding one or more halls."""

    def __init__(self, url: str) -> None:
        try:
            self.url = make_url(url)
        except ArgumentError:
            raise ConfigError("bad_database_url", url=url) from None
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ConfigError("bad_database_url", url=url)
        self.engine = self._create_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            database = self.url.database
            if database and database != ":memory:":
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                self.url,
                connect_args={"timeout": 30, "check_same_thread": False},
            )
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        if self.url.drivername == "postgresql":
            self.url = self.url.set(drivername="postgresql+psycopg")
        # No pre-ping: it would cost a round trip on every transaction. A pooled connection
        # the server dropped fails on its first statement instead, and ``transact`` retries
        # once on a new one (see there).
        return create_engine(
            self.url,
            pool_size=4,
            max_overflow=8,
            connect_args={"connect_timeout": 3, "options": "-c statement_timeout=15000"},
        )

    def dispose(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self, write: bool) -> Iterator[Session]:
        connection = self.engine.connect()
        try:
            if self.is_sqlite:
                connection = connection.execution_options(antre_write=write)
            session = self._sessions(bind=connection)
            try:
                yield session
            finally:
                session.close()
        finally:
            connection.close()

    def transact(
        self,
        work: Callable[[Tx], T],
        *,
        write: bool = True,
        request: tuple[int, str, str] | None = None,
        encode: Callable[[T], Any] | None = None,
        decode: Callable[[Any], T] | None = None,
    ) -> T:
        """Run ``work`` in one transaction and commit it with its events.

        ``request`` is (hall id, request id, operation name): a request id seen before
        returns the stored result (``decode``d) and applies nothing.
        """
        reconnected = False
        for attempt in range(RETRIES):
            committing = False
            try:
                with self._session(write) as session:
                    tx = Tx(session=session, now=clock.now(), dialect=self.dialect)
                    if request is not None:
                        stored = self._claim_request(tx, request)
                        if stored is not _NEW and decode is not None:
                            session.rollback()
                            return decode(stored)
                    result = work(tx)
                    stored = None
                    if request is not None and encode is not None:
                        stored = {
                            "hall": request[0],
                            "request": request[1],
                            "stored": {"value": encode(result)},
                        }
                    committing = True  # from here the outcome may be unknown after an error
                    if write and tx.is_postgres and tx.events:
                        _write_events_and_commit(tx, stored)
                    elif write:
                        _write_events(tx, stored)
                    elif stored is not None:
                        tx.run(_STORE_RESULT, stored)
                    session.commit()
                    return result
            except DBAPIError as error:
                if _is_busy(error) and attempt < RETRIES - 1:
                    time.sleep(min(0.5, 0.005 * 2**attempt) * (0.5 + random.random()))
                    continue
                # A pooled connection the server closed (restart, idle timeout) fails on its
                # first use; the pool drops its connections and one retry gets a fresh one.
                # Never when the commit itself failed: it may have been applied, and only a
                # request id (which replays the stored result) makes a second try safe.
                replayable = not committing or request is not None
                if error.connection_invalidated and replayable and not reconnected:
                    reconnected = True
                    log.info("database connection lost, reconnecting: %s", error.orig)
                    continue
                if isinstance(error, OperationalError) or _is_disconnect(error):
                    log.warning("database unavailable: %s", error.orig)
                    raise DatabaseUnavailable(
                        "database_unavailable", detail=str(error.orig)
                    ) from error
                raise
        raise AssertionError("unreachable")

    def read(self, work: Callable[[Tx], T]) -> T:
        return self.transact(work, write=False)

    def _claim_request(self, tx: Tx, request: tuple[int, str, str]) -> Any:
        hall_id, request_id, operation = request
        if not request_id or len(request_id) > 64:
            raise ConfigError("bad_request_id", request_id=request_id)
        key = {"hall": hall_id, "request": request_id}
        claimed = tx.run(
            _claim_statement(tx.dialect), key | {"operation_name": operation, "at": tx.now}
        ).first()
        if claimed is not None:
            return _NEW
        row = tx.run(_STORED_REQUEST, key).one()
        if row.operation != operation:
            raise ConfigError("request_id_reused", request_id=request_id, operation=row.operation)
        return (row.result or {}).get("value")


def _write_events(tx: Tx, stored: dict[str, Any] | None) -> None:
    """Append the transaction's events, and store a request's result (``stored``).

    On PostgreSQL the result is stored by the statement that inserts the first event:
    one round trip fewer for every request that carries an id."""
    if stored is not None and not (tx.is_postgres and tx.events):
        tx.run(_STORE_RESULT, stored)
    if not tx.events:
        return
    rows = [
        {"hall_id": hall_id, "kind": kind, "payload": payload, "created_at": tx.now}
        for hall_id, kind, payload in tx.events
    ]
    if tx.is_postgres:
        # Event ids must become visible in id order, or a subscriber reading "after
        # cursor N" could skip one committed late: each hall's first event is inserted
        # by a statement that first takes the hall's event lock (held until commit) and
        # queues the NOTIFY (delivered at commit), so the lock is held for as short a
        # time as it can be: this one statement and the commit.
        firsts: dict[int, dict[str, Any]] = {}
        for row in rows:
            firsts.setdefault(row["hall_id"], row)
        for hall_id in sorted(firsts):
            first = firsts[hall_id]
            statement, extra = _INSERT_EVENT_LOCKED, {}
            if stored is not None:
                statement, extra, stored = _INSERT_EVENT_LOCKED_STORING, stored, None
            tx.run(
                statement,
                extra
                | {
                    "space": EVENT_LOCK_SPACE,
                    "channel": NOTIFY_CHANNEL,
                    "e_hall": hall_id,
                    "e_kind": first["kind"],
                    "e_payload": first["payload"],
                    "e_at": first["created_at"],
                },
            )
        rows = [row for row in rows if all(row is not f for f in firsts.values())]
    for row in rows:  # one by one: an executemany reads results back, which a pipeline defers
        tx.run(_INSERT_EVENTS, row)


def _write_events_and_commit(tx: Tx, stored: dict[str, Any] | None) -> None:
    """PostgreSQL: send the events and COMMIT in one pipeline (one round trip).

    The first event's statement takes the hall's event lock, which every writer of the hall
    then waits for until this commit. Sent together, the server runs the INSERT and the
    COMMIT back to back: the lock is never held while the server waits for this client,
    which on a busy PC may be waiting for a CPU.
    """
    import psycopg

    connection = tx.session.connection()
    driver = connection.connection.driver_connection
    try:
        with driver.pipeline():
            _write_events(tx, stored)
            driver.commit()
    except psycopg.Error as error:
        # Raised at the pipeline's sync, outside SQLAlchemy: wrap it as SQLAlchemy would,
        # and drop a connection the server closed so that the pool does not lend it again.
        lost = driver.closed
        if lost:
            connection.invalidate(error)
        raise DBAPIError.instance(
            None, None, error, psycopg.Error, connection_invalidated=lost
        ) from error


_NEW = object()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide between BEGIN and BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    # Writers take the write lock up front, so two writers never deadlock on upgrade.
    immediate = connection.get_execution_options().get("antre_write", True)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
