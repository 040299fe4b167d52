"""What a queue ticket says and in which order, independent of how it is printed.

The layout is computed once, as a list of small element objects, so the thermal printer
(`escpos_render`) and the on-screen preview (`png_render`) show exactly the same ticket.
Sizes are in printer terms (font A columns, size multipliers, dots) because the paper is
the harder constraint; the preview imitates the printer, not the other way round.
"""

from __future__ import annotations

import logging
import textwrap
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal, TypedDict

import qrcode
import qrcode.constants

from core import dates
from core.language import Language
from kiosk.printing.charset import printable_text

log = logging.getLogger(__name__)

Align = Literal["left", "center", "right"]


class Words(TypedDict):
    """Every word a citizen reads on the ticket; one small dict per language below."""

    heading: str
    people_ahead: str
    wait: str
    wait_minutes: str
    wait_under_minute: str
    counters_one: str
    counters_many: str


WORDS_ID: Words = {
    "heading": "NOMOR ANTREAN",
    "people_ahead": "Antrean sebelum Anda",
    "wait": "Perkiraan waktu tunggu",
    "wait_minutes": "± {n} menit",
    "wait_under_minute": "kurang dari 1 menit",
    "counters_one": "Dilayani di Loket {numbers}",
    "counters_many": "Dilayani di Loket {numbers}",
}
WORDS_EN: Words = {
    "heading": "QUEUE NUMBER",
    "people_ahead": "People ahead of you",
    "wait": "Estimated wait",
    "wait_minutes": "about {n} min",
    "wait_under_minute": "under 1 min",
    "counters_one": "Served at counter {numbers}",
    "counters_many": "Served at counters {numbers}",
}
WORDS: dict[str, Words] = {"id": WORDS_ID, "en": WORDS_EN}

QR_ERROR_CORRECTION = "M"  # survives a crumpled ticket; both renderers use it
MAX_SIZE = 8  # largest ESC/POS character multiplier (GS !)


@dataclass(frozen=True)
class PaperSpec:
    """A paper roll as the printer sees it: printable dots and font A columns."""

    name: str
    width_mm: int
    dots: int
    columns: int

    @property
    def cell_width(self) -> int:
        """Dots per font A character (12 on all common models)."""
        return self.dots // self.columns

    @property
    def cell_height(self) -> int:
        """Font A is twice as tall as it is wide (12 x 24 dots)."""
        return self.cell_width * 2

    @property
    def line_pitch(self) -> int:
        """Paper advance per normal line: the default 1/6 inch spacing, about 30 dots."""
        return self.cell_height + self.cell_height // 4


PAPER_58MM = PaperSpec("58mm", 58, 384, 32)
PAPER_80MM = PaperSpec("80mm", 80, 576, 48)
PAPER_80MM_42COL = PaperSpec("80mm-42col", 80, 512, 42)
PAPERS: dict[str, PaperSpec] = {p.name: p for p in (PAPER_58MM, PAPER_80MM, PAPER_80MM_42COL)}


@dataclass(frozen=True)
class PrintableTicket:
    """Everything printed on one ticket, already decided and translated by the caller."""

    hall_name: str
    logo_path: Path | None
    number: str
    service_name: str
    agency_name: str
    issued_at: datetime  # aware, already in the hall's local time
    zone_label: str  # "WIB", "WITA" or "WIT"
    people_ahead: int
    estimated_wait_minutes: int | None
    priority_label: str | None
    qr_payload: str | None
    footer_lines: tuple[str, ...] = ()
    language: Language = "id"
    counters: tuple[int, ...] = ()  # the loket that serve it: open at issue, else assigned

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None or self.issued_at.utcoffset() is None:
            raise ValueError("issued_at must be timezone-aware (hall local time)")
        if self.language not in WORDS:
            raise ValueError(f"language must be one of {sorted(WORDS)}, not {self.language!r}")
        if not self.number.strip():
            raise ValueError("ticket number is empty")
        if self.people_ahead < 0:
            raise ValueError("people_ahead cannot be negative")
        if self.estimated_wait_minutes is not None and self.estimated_wait_minutes < 0:
            raise ValueError("estimated_wait_minutes cannot be negative")
        # A list passed by mistake would make the frozen ticket mutable and unhashable.
        object.__setattr__(self, "footer_lines", tuple(self.footer_lines))
        object.__setattr__(self, "counters", tuple(self.counters))


@dataclass(frozen=True)
class TextLine:
    """One printed line; width/height are the ESC/POS character multipliers (1..8)."""

    text: str
    align: Align = "center"
    width: int = 1
    height: int = 1
    bold: bool = False
    invert: bool = False

    def __post_init__(self) -> None:
        if not (1 <= self.width <= MAX_SIZE and 1 <= self.height <= MAX_SIZE):
            raise ValueError(f"size multipliers must be 1..{MAX_SIZE}: {self!r}")


@dataclass(frozen=True)
class Qr:
    """A QR code; module_size is dots per module, as ESC/POS `GS ( k` expects."""

    payload: str
    module_size: int


@dataclass(frozen=True)
class Image:
    """A raster image (the hall logo), scaled by the renderer to fit the box in dots."""

    path: Path
    max_width: int
    max_height: int


@dataclass(frozen=True)
class Feed:
    """Blank lines of normal height."""

    lines: int = 1


@dataclass(frozen=True)
class Cut:
    """Feed past the cutter and cut (partial cut keeps tickets from dropping on the floor)."""

    partial: bool = True


LayoutElement = TextLine | Qr | Image | Feed | Cut


def wrap_words(text: str, columns: int) -> list[str]:
    """Wrap at spaces only; a word longer than a whole line is the one thing we break.

    Text is made printable first, so a substitution such as '…' -> '...' is counted.
    """
    width = max(1, columns)
    words: list[str] = []
    for word in printable_text(text).split():
        words += [word[i : i + width] for i in range(0, len(word), width)]
    lines = textwrap.wrap(
        " ".join(words), width=width, break_long_words=False, break_on_hyphens=False
    )
    return lines or [""]


def wrap_balanced(text: str, columns: int) -> list[str]:
    """Wrap into as few lines as wrap_words, but with even lengths: no lone last word."""
    lines = wrap_words(text, columns)
    if len(lines) < 2:
        return lines
    longest_word = max(len(word) for word in " ".join(lines).split())
    for width in range(max(longest_word, len(" ".join(lines)) // len(lines)), columns):
        candidate = wrap_words(text, width)
        if len(candidate) == len(lines):
            return candidate
    return lines


def format_issued_at(ticket: PrintableTicket) -> str:
    """'Minggu, 22 November 2026 10:15 WIB': written out, so no OS locale is needed."""
    when = ticket.issued_at
    return f"{dates.written_date(when, ticket.language)} {when:%H:%M} {ticket.zone_label}"


def number_size(number: str, paper: PaperSpec) -> int:
    """Largest square multiplier at which the number fits, keeping one blank column each side."""
    return max(1, min(MAX_SIZE, (paper.columns - 2) // len(number)))


def qr_module_size(payload: str, paper: PaperSpec) -> int:
    """Dots per module so the code is about half the paper wide: easy to scan, not wasteful."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    target = min(paper.dots // 2, 240)
    return max(2, min(8, target // code.modules_count))


def _centered(text: str, columns: int, *, height: int = 1, bold: bool = False) -> list[TextLine]:
    return [TextLine(line, height=height, bold=bold) for line in wrap_balanced(text, columns)]


def _label_value(label: str, value: str, columns: int) -> list[TextLine]:
    """'Label: value' on one line if it fits; otherwise the value gets a line of its own."""
    joined = f"{label}: {value}"
    if len(joined) <= columns:
        return [TextLine(joined)]
    return _centered(f"{label}:", columns) + _centered(value, columns)


def _date_lines(ticket: PrintableTicket, columns: int) -> list[TextLine]:
    """Date and time on one line, or the time on its own line on narrow paper."""
    full = format_issued_at(ticket)
    if len(full) <= columns:
        return [TextLine(full)]
    time_part = f"{ticket.issued_at:%H:%M} {ticket.zone_label}"
    date_part = full.removesuffix(time_part).rstrip()
    return _centered(date_part, columns) + _centered(time_part, columns)


def counters_text(ticket: PrintableTicket) -> str:
    """'Dilayani di Loket 1, 2, 5', or '' when the service has no loket."""
    words = WORDS[ticket.language]
    if not ticket.counters:
        return ""
    numbers = ", ".join(str(n) for n in ticket.counters)
    key: Literal["counters_one", "counters_many"] = (
        "counters_one" if len(ticket.counters) == 1 else "counters_many"
    )
    return words[key].format(numbers=numbers)


def _wait_text(ticket: PrintableTicket) -> str:
    words = WORDS[ticket.language]
    minutes = ticket.estimated_wait_minutes
    if minutes is not None and minutes < 1:
        return words["wait_under_minute"]
    return words["wait_minutes"].format(n=minutes)


def layout_ticket(ticket: PrintableTicket, paper: PaperSpec) -> list[LayoutElement]:
    """Turn a ticket into printable elements for one paper width (see DOMAIN.md section 3)."""
    cols = paper.columns
    words = WORDS[ticket.language]
    rule = TextLine("-" * cols)
    out: list[LayoutElement] = []
    if ticket.logo_path is not None:
        out += [Image(ticket.logo_path, paper.dots // 2, paper.cell_height * 4), Feed(1)]
    out += _centered(ticket.hall_name, cols, height=2, bold=True)
    out += [rule, TextLine(words["heading"], bold=True)]
    number = printable_text(ticket.number.strip())
    size = number_size(number, paper)
    out.append(TextLine(number, width=size, height=size, bold=True))
    if ticket.priority_label:
        # Padding spaces widen the inverted (white on black) band around the words.
        out += [TextLine(f" {line} ", invert=True, bold=True, height=2)
                for line in wrap_words(ticket.priority_label, cols - 2)]  # fmt: skip
    out += _centered(ticket.service_name, cols, bold=True)
    out += _centered(ticket.agency_name, cols)
    if ticket.counters:
        out += _centered(counters_text(ticket), cols, bold=True)
    out += [rule]
    out += _date_lines(ticket, cols)
    out += _label_value(words["people_ahead"], str(ticket.people_ahead), cols)
    if ticket.estimated_wait_minutes is not None:
        out += _label_value(words["wait"], _wait_text(ticket), cols)
    if ticket.qr_payload:
        out += [Feed(1), Qr(ticket.qr_payload, qr_module_size(ticket.qr_payload, paper))]
    if ticket.footer_lines:
        out.append(Feed(1))
        for footer in ticket.footer_lines:
            out += _centered(footer, cols)
    out.append(Cut())
    return out
