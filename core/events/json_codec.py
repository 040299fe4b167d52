"""A payload dataclass's fields to and from JSON, read once from the fields' type hints.

Enums go by value, dates and instants in ISO form, tuples as lists; reading checks each
value's type, so a malformed stored payload is refused instead of half read.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from operator import attrgetter, methodcaller
from types import UnionType
from typing import Any, NamedTuple

Convert = Callable[[Any], Any]


class Field(NamedTuple):
    name: str
    decode: Convert  # JSON value → field value; TypeError or ValueError when malformed
    encode: Convert | None  # field value → JSON value; None: stored as it is


_FIELDS: dict[type, tuple[Field, ...]] = {}
_ENCODERS: dict[type, tuple[tuple[str, Convert], ...]] = {}


def fields_of(cls: type) -> tuple[Field, ...]:
    """The fields of the dataclass ``cls``, in order, with their converters."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        names = [f.name for f in fields(cls)]
        found = tuple(Field(n, _decoder(hints[n]), _encoder(hints[n])) for n in names)
        _FIELDS[cls] = found
    return found


def encoders_of(cls: type) -> tuple[tuple[str, Convert], ...]:
    """(name, encoder) of the fields of ``cls`` whose value is not stored as it is."""
    found = _ENCODERS.get(cls)
    if found is None:
        found = tuple((f.name, f.encode) for f in fields_of(cls) if f.encode is not None)
        _ENCODERS[cls] = found
    return found


def _encoder(hint: Any) -> Convert | None:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType):
        inner = _encoder(_not_none(args))
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        return list
    if origin is dict:
        return dict
    if isinstance(hint, type) and issubclass(hint, Enum):
        return attrgetter("value")
    if hint in (date, datetime):
        return methodcaller("isoformat")
    return None


def _decoder(hint: Any) -> Convert:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType):
        inner = _decoder(_not_none(args))
        return lambda raw: None if raw is None else inner(raw)
    if origin is tuple:
        item = _decoder(args[0])
        return lambda raw: tuple(item(x) for x in _checked(raw, list))
    if origin is dict:
        value = _decoder(args[1])
        return lambda raw: {_checked(k, str): value(v) for k, v in _checked(raw, dict).items()}
    if hint is Any:
        return lambda raw: raw
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda raw: hint(_checked(raw, str))
    if hint is datetime:
        return lambda raw: datetime.fromisoformat(_checked(raw, str))
    if hint is date:
        return lambda raw: date.fromisoformat(_checked(raw, str))
    return lambda raw: _checked(raw, hint)


def _not_none(args: tuple[Any, ...]) -> Any:
    return next(arg for arg in args if arg is not type(None))


def _checked(raw: Any, expected: type) -> Any:
    if not isinstance(raw, expected) or (expected is int and isinstance(raw, bool)):
        raise TypeError(f"{raw!r} is not {expected.__name__}")
    return raw
