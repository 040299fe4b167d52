"""kiosk.printing must stay free of Qt: it runs in worker threads and in headless tests."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kiosk.printing

PACKAGE = Path(kiosk.printing.__file__).parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def test_no_module_imports_qt() -> None:
    sources = sorted(PACKAGE.glob("*.py"))
    assert len(sources) >= 6
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in QT_MODULES, f"{source.name} imports {name}"


def test_importing_the_package_loads_no_qt() -> None:
    code = (
        "import sys, kiosk.printing.printers, kiosk.printing.png_render; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
