"""Real outages for the counter's tests: the database goes away behind a connection.

PostgreSQL refuses connections to the test database and its sessions are terminated;
SQLite's file disappears behind the connection's path (a directory takes its place, as
when a network share drops) and the connection's open handles are dropped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from core.db.database import Database

PG_SERVER = os.environ.get("ANTRE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


class Outage:
    """Takes a window's database away and brings it back."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.down = False

    def window_url(self) -> str:
        return self.url

    def stop(self, window_db: Database) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError


class PostgresOutage(Outage):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.name = make_url(url).database
        self.admin = psycopg.connect(PG_SERVER, autocommit=True)

    def stop(self, window_db: Database) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS false')
        self.admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,),
        )
        self.down = True

    def start(self) -> None:
        self.admin.execute(f'ALTER DATABASE "{self.name}" WITH ALLOW_CONNECTIONS true')
        self.down = False

    def close(self) -> None:
        if self.down:
            self.start()
        self.admin.close()


class SqliteOutage(Outage):
    """The window reaches the file through a folder link; the outage swaps the link away."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        super().__init__(url)
        real = Path(make_url(url).database)
        self.link = tmp_path / "share"
        self.link.symlink_to(real.parent, target_is_directory=True)
        self.parked = tmp_path / "share-offline"
        self.file_name = real.name

    def window_url(self) -> str:
        return f"sqlite:///{(self.link / self.file_name).as_posix()}"

    def stop(self, window_db: Database) -> None:
        self.link.rename(self.parked)
        (self.link / self.file_name).mkdir(parents=True)  # cannot be opened as a database
        window_db.dispose()  # open handles would outlive a rename; a dropped share kills them
        self.down = True

    def start(self) -> None:
        for _ in range(50):  # the window keeps knocking (and may leave a -journal behind)
            shutil.rmtree(self.link, ignore_errors=True)
            if not self.link.exists():
                break
        self.parked.rename(self.link)
        self.down = False

    def close(self) -> None:
        if self.down:
            self.start()
