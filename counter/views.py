"""What the counter's controller tells its window to show: frozen values, one per signal.

The controller (:mod:`counter.controller`) decides; a window only renders these. Texts in
them are already worded in the officer's language (core's messages, or the "Workstation"
translation context).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from core import messages
from core.domain.enums import CounterState
from core.hall import HallService
from core.views import OfficerView, TicketView
from counter.reading import CounterReading
from ui.wording import state_name

CALLING_REASONS = {CounterState.BREAK: "counter_on_break", CounterState.CLOSED: "counter_closed"}


@dataclass(frozen=True)
class ScreenView:
    """Everything a read of the counter gives: names, the ticket held, the queue, figures."""

    at: datetime
    counter_name: str
    place: str  # the counter's zone, or the hall's short name
    title: str | None  # the window's title once the counter is known
    officer_name: str
    username: str
    timezone: str  # the hall's, for the clock
    current: TicketView | None
    reading: CounterReading | None  # the queue, parked tickets and today's figures
    hint: str  # under an empty ticket card: what F1 would do now


@dataclass(frozen=True)
class PendingView:
    """An action that has not reached the database yet."""

    key: str  # the action's key in counter.actions.ACTIONS
    auto_retry: bool  # sent again by itself once the database is back
    resend_enabled: bool  # the officer may send it again now


@dataclass(frozen=True)
class ControlsView:
    """Which actions can act, and why those that wait do; the connection's state."""

    enabled: Mapping[str, bool]  # by action key, "mini" included
    state: CounterState | None  # the counter's state: its button shows pressed
    reasons: Mapping[str, str]  # by action key: why it cannot act yet ("" when it can)
    no_show_caption: str  # the short form of the no-show reason, inside the big button
    can_act: bool  # nothing running or kept, and online: logging out is possible
    online: bool
    pending: PendingView | None
    counter_name: str
    current: TicketView | None
    waiting: int  # tickets waiting for this counter


@dataclass(frozen=True)
class Notice:
    """A line above the action buttons: what just happened, or why it did not."""

    text: str
    kind: str  # info, success, warning, error
    seconds: float  # how long it stays


@dataclass(frozen=True)
class ClosingQuestion:
    """A call while a ticket is held: how should that ticket be closed first?"""

    action: str  # call_next, call_number or resume
    number: str | None  # the ticket to call (call_number, resume)
    ticket: TicketView  # the ticket held now
    no_show_reason: str  # why it cannot be marked no-show yet ("" when it can)


def screen_view(
    hall: HallService,
    officer: OfficerView,
    counter: int,
    reading: CounterReading | None,
    current: TicketView | None,
    now: datetime,
) -> ScreenView:
    """The screen for ``reading`` (None: before the first read) with ``current`` held."""
    view = reading.counter if reading else None
    ref = hall.hall
    return ScreenView(
        at=now,
        counter_name=view.name if view else f"Loket {counter}",
        place=view.zone if view and view.zone else ref.short_name,
        title=f"{view.name} — {ref.short_name or 'Antre'}" if view else None,
        officer_name=officer.full_name or officer.username,
        username=officer.username,
        timezone=ref.timezone,
        current=current,
        reading=reading,
        hint=next_hint(reading) if reading else "",
    )


def next_hint(reading: CounterReading) -> str:
    if reading.state is not CounterState.OPEN:
        return QCoreApplication.translate(
            "Workstation", "Loket sedang %1. Buka loket (F11) untuk memanggil."
        ).replace("%1", state_name(reading.state).lower())
    if not reading.waiting:
        return QCoreApplication.translate(
            "Workstation", "Belum ada yang menunggu di layanan loket ini."
        )
    first = reading.waiting[0]
    return (
        QCoreApplication.translate("Workstation", "Tekan F1 untuk memanggil %1 (%2).")
        .replace("%1", first.number)
        .replace("%2", first.service_name)
    )


def calling_reason(reading: CounterReading | None, lang: str) -> str:
    """On a break or closed the calling actions wait: core's words for why ("" otherwise)."""
    code = CALLING_REASONS.get(reading.state) if reading else None
    if reading is None or code is None:
        return ""
    return messages.text(code, lang, counter=reading.counter.name)
