"""Cold starts measured the way an installed Antre starts: with its bytecode compiled.

pip and ``uv pip install --compile-bytecode`` compile every module at install time, and an
installed program keeps its ``__pycache__``. A development checkout may run with
``PYTHONDONTWRITEBYTECODE=1`` (this machine sets it), which makes every start compile some
300 modules from source first. The start-up benches therefore give their child processes a
scratch bytecode cache (``PYTHONPYCACHEPREFIX``, never inside the source tree) and report
the first, compiling start separately: it happens once after an update.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


@contextmanager
def compiled_env(env: Mapping[str, str]) -> Iterator[dict[str, str]]:
    """``env`` with a scratch bytecode cache that children write and reuse."""
    cache = tempfile.mkdtemp(prefix="antre-bench-pycache-")
    child = {**env, "PYTHONPYCACHEPREFIX": cache}
    child.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        yield child
    finally:
        shutil.rmtree(cache, ignore_errors=True)
