"""A subscription stops at its next poll (SQLite) or listening slice (PostgreSQL), not at the
end of its wait.

Each program stops its feed when it quits; with the wait of the programs (1 s) every quit
took a second more than it needed (issue 11: programs must end within 5 s of a signal).
"""

from __future__ import annotations

import time

from core.feed import EventFeed, Subscription
from core.hall import HallService


def test_stop_ends_a_long_wait_at_once(hall: HallService) -> None:
    db = hall.db
    subscription = Subscription(
        db,
        hall.hall.id,
        EventFeed(db, hall.hall.id).latest_id(),
        lambda _b: None,
        wait_seconds=60.0,
    )
    subscription.start()
    time.sleep(0.3)  # inside its wait
    asked = time.monotonic()
    subscription.stop(timeout=10.0)
    assert not subscription._thread.is_alive()
    assert time.monotonic() - asked < 5.0  # a poll or slice is 0.2 s; before: the whole 60 s wait
