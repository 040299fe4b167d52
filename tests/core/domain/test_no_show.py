"""The hall's no-show rule on its own: recalls or minutes since the latest call, either."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core.domain.no_show import NoShowRule, NoShowWait
from core.hallfile.spec import SETTINGS_DEFAULTS

CALLED = datetime.fromisoformat("2026-11-23T09:12:00+07:00")


def test_the_default_is_one_recall_or_two_minutes() -> None:
    rule = NoShowRule.from_settings(SETTINGS_DEFAULTS)
    assert rule == NoShowRule(after_recalls=1, after_minutes=2)
    assert NoShowRule.from_settings({}) == rule  # a hall stored before the setting existed
    wait = rule.wait(CALLED, 0)
    assert wait == NoShowWait(recalls=1, recalls_left=1, earliest=CALLED + timedelta(minutes=2))
    assert not wait.allows(CALLED + timedelta(seconds=119))
    assert wait.allows(CALLED + timedelta(minutes=2))
    assert rule.wait(CALLED, 1) is None  # recalled once: now, whatever the time
    assert (wait.variant, wait.params("Asia/Jakarta")) == ("both", {"recalls": 1, "time": "09:14"})


@pytest.mark.parametrize(
    ("recalls", "minutes", "recall_count", "after", "allowed"),
    [
        (0, 0, 0, 0, True),  # 0 and 0: at once
        (0, 2, 5, 119, False),  # recalls do not count
        (0, 2, 0, 120, True),
        (2, 0, 1, 3600, False),  # time does not count
        (2, 0, 2, 0, True),
        (3, 10, 1, 599, False),
        (3, 10, 1, 600, True),
    ],
)
def test_either_condition_allows_and_zero_turns_one_off(
    recalls: int, minutes: int, recall_count: int, after: int, allowed: bool
) -> None:
    rule = NoShowRule(recalls, minutes)
    assert rule.allows(CALLED, recall_count, CALLED + timedelta(seconds=after)) is allowed


def test_the_time_said_is_never_before_it_is_allowed() -> None:
    wait = NoShowRule(0, 2).wait(CALLED + timedelta(seconds=20), 0)
    assert wait is not None and wait.variant == "time"
    assert wait.params("Asia/Jakarta") == {"time": "09:15"}  # allowed from 09:14:20
    assert wait.params("Asia/Makassar") == {"time": "10:15"}  # said in the hall's time zone
    assert NoShowRule(2, 0).wait(CALLED, 1) == NoShowWait(2, 1, None)


def test_the_hall_file_refuses_odd_values() -> None:
    from core.hallfile.spec import Problems, _settings

    for value, problem in ((-1, "between 0 and 9"), (10, "between 0 and 9"), (True, "true/false")):
        problems = Problems()
        settings = _settings({"no_show_after_recalls": value}, problems)
        assert [where for where, _ in problems.items] == ["settings.no_show_after_recalls"]
        assert problem in str(problems.items[0][1])
        assert settings["no_show_after_recalls"] == 1  # the default stays
    problems = Problems()
    assert _settings({"no_show_after_minutes": 61}, problems)["no_show_after_minutes"] == 2
    assert problems.items
    problems = Problems()
    settings = _settings({"no_show_after_recalls": 0, "no_show_after_minutes": 0}, problems)
    assert not problems.items
    assert NoShowRule.from_settings(settings).at_once
