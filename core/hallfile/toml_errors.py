"""tomllib's syntax errors, said in the reader's language with their line and column.

tomllib words its errors in English and appends "(at line N, column M)" or "(at end of
document)". Each known message becomes a Phrase (its Indonesian in core.phrases), and the
place becomes the problem's line, as for every other problem of a hall file.
"""

from __future__ import annotations

import re

from core.phrases import Phrase

_PLACE = re.compile(
    r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$",
    re.S,
)

# tomllib's messages (Python 3.11–3.13), as patterns whose groups become the phrase's values.
_MESSAGES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"^Invalid statement$",
        r"^Expected newline or end of document after a statement$",
        r"^Expected '\]' at the end of a table declaration$",
        r"^Expected '\]\]' at the end of an array declaration$",
        r"^Expected '=' after a key in a key/value pair$",
        r"^Expected (?P<what>'.*')$",
        r"^Found invalid character (?P<char>'.*')$",
        r"^Illegal character (?P<char>'.*')$",
        r"^Cannot declare (?P<key>.*) twice$",
        r"^Cannot overwrite a value$",
        r"^Cannot mutate immutable namespace (?P<key>.*)$",
        r"^Cannot redefine namespace (?P<key>.*)$",
        r"^Duplicate inline table key (?P<key>.*)$",
        r"^Invalid initial character for a key part$",
        r"^Unclosed array$",
        r"^Unclosed inline table$",
        r"^Unescaped '\\' in a string$",
        r"^Invalid hex value$",
        r"^Escaped character is not a Unicode scalar value$",
        r"^Unterminated string$",
        r"^Invalid date or datetime$",
        r"^Invalid value$",
    )
)


def _template(pattern: re.Pattern[str]) -> str:
    """The pattern as an English template: groups become {name}, escapes are undone."""
    text = pattern.pattern.strip("^$")
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text)
    return re.sub(r"\\(.)", r"\1", text)


TEMPLATES: tuple[str, ...] = tuple(_template(pattern) for pattern in _MESSAGES)
TOO_DEEP = "lists or tables are nested too deeply"


def syntax_problem(message: str, source: str) -> tuple[int | None, Phrase]:
    """The line of a tomllib error message about ``source`` and what it says, as a Phrase."""
    place = _PLACE.match(message)
    text = place.group("message") if place else message
    if place and place.group("line"):
        line: int | None = int(place.group("line"))
    else:  # the end of the document: its last line
        line = max(len(source.splitlines()), 1) if place else None
    problem: Phrase | str = text
    for pattern, template in zip(_MESSAGES, TEMPLATES, strict=True):
        found = pattern.match(text)
        if found:
            problem = Phrase(template, found.groupdict())
            break
    if place and place.group("column"):
        where = Phrase("column {column}", {"column": int(place.group("column"))})
    elif place:
        where = Phrase("at the end of the file")
    else:
        return line, Phrase("TOML syntax error: {detail}", {"detail": problem})
    return line, Phrase(
        "TOML syntax error ({where}): {detail}", {"where": where, "detail": problem}
    )
