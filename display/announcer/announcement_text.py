"""The words of a call: what the hall hears and what the board shows.

Pure Python (no Qt), so the hall's template can be checked by the CLI or the settings screen and
every spoken form can be tested without a sound device.

Conventions (docs: DOMAIN.md section 2): prefix letters by their Indonesian names ("A" → "a",
"B" → "be"), the number as words with leading zeros dropped ("A001" → "satu"), or digit by digit
as printed ("nol, nol, satu"); the counter always as words ("loket dua belas").
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from enum import StrEnum

from num2words import num2words

from core.language import LANGUAGES

__all__ = [
    "DEFAULT_TEMPLATES",
    "PLACEHOLDERS",
    "AnnouncementStyle",
    "AnnouncementText",
    "Reading",
    "TemplateError",
    "TicketNumber",
    "TicketNumberError",
    "build_announcement",
    "quick_text",
    "counter_words",
    "display_text",
    "letter_names",
    "number_digits",
    "number_words",
    "parse_ticket_number",
    "spoken_text",
    "validate_template",
]


DEFAULT_TEMPLATES = {
    "id": "Nomor antrean, {letters}, {number}, silakan menuju loket {counter}",
    "en": "Ticket number, {letters}, {number}, please proceed to counter {counter}",
}

# When calls queue up: no preamble, the number and the loket only (DOMAIN.md: "ke loket").
QUICK_TEMPLATES = {
    "id": ("{letters} {number} loket {counter}", "{letters} {number}, {counter_name}"),
    "en": ("{letters} {number}, counter {counter}", "{letters} {number}, {counter_name}"),
}

PLACEHOLDERS = {
    "letters": "the prefix letters, spoken ('a be')",
    "number": "the number, spoken as words or digit by digit",
    "ticket": "letters and number together ('a, seratus dua puluh tiga')",
    "counter": "the counter number in words ('dua belas')",
    "counter_name": "the counter's name as configured (may be empty)",
}

_LETTER_NAMES = {
    "id": {
        "A": "a",
        "B": "be",
        "C": "ce",
        "D": "de",
        "E": "e",
        "F": "ef",
        "G": "ge",
        "H": "ha",
        "I": "i",
        "J": "je",
        "K": "ka",
        "L": "el",
        "M": "em",
        "N": "en",
        "O": "o",
        "P": "pe",
        "Q": "ki",
        "R": "er",
        "S": "es",
        "T": "te",
        "U": "u",
        "V": "fe",
        "W": "we",
        "X": "eks",
        "Y": "ye",
        "Z": "zet",
    },
    "en": {
        "A": "ay",
        "B": "bee",
        "C": "see",
        "D": "dee",
        "E": "ee",
        "F": "eff",
        "G": "gee",
        "H": "aitch",
        "I": "eye",
        "J": "jay",
        "K": "kay",
        "L": "el",
        "M": "em",
        "N": "en",
        "O": "oh",
        "P": "pee",
        "Q": "cue",
        "R": "ar",
        "S": "ess",
        "T": "tee",
        "U": "you",
        "V": "vee",
        "W": "double-u",
        "X": "ex",
        "Y": "why",
        "Z": "zed",
    },
}

_DIGIT_NAMES = {
    "id": ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}

_COUNTER_LABEL = {"id": "Loket", "en": "Counter"}

_TICKET_RE = re.compile(r"([A-Z]{0,2})([0-9]{1,4})")


class Reading(StrEnum):
    """How the ticket's number is read out."""

    WORDS = "words"  # "seratus dua puluh tiga" (the common convention, the default)
    DIGITS = "digits"  # "satu, dua, tiga"

    @classmethod
    def named(cls, value: str) -> Reading:
        """The mode a setting names; a ValueError listing the choices for anything else."""
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(repr(r.value) for r in cls)
            raise ValueError(f"unknown reading mode {value!r}; use one of {choices}") from None


class TemplateError(ValueError):
    """The hall's announcement template cannot be used; the message says why."""


class TicketNumberError(ValueError):
    """A ticket number that is not letters (0–2) followed by digits (1–4)."""


@dataclass(frozen=True)
class TicketNumber:
    letters: str  # "A", "AB" or "" (a hall without prefixes)
    digits: str  # as printed, zero-padded: "001"

    @property
    def value(self) -> int:
        return int(self.digits)

    def __str__(self) -> str:
        return f"{self.letters}{self.digits}"


@dataclass(frozen=True)
class AnnouncementStyle:
    """The hall's announcement settings; checked when made, so a bad template fails at start-up."""

    template: str | None = None  # None: the default sentence for `language`
    reading: Reading = Reading.WORDS
    language: str = "id"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported announcement language {self.language!r}")
        object.__setattr__(self, "reading", Reading.named(self.reading))
        template = self.template if self.template is not None else DEFAULT_TEMPLATES[self.language]
        object.__setattr__(self, "template", template)
        validate_template(template)


@dataclass(frozen=True)
class AnnouncementText:
    spoken: str  # for the speech engine
    display: str  # for the board and logs: "A001 → Loket 3"
    quick: str = ""  # the short form, spoken when calls queue up ("a dua belas ke loket tujuh")


def parse_ticket_number(ticket_number: str) -> TicketNumber:
    match = _TICKET_RE.fullmatch(ticket_number.strip().upper())
    if match is None:
        raise TicketNumberError(
            f"ticket number {ticket_number!r} is not 0–2 letters followed by 1–4 digits"
        )
    return TicketNumber(letters=match.group(1), digits=match.group(2))


def validate_template(template: str) -> str:
    """Return `template` unchanged if every placeholder is known; else raise TemplateError."""
    try:
        fields = [
            (name, conversion, spec)
            for _, name, spec, conversion in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError as exc:
        raise TemplateError(f"announcement template is malformed ({exc}): {template!r}") from None
    allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
    for name, conversion, spec in fields:
        if name == "" or name.isdigit():
            raise TemplateError(
                f"announcement template has a positional placeholder {{{name}}}; "
                f"use one of {allowed}"
            )
        if name not in PLACEHOLDERS:
            raise TemplateError(
                f"unknown placeholder {{{name}}} in announcement template; allowed: {allowed}"
            )
        if conversion or spec:
            raise TemplateError(
                f"placeholder {{{name}}} in announcement template must be written plainly "
                f"(no '!' conversion or ':' format)"
            )
    names = {name for name, _, _ in fields}
    if not names & {"number", "ticket"}:
        raise TemplateError("announcement template must contain {number} or {ticket}")
    if not names & {"counter", "counter_name"}:
        raise TemplateError("announcement template must contain {counter} or {counter_name}")
    return template


def letter_names(letters: str, language: str = "id") -> str:
    """'AB' → 'a be' (Indonesian letter names)."""
    names = _LETTER_NAMES[language]
    return " ".join(names[letter] for letter in letters.upper())


def number_words(value: int, language: str = "id") -> str:
    """115 → 'seratus lima belas'."""
    return num2words(value, lang=language)


def number_digits(digits: str, language: str = "id") -> str:
    """'001' → 'nol, nol, satu': every digit as printed, leading zeros included."""
    names = _DIGIT_NAMES[language]
    return ", ".join(names[int(d)] for d in digits)


def counter_words(counter: int, language: str = "id") -> str:
    _check_counter(counter)
    return num2words(counter, lang=language)


def spoken_text(
    ticket_number: str,
    counter: int,
    counter_name: str | None = None,
    style: AnnouncementStyle | None = None,
) -> str:
    style = style or AnnouncementStyle()
    ticket = parse_ticket_number(ticket_number)
    lang = style.language
    letters = letter_names(ticket.letters, lang)
    if style.reading is Reading.DIGITS:
        number = number_digits(ticket.digits, lang)
    else:
        number = number_words(ticket.value, lang)
    values = {
        "letters": letters,
        "number": number,
        "ticket": f"{letters}, {number}" if letters else number,
        "counter": counter_words(counter, lang),
        "counter_name": (counter_name or "").strip(),
    }
    assert style.template is not None  # filled in by AnnouncementStyle
    return _tidy(style.template.format_map(values))


def quick_text(
    ticket_number: str,
    counter: int,
    counter_name: str | None = None,
    style: AnnouncementStyle | None = None,
) -> str:
    """The call without its preamble, for a queue of calls: "a dua belas ke loket tujuh".

    A hall whose template names the loket only by name ("menuju {counter_name}") hears the
    name here too."""
    style = style or AnnouncementStyle()
    by_number, by_name = QUICK_TEMPLATES[style.language]
    assert style.template is not None
    names_only = "{counter}" not in style.template and (counter_name or "").strip()
    template = by_name if names_only else by_number
    return spoken_text(ticket_number, counter, counter_name, replace(style, template=template))


def display_text(
    ticket_number: str, counter: int, counter_name: str | None = None, language: str = "id"
) -> str:
    """'A001 → Loket 3 (Disdukcapil)': the call as written on the board, not as spoken."""
    ticket = parse_ticket_number(ticket_number)
    _check_counter(counter)
    text = f"{ticket} → {_COUNTER_LABEL[language]} {counter}"
    name = (counter_name or "").strip()
    return f"{text} ({name})" if name else text


def build_announcement(
    ticket_number: str,
    counter: int,
    counter_name: str | None = None,
    style: AnnouncementStyle | None = None,
) -> AnnouncementText:
    style = style or AnnouncementStyle()
    return AnnouncementText(
        spoken=spoken_text(ticket_number, counter, counter_name, style),
        display=display_text(ticket_number, counter, counter_name, style.language),
        quick=quick_text(ticket_number, counter, counter_name, style),
    )


def _check_counter(counter: int) -> None:
    if isinstance(counter, bool) or not isinstance(counter, int) or counter < 0:
        raise ValueError(f"counter must be a whole number ≥ 0, not {counter!r}")


def _tidy(text: str) -> str:
    """Drop the gaps an empty placeholder leaves ('antrean, , satu' → 'antrean, satu')."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r",(?:\s*,)+", ",", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    return text.strip(" ,")
