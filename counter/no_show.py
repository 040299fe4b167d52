"""What the "Tidak hadir" button says while the hall's no-show rule still waits.

The rule is core's (core.domain.ticket_rules.no_show_wait, on the hall settings the
workstation already has); this module only asks it about the ticket on screen and words
the answer with core's messages, so the button and core's refusal say the same thing.
"""

from __future__ import annotations

from datetime import datetime

from core import messages
from core.domain.enums import TicketStatus
from core.domain.no_show import NoShowRule, NoShowWait
from core.domain.ticket_rules import no_show_wait
from core.views import TicketView


def pending(rule: NoShowRule, ticket: TicketView | None, now: datetime) -> NoShowWait | None:
    """What the rule still waits for before ``ticket`` may be marked no-show at ``now``;
    None when it may be (or when it is not a called ticket: other rules say no then)."""
    if ticket is None or ticket.status is not TicketStatus.CALLED:
        return None
    return no_show_wait(rule, ticket, now)


def reason(wait: NoShowWait, tz_name: str, lang: str) -> str:
    """ "Bisa ditandai tidak hadir setelah 1 kali panggil ulang atau pukul 09:14"."""
    return messages.text(f"no_show_wait_{wait.variant}", lang, **wait.params(tz_name))


def caption(wait: NoShowWait, tz_name: str, lang: str) -> str:
    """The short form inside the button: "panggil ulang 1× dulu, atau pukul 09:14"."""
    return messages.text(f"no_show_hint_{wait.variant}", lang, **wait.params(tz_name))
