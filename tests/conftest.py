"""Shared fixtures: real SQLite files and a real PostgreSQL server, a hall, a fixed clock.

PostgreSQL: ``ANTRE_TEST_PG`` (libpq URL, default postgresql://postgres@127.0.0.1:5432/postgres)
names a server where a scratch database is created for the run and dropped after it.
With ``ANTRE_REQUIRE_PG=1`` (CI) an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import faulthandler
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANTRE_DATA_DIR", tempfile.mkdtemp(prefix="antre-test-data-"))
os.environ.pop("ANTRE_NOW", None)
os.environ.pop("ANTRE_DB", None)
os.environ.pop("ANTRE_HALL", None)
os.environ.setdefault("ANTRE_CONFIG", str(Path(tempfile.mkdtemp()) / "no-config.toml"))

import psycopg
import pytest
from sqlalchemy import text

from core import clock
from core.db import schema
from core.db.database import Database
from core.db.models import Base
from core.hall import HallService
from core.hallfile import store

ROOT = Path(__file__).resolve().parent.parent


# A test that outlives this is stuck where pytest-timeout's signal cannot reach it (a thread
# of Qt's waiting for the GIL that the main thread holds while it waits for that thread): dump
# every thread's stack on the terminal and end the run, instead of hanging CI for its 90 minutes.
HARD_LIMIT_S = float(os.environ.get("ANTRE_TEST_HARD_LIMIT_S", "420"))
_terminal_fd: int | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _terminal_fd
    _terminal_fd = os.dup(2)  # the terminal's standard error: capture has not begun yet


@pytest.fixture(autouse=True)
def _hard_limit() -> Iterator[None]:
    if _terminal_fd is not None:
        faulthandler.dump_traceback_later(HARD_LIMIT_S, exit=True, file=_terminal_fd)
    yield
    faulthandler.cancel_dump_traceback_later()


SMALL_HALL = ROOT / "tests" / "data" / "small-hall.toml"
SAMPLE_HALL = ROOT / "assets" / "halls" / "mpp-lampung-timur.toml"
PG_SERVER = os.environ.get("ANTRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
WIB_MONDAY_9 = datetime.fromisoformat("2026-11-23T09:00:00+07:00")


def _pg_required() -> bool:
    return os.environ.get("ANTRE_REQUIRE_PG") == "1" or os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A scratch PostgreSQL database for this test run (SQLAlchemy URL)."""
    try:
        admin = psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        if _pg_required():
            pytest.fail(f"PostgreSQL is required here but unreachable at {PG_SERVER}: {error}")
        pytest.skip(f"PostgreSQL unreachable at {PG_SERVER}")
    name = f"antre_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_SERVER.rsplit("/", 1)[0]
    url = f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    db = Database(url)
    schema.upgrade(db)
    db.dispose()
    try:
        yield url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# Every sequence of the schema back at its start, as in a new database.
_RESTART_SEQUENCES = text(
    "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)"
    " FROM pg_sequences WHERE schemaname = current_schema()"
)
_FEW_ROWS = 500  # a table at most this long is emptied by DELETE


def _truncate(url: str) -> None:
    """Empty every table of the scratch PostgreSQL database and restart its ids.

    A test leaves a few rows: DELETE, children first, removes them in about 2 ms where
    TRUNCATE of every table takes 60-90 ms (it replaces each table's files), and the run
    empties the database before each of several hundred tests. After a test that filled a
    table (the query-plan tests) TRUNCATE it is: DELETE checks every row's foreign keys.
    """
    tables = list(reversed(Base.metadata.sorted_tables))
    longest = " UNION ALL ".join(
        f'SELECT count(*) FROM (SELECT 1 FROM "{t.name}" LIMIT {_FEW_ROWS + 1}) AS s'
        for t in tables
    )
    db = Database(url)
    with db.engine.begin() as connection:
        if max(connection.execute(text(longest)).scalars()) <= _FEW_ROWS:
            for table in tables:
                connection.execute(text(f'DELETE FROM "{table.name}"'))
            connection.execute(_RESTART_SEQUENCES)
        else:
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to the newest schema for the whole run.

    Alembic takes 0.1-0.7 s a database; a copy of this file takes about a millisecond. It is
    left as the app leaves a closed file: WAL mode (kept in the file's header), every page
    checkpointed into the main file and no -wal/-shm beside it, so the one file is whole.
    """
    path = tmp_path_factory.mktemp("template") / "antre.db"
    db = Database(f"sqlite:///{path.as_posix()}", create=True)
    schema.upgrade(db)
    db.dispose()  # the last connection closed: SQLite checkpoints and removes the -wal file
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the template is not one closed file: {leftovers}"
    return path


def copy_template(template: Path, path: Path) -> str:
    """A new, empty, migrated SQLite database at ``path`` (a copy of ``template``); its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database on each engine."""
    if request.param == "sqlite":
        return copy_template(request.getfixturevalue("sqlite_template"), tmp_path / "antre.db")
    url = request.getfixturevalue("pg_url")
    _truncate(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


class ManualClock:
    """A fixed clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.instant = start

    def __call__(self) -> datetime:
        return self.instant

    def set(self, value: datetime | str) -> None:
        self.instant = datetime.fromisoformat(value) if isinstance(value, str) else value

    def advance(self, **delta: float) -> None:
        self.instant += timedelta(**delta)


@pytest.fixture
def fixed_clock() -> Iterator[ManualClock]:
    """Monday 23 November 2026, 09:00 WIB, until the test moves it."""
    test_clock = ManualClock(WIB_MONDAY_9)
    clock.set_clock(test_clock)
    yield test_clock
    clock.set_clock(None)


@pytest.fixture
def screenshots_dir(tmp_path: Path) -> Path:
    """Where a screenshot test saves its pictures: the folder ANTRE_SCREENSHOTS_DIR names
    (``./run screenshots`` names docs/screenshots/), else the test's own temporary folder, so
    that a plain test run takes and checks every picture without changing a tracked file."""
    chosen = os.environ.get("ANTRE_SCREENSHOTS_DIR")
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def draw_logo(path: Path, kind: str = "png", size: int = 240) -> Path:
    """A made-up emblem (no real hall's or government's logo) saved as PNG or JPEG."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, size - 1, size - 1), fill="#0F766E")
    ring = round(size * 0.07)
    draw.ellipse((ring, ring, size - 1 - ring, size - 1 - ring), fill="#FFFFFF")
    inner = round(size * 0.16)
    draw.ellipse((inner, inner, size - 1 - inner, size - 1 - inner), fill="#F59E0B")
    font = ImageFont.load_default(size=round(size * 0.26))
    draw.text((size / 2, size / 2), "UJI", fill="#FFFFFF", font=font, anchor="mm")
    if kind == "jpeg":
        flat = Image.new("RGB", image.size, "#FFFFFF")
        flat.paste(image, mask=image.getchannel("A"))
        flat.save(path, "JPEG", quality=90)
    else:
        image.save(path, "PNG")
    return path


def with_logo(text: str, name: str) -> str:
    """Hall-file text with ``logo = name`` added to its [hall] table."""
    return text.replace("[hall]\n", f'[hall]\nlogo = "{name}"\n', 1)


def import_small_hall(db: Database, folder: Path, logo: str | None) -> None:
    """The small test hall imported (again), naming ``logo`` (a file in ``folder``) or none."""
    text = SMALL_HALL.read_text(encoding="utf-8")
    store.import_spec(db, store.parse(with_logo(text, logo) if logo else text, "uji", folder))


@pytest.fixture
def hall(db: Database, fixed_clock: ManualClock) -> HallService:
    """The small test hall (tests/data/small-hall.toml) with all counters open."""
    store.import_spec(db, store.load(SMALL_HALL))
    service = HallService.open(db, "uji")
    from core.domain.enums import CounterState

    for number in (1, 2, 3):
        service.set_counter_state(number, CounterState.OPEN)
    return service
