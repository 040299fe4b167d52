"""When a called ticket may be marked no-show: the hall's rule, kept once for core and screens.

A citizen who missed the first call deserves another chance before losing the turn. The
hall file's ``no_show_after_recalls`` (recalls of the ticket) and ``no_show_after_minutes``
(minutes since its latest call; a recall is a call) say when: either one is enough, 0
turns that one off, and 0 and 0 allow a no-show at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core import dates

DEFAULT_AFTER_RECALLS = 1
DEFAULT_AFTER_MINUTES = 2
MAX_AFTER_RECALLS = 9
MAX_AFTER_MINUTES = 60


@dataclass(frozen=True)
class NoShowWait:
    """What must still happen before a no-show: ``recalls`` in all, or ``earliest``."""

    recalls: int | None  # recalls the rule asks for (None: recalls do not count)
    recalls_left: int | None
    earliest: datetime | None  # None: time alone never allows it

    def allows(self, now: datetime) -> bool:
        return self.earliest is not None and now >= self.earliest

    @property
    def variant(self) -> str:
        """Which message says it: "both", "recalls" or "time"."""
        if self.recalls is not None and self.earliest is not None:
            return "both"
        return "recalls" if self.recalls is not None else "time"

    def params(self, tz_name: str) -> dict[str, Any]:
        """The message parameters: the recalls and the hall-local minute it is allowed from."""
        params: dict[str, Any] = {}
        if self.recalls is not None:
            params["recalls"] = self.recalls
        if self.earliest is not None:
            local = dates.local(self.earliest, tz_name)
            if local.second or local.microsecond:  # "09:14" must not come before it is so
                local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
            params["time"] = local.strftime("%H:%M")
        return params


@dataclass(frozen=True)
class NoShowRule:
    after_recalls: int = DEFAULT_AFTER_RECALLS
    after_minutes: int = DEFAULT_AFTER_MINUTES

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> NoShowRule:
        return cls(
            int(settings.get("no_show_after_recalls", DEFAULT_AFTER_RECALLS)),
            int(settings.get("no_show_after_minutes", DEFAULT_AFTER_MINUTES)),
        )

    @property
    def at_once(self) -> bool:
        return self.after_recalls <= 0 and self.after_minutes <= 0

    def wait(self, called_at: datetime | None, recall_count: int) -> NoShowWait | None:
        """What a called ticket still waits for; None when it may be marked no-show now
        (whatever the time). Otherwise :meth:`NoShowWait.allows` tells, for a moment."""
        if self.at_once:
            return None
        recalls = self.after_recalls if self.after_recalls > 0 else None
        if recalls is not None and recall_count >= recalls:
            return None
        earliest = None
        if self.after_minutes > 0 and called_at is not None:
            earliest = called_at + timedelta(minutes=self.after_minutes)
        left = recalls - recall_count if recalls is not None else None
        return NoShowWait(recalls, left, earliest)

    def allows(self, called_at: datetime | None, recall_count: int, now: datetime) -> bool:
        wait = self.wait(called_at, recall_count)
        return wait is None or wait.allows(now)
