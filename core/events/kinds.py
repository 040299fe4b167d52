"""Every kind of event the hall writes, and the groups of kinds the front ends react to.

The values are the strings stored in the ``events`` table and printed by ``antre events``:
they never change, or old databases and scripts reading the CLI stop understanding them.
A group names what a consumer does with its kinds; no consumer matches kinds by prefix.
"""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    """A kind of event; a StrEnum, so it equals (and hashes as) its stored string."""

    TICKET_ISSUED = "ticket.issued"
    TICKET_PRINTED = "ticket.printed"
    TICKET_VOIDED = "ticket.voided"
    TICKET_CALLED = "ticket.called"
    TICKET_RECALLED = "ticket.recalled"
    TICKET_STARTED = "ticket.started"
    TICKET_FINISHED = "ticket.finished"
    TICKET_NO_SHOW = "ticket.no_show"
    TICKET_TRANSFERRED = "ticket.transferred"
    TICKET_PARKED = "ticket.parked"
    COUNTER_STATE = "counter.state"
    ASSIGNMENTS_CHANGED = "assignments.changed"
    HALL_CONFIG_CHANGED = "hall.config_changed"
    HALL_SETTINGS_CHANGED = "hall.settings_changed"
    OFFICER_ADDED = "officer.added"
    OFFICER_DISABLED = "officer.disabled"
    OFFICER_ENABLED = "officer.enabled"
    OFFICER_UNLOCKED = "officer.unlocked"
    OFFICER_ROLE_CHANGED = "officer.role_changed"
    OFFICER_PASSWORD_SET = "officer.password_set"
    DAY_ENDED = "day.ended"
    PRINTER_STATUS = "printer.status"

    @classmethod
    def known(cls, kind: str) -> EventKind | None:
        """The kind for a stored string, or None for one this version does not write."""
        return _BY_VALUE.get(kind)


_BY_VALUE: dict[str, EventKind] = {kind.value: kind for kind in EventKind}

K = EventKind  # short, for the groups below

# Anything that happened to a ticket.
TICKET_EVENTS = frozenset(
    {
        K.TICKET_ISSUED,
        K.TICKET_PRINTED,
        K.TICKET_VOIDED,
        K.TICKET_CALLED,
        K.TICKET_RECALLED,
        K.TICKET_STARTED,
        K.TICKET_FINISHED,
        K.TICKET_NO_SHOW,
        K.TICKET_TRANSFERRED,
        K.TICKET_PARKED,
    }
)
# A counter calls a ticket: the board shows it and the announcer speaks it.
CALLS = frozenset({K.TICKET_CALLED, K.TICKET_RECALLED})
# The ticket a counter held has left it: the counter is free and the board clears its line.
LEFT_COUNTER = frozenset(
    {K.TICKET_FINISHED, K.TICKET_NO_SHOW, K.TICKET_PARKED, K.TICKET_TRANSFERRED}
)
# What changes the waiting counts, the wait estimates or a service's availability at a kiosk.
QUEUE_CHANGED = TICKET_EVENTS | {K.COUNTER_STATE, K.ASSIGNMENTS_CHANGED, K.DAY_ENDED}
# The hall file was imported again: agencies, services, counters, logo may all have changed.
CONFIG_CHANGED = frozenset({K.HALL_CONFIG_CHANGED})
# A supervisor changed hall settings live (running text and the like).
SETTINGS_CHANGED = frozenset({K.HALL_SETTINGS_CHANGED})
# An officer's account was added or changed (disabled, enabled, unlocked, role, password).
OFFICER_ACCOUNTS = frozenset(
    {
        K.OFFICER_ADDED,
        K.OFFICER_DISABLED,
        K.OFFICER_ENABLED,
        K.OFFICER_UNLOCKED,
        K.OFFICER_ROLE_CHANGED,
        K.OFFICER_PASSWORD_SET,
    }
)
# What a counter's workstation reads again: every change to the hall's queue, counters,
# configuration, settings, day or officers (device reports are for supervisors only).
WORKSTATION_REFRESH = QUEUE_CHANGED | CONFIG_CHANGED | SETTINGS_CHANGED | OFFICER_ACCOUNTS
# What makes a workstation read its services and settings again, not only the queue.
WORKSTATION_CONFIG = CONFIG_CHANGED | SETTINGS_CHANGED | {K.ASSIGNMENTS_CHANGED}
# What makes the hall board read everything again (new configuration, a new day).
BOARD_RELOAD = CONFIG_CHANGED | {K.DAY_ENDED}
# A device's state reported for supervisors (nothing else is stored).
DEVICE_STATUS = frozenset({K.PRINTER_STATUS})

GROUPS: dict[str, frozenset[EventKind]] = {
    "TICKET_EVENTS": TICKET_EVENTS,
    "CALLS": CALLS,
    "LEFT_COUNTER": LEFT_COUNTER,
    "QUEUE_CHANGED": QUEUE_CHANGED,
    "CONFIG_CHANGED": CONFIG_CHANGED,
    "SETTINGS_CHANGED": SETTINGS_CHANGED,
    "OFFICER_ACCOUNTS": OFFICER_ACCOUNTS,
    "WORKSTATION_REFRESH": WORKSTATION_REFRESH,
    "WORKSTATION_CONFIG": WORKSTATION_CONFIG,
    "BOARD_RELOAD": BOARD_RELOAD,
    "DEVICE_STATUS": DEVICE_STATUS,
}
