"""The SQLite file a Database serves: opened only where it exists, and only while it is the
file that was opened.

SQLite creates a missing file on connect, and a connection keeps working on a file that was
deleted or replaced behind it. Either silently splits a hall: a typo in one PC's settings
gives it a private, empty queue, and a day's work goes into a file that no longer has a
name. So a file is opened with ``mode=rw`` unless the caller may create it, the identity
(device, inode) of the file first opened is kept, and every transaction checks that the
path still names that file. A file moved away and back is the same file again; another
file at the path (a restored backup) is not: the program is restarted to use it, so that
every screen reads the new file from its start rather than resuming from a cursor of the
old one.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from core.errors import DatabaseMissing

FileId = tuple[int, int]
CONNECT_TIMEOUT = 30  # seconds a connection waits for another writer's lock


class SqliteFile:
    def __init__(self, path: Path, *, create: bool) -> None:
        self.path = path
        self.create = create
        self.opened: FileId | None = None  # (st_dev, st_ino) of the file first opened
        self._lock = threading.Lock()

    def current(self) -> FileId | None:
        """The identity of the file the path names now (None: nothing, or not a file)."""
        try:
            status = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return status.st_dev, status.st_ino

    def problem(self) -> str | None:
        """The message code of what is wrong with the path, or None while it is fine."""
        current = self.current()
        if self.opened is None:
            return "database_missing" if current is None and not self.create else None
        if current is None:
            return "database_file_gone"
        return None if current == self.opened else "database_file_replaced"

    def check(self) -> None:
        """Raise DatabaseMissing unless the path names the file this program opened."""
        code = self.problem()
        if code is not None:
            raise DatabaseMissing(code, path=str(self.path))

    def connect(self) -> sqlite3.Connection:
        """A new DB-API connection (the engine's creator), on the file first opened only."""
        if self.create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.check()
        mode = "rwc" if self.create else "rw"
        connection = sqlite3.connect(
            f"{self.path.as_uri()}?mode={mode}",
            uri=True,
            timeout=CONNECT_TIMEOUT,
            check_same_thread=False,
        )
        try:
            opened = self.current()  # the file sqlite just opened, barring a swap in between
            with self._lock:
                if self.opened is None and opened is not None:
                    self.opened = opened
            self.check()
        except BaseException:
            connection.close()
            raise
        return connection
