"""The hall's logo: which pictures a hall file may name, and a file front ends can open.

The logo lives in the database (one hall, many PCs). The ticket printer and Qt's pixmaps want
a path, so each PC keeps a copy in its data folder, rewritten only when the picture changed.
Kinds are told by their first bytes, so core needs no imaging library.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from core.config import data_dir
from core.views import HallLogo

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024
EXTENSIONS = {"png": "png", "jpeg": "jpg"}
_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"))


def image_kind(data: bytes) -> str | None:
    """ "png" or "jpeg" by the file's signature; None for anything else."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def default_folder() -> Path:
    return data_dir() / "logos"


def logo_file(logo: HallLogo, folder: Path | None = None) -> Path:
    """``<folder>/<hall code>.png|jpg`` holding the logo (written only when it differs)."""
    folder = default_folder() if folder is None else folder
    path = folder / f"{logo.hall_code}.{EXTENSIONS[logo.kind]}"
    try:
        if path.read_bytes() == logo.data:
            return path
    except OSError:
        pass  # not there yet (or unreadable): write it
    folder.mkdir(parents=True, exist_ok=True)
    # A kiosk and a display on one PC may write at once: each writes its own file, then
    # swaps it in, so nobody ever opens half a picture.
    handle, temporary = tempfile.mkstemp(prefix=f".{logo.hall_code}-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(logo.data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("hall logo written to %s (%d bytes)", path, len(logo.data))
    return path


def logo_path(logo: HallLogo | None, folder: Path | None = None) -> Path | None:
    """The logo's file for a screen or a ticket, or None: no logo, or it cannot be written
    (logged; a hall without its logo still serves)."""
    if logo is None:
        return None
    try:
        return logo_file(logo, folder)
    except OSError as error:
        log.warning("hall logo not written (%s): shown without it", error)
        return None
