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
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from core import clock
from core.db import models as m
from core.db.sqlite_file import SqliteFile
from core.errors import AntreError, ConfigError, DatabaseMissing, DatabaseUnavailable
from core.events import PAYLOAD_TYPES, EventKind, EventPayload

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

    def emit(self, hall_id: int, kind: EventKind, payload: EventPayload) -> None:
        """Queue an event, written with the transaction; ``payload`` is the kind's dataclass."""
        if type(payload) is not PAYLOAD_TYPES[kind]:
            raise TypeError(f"{kind} is written with {PAYLOAD_TYPES[kind].__name__}")
        self.events.append((hall_id, kind.value, payload.to_payload()))

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


# A request id is stored with its result at the end of the transaction that applied it;
# the primary key refuses a second one, and the loser answers with the stored result.
_STORE_REQUEST = insert(m.Request).values(
    hall_id=bindparam("hall"),
    request_id=bindparam("request"),
    operation=bindparam("operation_name"),
    result=bindparam("stored", type_=m.Request.result.type),
    created_at=bindparam("at", type_=m.Request.created_at.type),
)
_STORED_REQUEST = select(m.Request.operation, m.Request.result).where(
    m.Request.hall_id == bindparam("hall"), m.Request.request_id == bindparam("request")
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

    def __init__(self, url: str, *, create: bool = False) -> None:
        """``create``: a missing SQLite file may be made (``antre db upgrade``, ``hall
        import``, the demo, test fixtures); otherwise it is refused (DatabaseMissing)."""
        try:
            self.url = make_url(url)
        except ArgumentError:
            raise ConfigError("bad_database_url", url=url) from None
        self.dialect = self.url.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ConfigError("bad_database_url", url=url)
        database = self.url.database if self.dialect == "sqlite" else None
        self.file = (
            SqliteFile(Path(database).expanduser().absolute(), create=create)
            if database and database != ":memory:"
            else None
        )
        self.engine = self._create_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def _create_engine(self) -> Engine:
        if self.is_sqlite:
            if self.file is not None:
                engine = create_engine(self.url, creator=self.file.connect)
            else:
                engine = create_engine(
                    self.url, connect_args={"timeout": 30, "check_same_thread": False}
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

    def check_file(self) -> None:
        """SQLite: raise DatabaseMissing unless the path still names the file opened.

        The pooled connections are dropped then: they hold a file that has no name (or
        another name) now, and must not serve another transaction.
        """
        if self.file is None:
            return
        try:
            self.file.check()
        except DatabaseMissing:
            self.engine.dispose()
            raise

    @contextmanager
    def _session(self, write: bool) -> Iterator[Session]:
        connection = self.engine.connect()
        try:
            if self.is_sqlite:
                connection = connection.execution_options(antre_write=write)
            session = self._sessions(bind=connection)
            try:
                if self.file is not None:
                    session.connection()  # BEGIN (IMMEDIATE for a writer), then look
                    self.check_file()
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

        ``request`` is (hall id, request id, operation name). The id is stored with the
        ``encode``d result by the transaction that applies it; a request whose id was
        stored before applies nothing and returns that result, ``decode``d.
        """
        if request is not None and not (request[1] and len(request[1]) <= 64):
            raise ConfigError("bad_request_id", request_id=request[1])
        reconnected = False
        for attempt in range(RETRIES):
            committing = False
            try:
                with self._session(write) as session:
                    tx = Tx(session=session, now=clock.now(), dialect=self.dialect)
                    try:
                        result = work(tx)
                    except AntreError:
                        # Refused, perhaps because the request was applied before (the
                        # counter now holds the ticket its first try called): then answer
                        # as the first try did.
                        replay = _stored_result(tx, request) if decode is not None else _NEW
                        if replay is _NEW:
                            raise
                        session.rollback()
                        return decode(replay)  # type: ignore[misc]
                    stored = None
                    if request is not None and encode is not None:
                        stored = {
                            "hall": request[0],
                            "request": request[1],
                            "operation_name": request[2],
                            "stored": {"value": encode(result)},
                            "at": tx.now,
                        }
                    committing = True  # from here the outcome may be unknown after an error
                    if write and tx.is_postgres and tx.events:
                        _write_events_and_commit(tx, stored)
                    else:
                        if stored is not None:
                            tx.run(_STORE_REQUEST, stored)
                        if write:
                            _write_events(tx)
                            self.check_file()  # the file may have gone since BEGIN
                    session.commit()
                    return result
            except DBAPIError as error:
                if request is not None and decode is not None and _is_known_request(error):
                    # Applied before (or by a twin request that committed first): this
                    # try is rolled back, and the first one's result is the answer.
                    return decode(self.read(lambda tx: _stored_result(tx, request)))
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


def _write_events(tx: Tx) -> None:
    """Append the transaction's events."""
    if not tx.events:
        return
    rows: list[dict[str, Any]] = [
        {"hall_id": hall_id, "kind": kind, "payload": payload, "created_at": tx.now}
        for hall_id, kind, payload in tx.events
    ]
    if tx.is_postgres:
        # Event ids must become visible in id order, or a subscriber reading "after
        # cursor N" could skip one committed late: each hall's first event is inserted
        # by a statement that first takes the hall's event lock (held until commit) and
        # queues the NOTIFY (delivered at commit). It is sent in one pipeline with the
        # COMMIT (see _write_events_and_commit), so the lock is held for as short a time
        # as it can be.
        firsts: dict[int, dict[str, Any]] = {}
        for row in rows:
            firsts.setdefault(row["hall_id"], row)
        for hall_id in sorted(firsts):
            first = firsts[hall_id]
            tx.run(
                _INSERT_EVENT_LOCKED,
                {
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
    """PostgreSQL: send the request's result, the events and COMMIT in one pipeline (one
    round trip).

    The first event's statement takes the hall's event lock, which every writer of the hall
    then waits for until this commit. Sent together, the server runs the INSERT and the
    COMMIT back to back: the lock is never held while the server waits for this client,
    which on a busy PC may be waiting for a CPU.
    """
    import psycopg

    connection = tx.session.connection()
    driver: Any = connection.connection.driver_connection  # a psycopg.Connection
    try:
        with driver.pipeline():
            if stored is not None:
                tx.run(_STORE_REQUEST, stored)  # before the event lock is taken
            _write_events(tx)
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


def _stored_result(tx: Tx, request: tuple[int, str, str] | None) -> Any:
    """The stored result of a request applied before, else _NEW."""
    if request is None:
        return _NEW
    hall_id, request_id, operation = request
    row = tx.run(_STORED_REQUEST, {"hall": hall_id, "request": request_id}).first()
    if row is None:
        return _NEW
    if row.operation != operation:
        raise ConfigError("request_id_reused", request_id=request_id, operation=row.operation)
    return (row.result or {}).get("value")


def _is_known_request(error: DBAPIError) -> bool:
    """The primary key of ``requests`` refused a request id: it was applied before."""
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    if constraint is not None:
        return constraint == "pk_requests"
    return "UNIQUE constraint failed: requests." in str(error.orig)


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
