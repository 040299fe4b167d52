"""The touchscreen ticket kiosk (screens, print flow) and its thermal printing package."""

import os as _os
from pathlib import Path as _Path


def _escpos_cache() -> None:
    """Give python-escpos a lasting cache for its printer capabilities.

    Without one it makes a new temporary folder in every process and parses its large
    capabilities file with a pure-Python YAML reader each start (about half a second, and a
    stray folder in /tmp per start). Must run before escpos is imported.
    """
    if _os.environ.get("ESCPOS_CAPABILITIES_PICKLE_DIR"):
        return
    try:
        import platformdirs

        folder = _Path(platformdirs.user_cache_dir("antre", appauthor=False)) / "escpos"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    _os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


_escpos_cache()
