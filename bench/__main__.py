"""``python -m bench NAME [options]`` runs ``bench/NAME_bench.py``'s ``main(argv)``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def benches() -> list[str]:
    here = [str(Path(__file__).resolve().parent)]
    return sorted(
        m.name[: -len("_bench")] for m in pkgutil.iter_modules(here) if m.name.endswith("_bench")
    )


def main(argv: list[str]) -> int:
    names = benches()
    if not argv or argv[0] not in names:
        print(
            f"usage: python -m bench {{{'|'.join(names)}}} [options]  (NAME --help for options)",
            file=sys.stderr,
        )
        return 2
    return importlib.import_module(f"bench.{argv[0]}_bench").main(argv[1:]) or 0


if __name__ == "__main__":  # spawned worker processes re-import this module: do nothing then
    sys.exit(main(sys.argv[1:]))
