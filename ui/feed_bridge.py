"""The core event feed as Qt signals, delivered on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from core.hall import HallService
from core.views import EventView


class FeedBridge(QObject):
    """Follows a hall's events in core's background thread and re-emits them as signals.

    ``events`` carries each batch (a list of EventView) in order; ``connection`` says
    False when the database is lost and True when it is back. Signals cross threads as
    queued connections, so slots run on the GUI thread.
    """

    events = Signal(list)
    connection = Signal(bool)

    def __init__(
        self,
        hall: HallService,
        cursor: int,
        parent: QObject | None = None,
        wait_seconds: float = 1.0,
    ) -> None:
        super().__init__(parent)
        self._stopped = False
        self._subscription = hall.subscribe(
            cursor, self._deliver, self._report, wait_seconds=wait_seconds
        )

    @property
    def cursor(self) -> int:
        return self._subscription.cursor

    def start(self) -> None:
        self._subscription.start()

    def stop(self) -> None:
        self._stopped = True
        self._subscription.stop()

    def _deliver(self, batch: list[EventView]) -> None:
        # The feed thread may still hold a batch when the window is closing: drop it.
        if not self._stopped:
            self.events.emit(batch)

    def _report(self, connected: bool) -> None:
        if not self._stopped:
            self.connection.emit(connected)
