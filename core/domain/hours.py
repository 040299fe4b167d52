"""Opening hours, breaks, cut-off, quota and holidays: may a service issue a ticket now?"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from core.phrases import Phrase

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class DayHours:
    opens: time
    closes: time
    breaks: tuple[tuple[time, time], ...] = ()

    def to_data(self) -> dict[str, object]:
        data: dict[str, object] = {"open": _hhmm(self.opens), "close": _hhmm(self.closes)}
        if self.breaks:
            data["breaks"] = [[_hhmm(a), _hhmm(b)] for a, b in self.breaks]
        return data


@dataclass(frozen=True)
class WeekHours:
    """Hours per weekday; a weekday missing from ``days`` is closed."""

    days: Mapping[str, DayHours] = field(default_factory=dict)

    def for_date(self, day: date) -> DayHours | None:
        return self.days.get(WEEKDAYS[day.weekday()])

    def to_data(self) -> dict[str, object]:
        return {name: self.days[name].to_data() for name in WEEKDAYS if name in self.days}


class HoursError(ValueError):
    """Malformed hours; ``where`` names the key, ``phrase`` says what is wrong (an English
    template and its values, said in the reader's language by core.phrases)."""

    def __init__(self, where: str, problem: str, **params: Any) -> None:
        self.where = where
        self.phrase = Phrase(problem, params)
        self.problem = str(self.phrase)  # in English, for logs
        super().__init__(f"{where}: {self.problem}")


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def parse_clock_time(text: object, where: str) -> time:
    if not isinstance(text, str):
        raise HoursError(where, 'expected a time as "HH:MM"')
    try:
        hours, minutes = text.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError
        return time(int(hours), int(minutes))
    except ValueError:
        raise HoursError(
            where, '"{value}" is not a time as HH:MM (00:00–23:59)', value=text
        ) from None


def parse_week_hours(data: object, where: str) -> WeekHours:
    if not isinstance(data, Mapping):
        raise HoursError(where, "expected a table of weekdays (mon … sun)")
    days: dict[str, DayHours] = {}
    for name, day in data.items():
        key = f"{where}.{name}"
        if name not in WEEKDAYS:
            raise HoursError(key, "unknown weekday; use one of {days}", days=", ".join(WEEKDAYS))
        days[name] = _parse_day(day, key)
    return WeekHours(days)


def _parse_day(data: object, where: str) -> DayHours:
    if not isinstance(data, Mapping):
        raise HoursError(where, 'expected {{ open = "HH:MM", close = "HH:MM", breaks = [...] }}')
    unknown = set(data) - {"open", "close", "breaks"}
    if unknown:
        raise HoursError(f"{where}.{sorted(unknown)[0]}", "unknown key")
    if "open" not in data or "close" not in data:
        raise HoursError(where, "needs both open and close")
    opens = parse_clock_time(data["open"], f"{where}.open")
    closes = parse_clock_time(data["close"], f"{where}.close")
    if closes <= opens:
        raise HoursError(f"{where}.close", "closing time must be after opening time")
    breaks: list[tuple[time, time]] = []
    raw_breaks = data.get("breaks", [])
    if not isinstance(raw_breaks, Sequence) or isinstance(raw_breaks, str):
        raise HoursError(f"{where}.breaks", 'expected a list of ["HH:MM", "HH:MM"] pairs')
    for index, pair in enumerate(raw_breaks):
        bkey = f"{where}.breaks[{index}]"
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise HoursError(bkey, 'expected a pair ["HH:MM", "HH:MM"]')
        start = parse_clock_time(pair[0], bkey)
        end = parse_clock_time(pair[1], bkey)
        if not opens <= start < end <= closes:
            raise HoursError(bkey, "a break must lie inside opening hours and end after it starts")
        if breaks and start < breaks[-1][1]:
            raise HoursError(bkey, "breaks must be in order and must not overlap")
        breaks.append((start, end))
    return DayHours(opens, closes, tuple(breaks))


class Reason(StrEnum):
    """Why a service cannot issue a ticket now (``OPEN`` when it can)."""

    OPEN = "open"
    INACTIVE = "inactive"
    HOLIDAY = "holiday"
    CLOSED_TODAY = "closed_today"
    NOT_YET_OPEN = "not_yet_open"
    ON_BREAK = "on_break"
    CUTOFF_PASSED = "cutoff_passed"
    QUOTA_REACHED = "quota_reached"
    NO_COUNTER = "no_counter"


@dataclass(frozen=True)
class Availability:
    reason: Reason
    opens_at: time | None = None  # when "not yet open" or "on break": the time it (re)opens
    holiday_name: str | None = None

    @property
    def is_open(self) -> bool:
        return self.reason is Reason.OPEN


@dataclass(frozen=True)
class ServiceRules:
    hours: WeekHours
    cutoff_minutes: int
    daily_quota: int | None
    active: bool = True


def availability(
    rules: ServiceRules,
    local_now: datetime,
    holidays: Mapping[date, str],
    issued_today: int,
    has_counter: bool,
) -> Availability:
    """Decide whether a ticket may be issued at ``local_now`` (hall-local, naive or aware)."""
    today = local_now.date()
    clock = local_now.time().replace(tzinfo=None)
    if not rules.active:
        return Availability(Reason.INACTIVE)
    if today in holidays:
        return Availability(Reason.HOLIDAY, holiday_name=holidays[today])
    day = rules.hours.for_date(today)
    if day is None:
        return Availability(Reason.CLOSED_TODAY)
    if clock < day.opens:
        return Availability(Reason.NOT_YET_OPEN, opens_at=day.opens)
    last_issue = (
        datetime.combine(today, day.closes) - timedelta(minutes=rules.cutoff_minutes)
    ).time()
    if clock >= last_issue or clock >= day.closes:
        return Availability(Reason.CUTOFF_PASSED)
    for start, end in day.breaks:
        if start <= clock < end:
            return Availability(Reason.ON_BREAK, opens_at=end)
    if rules.daily_quota is not None and issued_today >= rules.daily_quota:
        return Availability(Reason.QUOTA_REACHED)
    if not has_counter:
        return Availability(Reason.NO_COUNTER)
    return Availability(Reason.OPEN)


def open_minutes_left(day: DayHours, clock: time) -> int:
    """Minutes of service left today after ``clock``, breaks excluded (for estimates)."""

    def minutes(value: time) -> int:
        return value.hour * 60 + value.minute

    now_m = minutes(clock)
    left = max(0, minutes(day.closes) - now_m)
    for start, end in day.breaks:
        overlap = min(minutes(end), minutes(day.closes)) - max(minutes(start), now_m)
        left -= max(0, overlap)
    return left
