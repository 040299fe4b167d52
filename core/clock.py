"""The one place "now" comes from.

Everything in Antre asks :func:`now` instead of the system clock, so tests, demos and
simulations can fix or shift time. ``ANTRE_NOW`` (ISO 8601) fixes the clock at start-up;
:func:`set_clock` replaces it in-process (the demo's simulated clock, tests).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from core.errors import ConfigError

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def parse_instant(text: str, where: str = "ANTRE_NOW") -> datetime:
    """Parse an ISO 8601 instant; a value without offset is read as UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError("bad_instant", where=where, value=text) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def fixed_clock(instant: datetime) -> Clock:
    return lambda: instant


class SimulatedClock:
    """A clock that starts at ``start`` and runs ``speed`` times faster than real time."""

    def __init__(self, start: datetime, speed: float = 1.0) -> None:
        self._start = start.astimezone(UTC)
        self._speed = speed
        self._origin = time.monotonic()
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            elapsed = time.monotonic() - self._origin
        return self._start + timedelta(seconds=elapsed * self._speed)

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._start += delta


def _initial_clock() -> Clock:
    fixed = os.environ.get("ANTRE_NOW")
    return fixed_clock(parse_instant(fixed)) if fixed else system_clock


_clock: Clock = system_clock
_configured = False


def now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    global _clock, _configured
    if not _configured:
        _clock = _initial_clock()
        _configured = True
    return _clock()


def set_clock(clock: Clock | None) -> None:
    """Replace the clock (``None`` restores the ``ANTRE_NOW``/system clock)."""
    global _clock, _configured
    _clock = clock if clock is not None else system_clock
    _configured = clock is not None  # None: read ANTRE_NOW again on the next now()


def zone(name: str) -> tzinfo:
    return ZoneInfo(name)


ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(tz_name: str, instant: datetime | None = None) -> str:
    """WIB/WITA/WIT for Indonesian zones, else the zone's own abbreviation."""
    if tz_name in ZONE_LABELS:
        return ZONE_LABELS[tz_name]
    moment = instant or now()
    return moment.astimezone(ZoneInfo(tz_name)).tzname() or tz_name
