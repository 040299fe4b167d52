"""What happens to a SQLite file behind running programs: deleted, replaced, moved away.

Shared by the core and the front-end tests: each program must notice within 5 s and show
its outage, and nothing may be written to a file that no longer has the database's name.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

SIDECARS = ("", "-wal", "-shm")


def move(path: Path, target: Path) -> None:
    """Rename the database and its WAL files, as a file manager or ``mv`` would."""
    for suffix in SIDECARS:
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{target}{suffix}")


def delete(path: Path) -> None:
    for suffix in SIDECARS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def replace_with_copy(path: Path) -> None:
    """Put another valid Antre database (a copy of this one, as a backup is) at the path."""
    copy = path.with_name(f"copy-{path.name}")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    os.replace(copy, path)
    for suffix in SIDECARS[1:]:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def move_away(path: Path) -> None:
    move(path, moved(path))


def moved(path: Path) -> Path:
    return path.with_name(f"moved-{path.name}")


def tickets_in(path: Path) -> int:
    """Tickets stored in a database file, read without Antre (read-only, nothing created)."""
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT count(*) FROM tickets").fetchone()[0]


TAMPERS: dict[str, Callable[[Path], None]] = {
    "deleted": delete,
    "replaced": replace_with_copy,
    "moved-away": move_away,
}
