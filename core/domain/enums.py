"""The small vocabularies of a hall, stored in the database by value."""

from __future__ import annotations

from enum import StrEnum


class TicketStatus(StrEnum):
    PRINTING = "printing"  # reserved at the kiosk, not callable until the print is confirmed
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    PARKED = "parked"  # set aside by a counter (citizen fetching a document), resumable
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"  # continued as a new ticket of another service, same number
    VOID = "void"  # print failed or never confirmed; the number is not reused
    EXPIRED = "expired"  # still waiting at the end of the day

    @property
    def is_open_at_counter(self) -> bool:
        return self in (TicketStatus.CALLED, TicketStatus.SERVING)


class Priority(StrEnum):
    REGULAR = "regular"
    LANSIA = "lansia"
    DISABILITAS = "disabilitas"
    IBU_HAMIL = "ibu_hamil"  # ibu hamil / membawa anak

    @property
    def is_priority(self) -> bool:
        return self is not Priority.REGULAR


class CounterState(StrEnum):
    OPEN = "open"
    BREAK = "break"
    CLOSED = "closed"


class Role(StrEnum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class TransferPosition(StrEnum):
    FRONT = "front"
    BACK = "back"
