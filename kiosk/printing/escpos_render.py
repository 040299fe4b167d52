"""Turn layout elements into ESC/POS commands through a python-escpos printer object.

Jobs are normally rendered into a `Dummy` printer, giving the complete byte string of a ticket
before any connection is opened (see `printers.py`): a ticket is sent whole or not at all.
Text bypasses python-escpos' code page guessing: the job selects CP437 once (ESC t 0) and the
layout has already reduced the text to CP437 (`charset.py`), so every printer gets the same bytes.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable

from escpos.capabilities import Profile, get_profile
from escpos.constants import CODEPAGE_CHANGE, QR_ECLEVEL_H, QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q
from escpos.escpos import Escpos
from escpos.printer import Dummy
from PIL import Image as PILImage
from PIL import ImageOps

from kiosk.printing import ticket_layout as tl
from kiosk.printing.charset import PRINTER_ENCODING

log = logging.getLogger(__name__)

_QR_LEVELS = {"L": QR_ECLEVEL_L, "M": QR_ECLEVEL_M, "Q": QR_ECLEVEL_Q, "H": QR_ECLEVEL_H}
_CP437_TABLE = b"\x00"  # ESC/POS character code table number of CP437


def paper_profile(paper: tl.PaperSpec) -> Profile:
    """The generic ESC/POS profile, told the paper width so images can be checked and centred."""
    base = get_profile("default")
    profile = Profile(columns=paper.columns, features=dict(base.features))
    # profile_data is shared by every instance of a profile class: copy before changing it.
    data = copy.deepcopy(base.profile_data)
    data["media"] = {"dpi": 203, "width": {"mm": paper.width_mm, "pixels": paper.dots}}
    profile.profile_data = data
    return profile


def new_job_printer(paper: tl.PaperSpec) -> Dummy:
    """A Dummy printer that collects a job's bytes for the given paper."""
    return Dummy(profile=paper_profile(paper))


def encode_text(text: str) -> bytes:
    """Bytes for the printer's CP437 table; anything still unknown becomes '?'."""
    return text.encode(PRINTER_ENCODING, errors="replace")


def _load_logo(element: tl.Image) -> PILImage.Image | None:
    """The logo scaled into its box, or None (with a warning) so a bad file never stops a ticket."""
    try:
        with PILImage.open(element.path) as source:
            logo = ImageOps.exif_transpose(source).convert("RGBA")
    except (OSError, ValueError) as exc:
        log.warning("ticket logo %s cannot be read, printing without it: %s", element.path, exc)
        return None
    logo.thumbnail((element.max_width, element.max_height), PILImage.Resampling.LANCZOS)
    return logo


def _text(printer: Escpos, line: tl.TextLine) -> None:
    printer.set(
        align=line.align,
        bold=line.bold,
        invert=line.invert,
        custom_size=True,
        width=line.width,
        height=line.height,
    )
    printer._raw(encode_text(line.text) + b"\n")


def _text_style_reset(printer: Escpos) -> None:
    """Leave the printer in its normal style for whatever prints after this ticket."""
    printer.set(align="left", bold=False, invert=False, custom_size=True, width=1, height=1)


def _qr(printer: Escpos, element: tl.Qr, native: bool) -> None:
    level = _QR_LEVELS[tl.QR_ERROR_CORRECTION]
    if native:
        # GS ( k: the printer draws the code; ESC a (alignment) centres it.
        printer.set(align="center")
        printer.qr(element.payload, ec=level, size=element.module_size, native=True)
    else:
        printer.qr(element.payload, ec=level, size=element.module_size, native=False, center=True)


def render_elements(
    printer: Escpos,
    elements: Iterable[tl.LayoutElement],
    *,
    native_qr: bool = True,
) -> None:
    """Send elements to printer. native_qr=False draws the QR as an image for old printers."""
    printer.hw("INIT")
    printer._raw(CODEPAGE_CHANGE + _CP437_TABLE)
    for element in elements:
        match element:
            case tl.TextLine():
                _text(printer, element)
            case tl.Qr():
                _qr(printer, element, native_qr)
            case tl.Image():
                logo = _load_logo(element)
                if logo is not None:
                    printer.image(logo, center=True)
            case tl.Feed():
                printer.print_and_feed(element.lines)
            case tl.Cut():
                _text_style_reset(printer)
                printer.cut(mode="PART" if element.partial else "FULL")
            case _:
                raise TypeError(f"unknown layout element {element!r}")


def render_job(
    elements: Iterable[tl.LayoutElement], paper: tl.PaperSpec, *, native_qr: bool = True
) -> bytes:
    """The complete ESC/POS byte string for one ticket."""
    printer = new_job_printer(paper)
    render_elements(printer, elements, native_qr=native_qr)
    return printer.output


def render_ticket_job(
    ticket: tl.PrintableTicket, paper: tl.PaperSpec, *, native_qr: bool = True
) -> bytes:
    """Lay out and render a ticket to ESC/POS bytes."""
    return render_job(tl.layout_ticket(ticket, paper), paper, native_qr=native_qr)
