"""How the counter words what an action did: "A002 dipanggil.", "Status loket: Buka.".

Each step's result is worded as it comes; the controller joins an action's words into one
notice. Refusals are core's own words (``error.message(lang)``). Texts are in the
"Workstation" translation context, where the window's other texts are.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from core import messages
from core.domain.enums import CounterState
from core.errors import AntreError
from core.views import TicketView
from counter.views import Notice
from ui.wording import state_name


def step_text(
    name: str,
    result: Any,
    before: TicketView | None,
    *,
    counter_name: str,
    lang: str,
    auto_finish: bool,
    said_before: bool,
) -> str:
    """What step ``name`` did, given its ``result`` and the ticket held ``before`` it;
    ``said_before``: an earlier step of the same action already said something."""
    if name == "call_next" and result is None:
        return messages.text("nothing_waiting", lang, counter=counter_name)
    if isinstance(result, CounterState):
        return QCoreApplication.translate("Workstation", "Status loket: %1.").replace(
            "%1", state_name(result)
        )
    number = getattr(result, "number", "")
    texts = {
        "call_next": QCoreApplication.translate("Workstation", "%1 dipanggil."),
        "call_ticket": QCoreApplication.translate("Workstation", "%1 dipanggil."),
        "resume": QCoreApplication.translate("Workstation", "%1 dilanjutkan dan dipanggil."),
        "recall": QCoreApplication.translate("Workstation", "%1 dipanggil ulang."),
        "start": QCoreApplication.translate("Workstation", "Mulai melayani %1."),
        "finish": QCoreApplication.translate("Workstation", "%1 selesai."),
        "no_show": QCoreApplication.translate("Workstation", "%1 ditandai tidak hadir."),
        "park": QCoreApplication.translate("Workstation", "%1 ditunda."),
        "transfer": QCoreApplication.translate("Workstation", "%1 dialihkan ke %2."),
    }
    text = texts.get(name, "%1").replace("%1", number)
    if name == "transfer":
        text = text.replace("%2", getattr(result, "service_name", ""))
    if (
        name in ("call_next", "call_ticket", "resume")
        and before is not None
        and before.number != number
        and auto_finish
        and not said_before
    ):
        text = (
            QCoreApplication.translate("Workstation", "%1 diselesaikan otomatis.").replace(
                "%1", before.number
            )
            + " "
            + text
        )
    return text


def error_notice(error: Exception, lang: str) -> Notice:
    """Core's refusal in its own words; anything else is a fault the log keeps."""
    if isinstance(error, AntreError):
        return Notice(error.message(lang), "warning", 12)
    return Notice(
        QCoreApplication.translate(
            "Workstation",
            "Terjadi kesalahan tak terduga; tindakan tidak diterapkan. Detailnya tercatat di log.",
        ),
        "error",
        12,
    )
