"""Migrations match the models; the app refuses schemas it does not know."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from core.db import schema
from core.db.database import Database
from core.db.models import Base
from core.errors import SchemaMismatch


def test_head_constant_matches_alembic(db: Database) -> None:
    assert schema.head_revision(db) == schema.HEAD
    assert schema.HEAD in schema.KNOWN


def test_migrations_build_exactly_the_models(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


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


def test_sqlite_sets_itself_up_postgresql_asks_for_an_upgrade(tmp_path, pg_url: str) -> None:  # noqa: ANN001
    fresh = schema.connect(f"sqlite:///{tmp_path / 'new' / 'antre.db'}")
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
