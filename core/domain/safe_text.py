"""Text that may reach a screen, a ticket or a log line: no invisible control characters.

Control characters (Unicode Cc) and format characters (Cf) — right-to-left overrides and
isolates among them — can make a name read differently from what is stored ("ATAS" shown
as "SATA"), hide text or break a printer's command stream. Two format characters are kept:
the zero-width joiner and non-joiner, which emoji and some scripts need. Long texts may
keep line breaks.
"""

from __future__ import annotations

import unicodedata

from core.phrases import Phrase

_ALLOWED_FORMAT = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner
_LINE_BREAK = "\n"


def unsafe_character(value: str, *, multiline: bool = False) -> str | None:
    """The first character of ``value`` that must not be shown, as U+XXXX; None if none."""
    for character in value:
        if multiline and character == _LINE_BREAK:
            continue
        category = unicodedata.category(character)
        if category in ("Cc", "Zl", "Zp") or (
            category == "Cf" and character not in _ALLOWED_FORMAT
        ):
            return f"U+{ord(character):04X}"
    return None


def text_problem(value: str, max_length: int | None, *, multiline: bool = False) -> Phrase | None:
    """What is wrong with ``value`` as a stored, shown text (None: nothing): a control
    character, or more than ``max_length`` characters."""
    unsafe = unsafe_character(value, multiline=multiline)
    if unsafe:
        return Phrase("contains an invisible control character ({code})", {"code": unsafe})
    if max_length is not None and len(value) > max_length:
        return Phrase(
            "may be at most {limit} characters (has {length})",
            {"limit": max_length, "length": len(value)},
        )
    return None
