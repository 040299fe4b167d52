"""The languages Antre speaks to people: Bahasa Indonesia, the default, and English.

A language comes from settings, the command line and the kiosk's buttons as a plain string;
:func:`as_language` makes it one of the two, so the rest of the code handles only those.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")
DEFAULT_LANGUAGE: Language = "id"


def as_language(value: object) -> Language:
    """``value`` as a language Antre speaks: "en" is English, anything else Indonesian."""
    return "en" if value == "en" else DEFAULT_LANGUAGE


def other_language(value: object) -> Language:
    """The language a two-way switch turns to from ``value``."""
    return "id" if as_language(value) == "en" else "en"
