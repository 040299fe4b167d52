"""Errors that carry a message code, so every front end can say them in its language.

``Refused`` is a business rule saying no (CLI exit 1); ``ConfigError`` is bad usage,
bad input or bad configuration (CLI exit 2); ``DatabaseUnavailable`` means the database
cannot be reached right now (front ends show a calm banner and retry).
"""

from __future__ import annotations

from typing import Any


class AntreError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        from core.messages import text

        return text(self.code, lang, **self.params)

    def brief(self, lang: str = "id") -> str:
        """The short form a screen's banner shows, where the catalogue has one."""
        from core.messages import CATALOGUES, text

        code = f"{self.code}_brief"
        return text(code, lang, **self.params) if code in CATALOGUES["id"] else self.message(lang)


class Refused(AntreError):
    """The hall's rules do not allow this action now."""


class NotFound(Refused):
    """A service, counter, ticket, officer or hall that does not exist."""


class ConfigError(AntreError):
    """Bad input, usage or configuration: nothing was changed."""


class DatabaseUnavailable(AntreError):
    """The database cannot be reached; the action was not applied."""


class DatabaseMissing(DatabaseUnavailable):
    """The SQLite file is not at its path, or is no longer the file that was opened.

    Only the commands that create a database (``antre db upgrade``, ``antre hall import``,
    the demo) may create the file; every other program says so and waits for it.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, **params)
        # What the logs of an outage print (the message itself is in the catalogue).
        self.params.setdefault("detail", f"{code}: {params.get('path')}")

    @property
    def reason(self) -> tuple[str, str]:
        """What a screen says about it (the code and the path), to tell a new outage from
        the one already shown."""
        return self.code, str(self.params.get("path"))


def same_outage(a: DatabaseMissing | None, b: DatabaseMissing | None) -> bool:
    """Whether two outage reasons (None: the generic outage) would read the same."""
    return (a and a.reason) == (b and b.reason)


class SchemaMismatch(ConfigError):
    """The database schema is not the one this version of Antre knows."""
