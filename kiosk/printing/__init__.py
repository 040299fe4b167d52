"""Thermal ticket printing for the kiosk: layout, ESC/POS and PNG rendering, printer back-ends.

No Qt in here: the kiosk screens call `print_ticket` from a worker thread and show
`render_png` when there is no printer, and both can be tested without a display.
"""

from kiosk.printing.png_render import render_png, save_png
from kiosk.printing.printer_uri import PrinterConfigError, PrinterTarget, parse_printer_uri
from kiosk.printing.printers import (
    FailureKind,
    PrinterStatus,
    PrintResult,
    print_ticket,
    printer_status,
    send_job,
)
from kiosk.printing.realtime_status import PaperState
from kiosk.printing.ticket_layout import (
    PAPER_58MM,
    PAPER_80MM,
    PAPER_80MM_42COL,
    PAPERS,
    PaperSpec,
    PrintableTicket,
    layout_ticket,
)

__all__ = [
    "PAPERS",
    "PAPER_58MM",
    "PAPER_80MM",
    "PAPER_80MM_42COL",
    "FailureKind",
    "PaperSpec",
    "PaperState",
    "PrintResult",
    "PrintableTicket",
    "PrinterConfigError",
    "PrinterStatus",
    "PrinterTarget",
    "layout_ticket",
    "parse_printer_uri",
    "print_ticket",
    "printer_status",
    "render_png",
    "save_png",
    "send_job",
]
