"""Make ticket text printable on the code page every ESC/POS printer has: CP437.

Indonesian needs no accents, but names, typographic dashes and quotes pasted from office
documents do arrive. Printers of unknown make are told to use CP437 (ESC t 0), and text is
reduced to what CP437 holds, so a ticket never prints as mojibake. Both renderers use this,
so the on-screen preview shows what the paper will show.
"""

from __future__ import annotations

import logging
import unicodedata

log = logging.getLogger(__name__)

PRINTER_ENCODING = "cp437"  # ESC/POS character code table 0

# Characters CP437 lacks but that have an obvious plain equivalent.
_REPLACEMENTS = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2026": "...", "\u2022": "*", "\u00d7": "x", "\u2116": "No.",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "",
    }
)  # fmt: skip


def _encodable(char: str) -> bool:
    try:
        char.encode(PRINTER_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def printable_text(text: str) -> str:
    """Text in CP437 only: known substitutes first, then accents dropped, else '?'."""
    out: list[str] = []
    for char in text.translate(_REPLACEMENTS):
        if _encodable(char):
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and all(_encodable(c) for c in base):
            out.append(base)
        else:
            log.debug("no CP437 equivalent for %r; printing '?'", char)
            out.append("?")
    return "".join(out)
