from __future__ import annotations

from datetime import date, datetime, time

import pytest

from core.domain.hours import (
    HoursError,
    Reason,
    ServiceRules,
    WeekHours,
    availability,
    open_minutes_left,
    parse_week_hours,
)

WEEK = parse_week_hours(
    {
        "mon": {"open": "08:00", "close": "15:00", "breaks": [["12:00", "13:00"]]},
        "fri": {"open": "08:00", "close": "15:30", "breaks": [["11:30", "13:00"]]},
    },
    "schedules.reguler",
)
RULES = ServiceRules(WEEK, cutoff_minutes=30, daily_quota=70)
MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)


def at(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hour, minute))


def check(moment: datetime, issued: int = 0, holidays: dict | None = None, counter: bool = True):
    return availability(RULES, moment, holidays or {}, issued, counter)


@pytest.mark.parametrize(
    ("moment", "reason"),
    [
        (at(MONDAY, "07:59"), Reason.NOT_YET_OPEN),
        (at(MONDAY, "08:00"), Reason.OPEN),
        (at(MONDAY, "11:59"), Reason.OPEN),
        (at(MONDAY, "12:00"), Reason.ON_BREAK),
        (at(MONDAY, "12:59"), Reason.ON_BREAK),
        (at(MONDAY, "13:00"), Reason.OPEN),
        (at(MONDAY, "14:29"), Reason.OPEN),
        (at(MONDAY, "14:30"), Reason.CUTOFF_PASSED),  # 30 minutes before closing
        (at(MONDAY, "16:00"), Reason.CUTOFF_PASSED),
        (at(FRIDAY, "11:30"), Reason.ON_BREAK),  # Friday prayers: longer break
        (at(FRIDAY, "14:59"), Reason.OPEN),
        (at(date(2026, 11, 24), "10:00"), Reason.CLOSED_TODAY),  # Tuesday not in this schedule
        (at(date(2026, 11, 28), "10:00"), Reason.CLOSED_TODAY),  # Saturday
    ],
)
def test_hours_breaks_and_cutoff(moment: datetime, reason: Reason) -> None:
    assert check(moment).reason is reason


def test_reopening_time_is_given_for_not_yet_open_and_break() -> None:
    assert check(at(MONDAY, "07:00")).opens_at == time(8, 0)
    assert check(at(MONDAY, "12:15")).opens_at == time(13, 0)


def test_holiday_wins_and_names_itself() -> None:
    result = check(at(MONDAY, "10:00"), holidays={MONDAY: "Cuti Bersama"})
    assert (result.reason, result.holiday_name) == (Reason.HOLIDAY, "Cuti Bersama")


def test_quota_counts_issued_tickets() -> None:
    assert check(at(MONDAY, "10:00"), issued=69).is_open
    assert check(at(MONDAY, "10:00"), issued=70).reason is Reason.QUOTA_REACHED


def test_no_counter_assigned() -> None:
    assert check(at(MONDAY, "10:00"), counter=False).reason is Reason.NO_COUNTER


def test_inactive_and_empty_week() -> None:
    inactive = ServiceRules(WEEK, 0, None, active=False)
    assert availability(inactive, at(MONDAY, "10:00"), {}, 0, True).reason is Reason.INACTIVE
    never = ServiceRules(WeekHours({}), 0, None)
    assert availability(never, at(MONDAY, "10:00"), {}, 0, True).reason is Reason.CLOSED_TODAY


@pytest.mark.parametrize(
    ("data", "where", "problem"),
    [
        ({"mon": {"open": "8:00", "close": "15:00"}}, "s.mon.open", "HH:MM"),
        ({"mon": {"open": "08:00", "close": "07:00"}}, "s.mon.close", "after opening"),
        ({"monday": {"open": "08:00", "close": "15:00"}}, "s.monday", "unknown weekday"),
        ({"mon": {"open": "08:00"}}, "s.mon", "both open and close"),
        (
            {"mon": {"open": "08:00", "close": "15:00", "breaks": [["11:00", "16:00"]]}},
            "s.mon.breaks[0]",
            "inside",
        ),
        (
            {
                "mon": {
                    "open": "08:00",
                    "close": "15:00",
                    "breaks": [["12:00", "13:00"], ["12:30", "13:30"]],
                }
            },
            "s.mon.breaks[1]",
            "overlap",
        ),
        (
            {"mon": {"open": "08:00", "close": "15:00", "lunch": "12:00"}},
            "s.mon.lunch",
            "unknown key",
        ),
        ({"mon": {"open": "25:00", "close": "26:00"}}, "s.mon.open", "HH:MM"),
    ],
)
def test_bad_hours_name_the_key(data: dict, where: str, problem: str) -> None:
    with pytest.raises(HoursError) as error:
        parse_week_hours(data, "s")
    assert error.value.where == where
    assert problem in error.value.problem


def test_round_trip_to_data() -> None:
    assert parse_week_hours(WEEK.to_data(), "x") == WEEK


def test_open_minutes_left_excludes_breaks() -> None:
    day = WEEK.days["mon"]
    assert open_minutes_left(day, time(8, 0)) == 6 * 60
    assert open_minutes_left(day, time(12, 30)) == 120
    assert open_minutes_left(day, time(15, 0)) == 0
