"""Find the line of a key path such as ``agencies[2].services[1].prefix`` in TOML text.

tomllib gives values, not positions; halls' files are written in the plain table style
(``[hall]``, ``[[agencies]]``, ``[[agencies.services]]``), which this follows.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?")
_PART = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _table_path(header: str, counters: dict[str, int], is_array: bool) -> tuple[str, ...]:
    """Turn a header into an indexed path, counting array-of-tables entries."""
    names = header.split(".")
    path: list[str] = []
    for depth, name in enumerate(names):
        key = ".".join(path) + "/" + name
        if is_array and depth == len(names) - 1:
            counters[key] = counters.get(key, -1) + 1
        path.append(f"{name}[{counters[key]}]" if key in counters else name)
    return tuple(path)


def line_of(text: str, where: str) -> int | None:
    """1-based line of ``where`` in ``text``, or of its nearest enclosing table."""
    target = [m.group(0) for m in _PART.finditer(where)]
    counters: dict[str, int] = {}
    current: tuple[str, ...] = ()
    best: tuple[int, int] | None = None  # (matched depth, line)
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            current = _table_path(header.group(2), counters, header.group(1) == "[[")
            depth = len(current)
            if tuple(target[:depth]) == current and (best is None or depth >= best[0]):
                best = (depth, number)
            continue
        key = line.split("=", 1)[0].strip().strip('"') if "=" in line else None
        if key is None:
            continue
        full = (*current, key)
        depth = len(full)
        if tuple(target[:depth]) == full and (best is None or depth > best[0]):
            best = (depth, number)
    return best[1] if best else None
