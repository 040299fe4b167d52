"""Migrations match the models; the app refuses schemas it does not know."""

from __future__ import annotations

import re
import warnings

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from core.db import schema
from core.db.database import Database
from core.db.models import Base
from core.errors import DatabaseMissing, SchemaMismatch
from core.hall import HallService
from core.hallfile import store
from tests.conftest import SMALL_HALL, draw_logo, with_logo


def test_head_constant_matches_alembic(db: Database) -> None:
    assert schema.head_revision(db) == schema.HEAD
    assert schema.HEAD in schema.KNOWN


QUEUE_INDEX = "ix_tickets_queue"  # on an expression: alembic cannot compare it, see below


def test_migrations_build_exactly_the_models(db: Database) -> None:
    def comparable(_object, name, type_, _reflected, _compare_to) -> bool:
        return not (type_ == "index" and name == QUEUE_INDEX)

    with warnings.catch_warnings():
        # SQLite's reflection says it skipped the expression index: it is checked below.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": comparable}
            )
            differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_the_queue_index_orders_priority_first_then_first_come(db: Database) -> None:
    with db.engine.connect() as connection:
        if db.is_sqlite:
            sql = "SELECT sql FROM sqlite_master WHERE name = :name"
        else:
            sql = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
        definition = connection.execute(text(sql), {"name": QUEUE_INDEX}).scalar_one()
    compact = re.sub(r"::text|[\s()\"]", "", definition.lower())
    assert (
        "service_id,business_date,casewhenpriority='regular'then1else0end,queue_pos,id" in compact
    )
    assert compact.endswith("wherestatus='waiting'")


def test_refuses_a_newer_schema(db_url: str) -> None:
    db = Database(db_url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(SchemaMismatch) as error:
        schema.connect(db_url)
    assert "lebih baru" in error.value.message("id")
    with pytest.raises(SchemaMismatch):
        schema.upgrade(db)
    with db.engine.begin() as connection:
        connection.execute(text(f"UPDATE alembic_version SET version_num = '{schema.HEAD}'"))
    db.dispose()


def test_a_missing_sqlite_file_is_refused_and_nothing_is_made(tmp_path) -> None:
    path = tmp_path / "new" / "antre.db"
    url = f"sqlite:///{path}"
    for opening in (lambda: schema.connect(url), lambda: Database(url).read(lambda tx: 0)):
        with pytest.raises(DatabaseMissing) as error:
            opening()
        assert error.value.message("id") == (
            f"Tidak ada basis data di {path}. Periksa pengaturan basis data, atau buat dengan:"
            " antre db upgrade, lalu antre hall import FILE"
        )
        assert error.value.message("en").startswith(f"No database at {path}. ")
    assert list(tmp_path.iterdir()) == []  # no folder, no empty database


def test_sqlite_sets_itself_up_postgresql_asks_for_an_upgrade(tmp_path, pg_url: str) -> None:
    fresh = schema.connect(f"sqlite:///{tmp_path / 'new' / 'antre.db'}", create=True)
    assert schema.current_revision(fresh) == schema.HEAD
    fresh.dispose()
    import psycopg

    base = pg_url.replace("+psycopg", "").rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS antre_schema_test")
        admin.execute("CREATE DATABASE antre_schema_test")
        try:
            url = f"{base.replace('postgresql://', 'postgresql+psycopg://')}/antre_schema_test"
            with pytest.raises(SchemaMismatch) as error:
                schema.connect(url)
            assert "antre db upgrade" in error.value.message("id")
            db = Database(url)
            assert schema.upgrade(db) == (None, schema.HEAD)
            db.dispose()
            schema.connect(url).dispose()
        finally:
            admin.execute("DROP DATABASE IF EXISTS antre_schema_test WITH (FORCE)")


def _hall_columns(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return {column["name"] for column in inspect(connection).get_columns("halls")}


def test_a_0001_sqlite_database_upgrades_itself_and_keeps_its_data(tmp_path) -> None:
    url = f"sqlite:///{(tmp_path / 'antre.db').as_posix()}"
    old = Database(url, create=True)
    command.upgrade(schema.alembic_config(old), "0001")
    with old.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO halls (id, code, name, short_name, address, timezone, settings,"
                " schedules) VALUES (1, 'lama', 'MPP Lama', 'Lama', 'Jl. Lama 1',"
                " 'Asia/Makassar', '{\"running_text\": \"Halo\"}', '{}')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO agencies (id, hall_id, code, name, short_name, color, icon,"
                " sort_order, active) VALUES (1, 1, 'DUKCAPIL', 'Dukcapil', '', '#1565C0', '',"
                " 0, 1)"
            )
        )
    assert schema.current_revision(old) == "0001"
    assert "logo" not in _hall_columns(old)
    old.dispose()

    db = schema.connect(url)  # SQLite: brought to the newest schema on opening
    try:
        assert schema.current_revision(db) == schema.HEAD == "0006"
        assert {"logo", "logo_type"} <= _hall_columns(db)
        hall = HallService.open(db, "lama")
        assert (hall.hall.name, hall.hall.timezone) == ("MPP Lama", "Asia/Makassar")
        assert hall.settings()["running_text"] == "Halo"
        assert hall.logo() is None
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT code FROM agencies")).scalars().all() == [
                "DUKCAPIL"
            ]
    finally:
        db.dispose()


def test_0002_goes_down_to_0001_and_up_again(db: Database, tmp_path) -> None:
    draw_logo(tmp_path / "l.png")
    store.import_spec(db, store.parse(with_logo(SMALL_HALL.read_text(), "l.png"), "x", tmp_path))
    config = schema.alembic_config(db)
    try:
        command.downgrade(config, "0001")
        assert schema.current_revision(db) == "0001"
        assert "logo" not in _hall_columns(db)
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT code FROM halls")).scalars().all() == ["uji"]
    finally:
        command.upgrade(config, "head")
    assert schema.current_revision(db) == schema.HEAD
    assert HallService.open(db, "uji").logo() is None  # the picture went with its column
