"""Logging for every Antre program: one rotating file per program in the data directory."""

from __future__ import annotations

import logging
import logging.handlers
import os

from core.config import data_dir


def setup_logging(program: str, level: int = logging.INFO) -> None:
    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / f"{program}.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(os.environ.get("ANTRE_LOG_LEVEL", logging.getLevelName(level)))
