"""Front ends reach the hall through core's public modules only: never core.db, never SQLAlchemy.

The kiosk, the counter, the display, their shared ui/ and the demo open their hall with
``core.hall.HallService`` (connect, subscribe, check_file, dispose); the database layer
below it is core's own business, and so is the error a driver raises.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRONT_ENDS = ("kiosk", "counter", "display", "ui", "demo")
FORBIDDEN = ("sqlalchemy", "core.db")


def forbidden_imports(source: str) -> list[str]:
    """The modules of ``FORBIDDEN`` (or under them) that ``source`` imports, wherever it does."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from core import db" names core.db as well as "from core.db import x" does.
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [
            name for name in names if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        ]
    return found


def sources() -> list[Path]:
    return sorted(path for folder in FRONT_ENDS for path in (ROOT / folder).rglob("*.py"))


def test_the_check_sees_every_way_of_importing() -> None:
    caught = [
        "import sqlalchemy",
        "import sqlalchemy.exc as errors",
        "from sqlalchemy.exc import DBAPIError",
        "from core.db import schema",
        "from core.db.database import Database",
        "from core import db",
        "import core.db.schema",
        "def later():\n    from core.db import schema",
    ]
    for line in caught:
        assert forbidden_imports(line), line
    allowed = ["from core.hall import HallService", "from core import dates", "import core"]
    for line in allowed:
        assert not forbidden_imports(line), line


def test_the_front_ends_are_all_read() -> None:
    found = {path.relative_to(ROOT).parts[0] for path in sources()}
    assert found == set(FRONT_ENDS)


def test_no_front_end_imports_the_database_layer() -> None:
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in sources()
        if (found := forbidden_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
