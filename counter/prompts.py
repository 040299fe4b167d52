"""The questions some actions ask first, each a dialog that ends in one controller request.

Calling while a ticket is held asks how to close it (the controller's ``closing_asked``);
transfer asks where to, park for a note, resume and "call number" which ticket. A
cancelled dialog sends nothing. One dialog at a time; texts are in the "Workstation"
translation context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from core import clock
from counter.controller import CounterController
from counter.dialogs import OpenTicketDialog, ParkDialog, TicketPickerDialog, TransferDialog
from counter.views import ClosingQuestion


class Prompts(QObject):
    """Opens the dialogs over the window (or the mini bar) and passes the answers on."""

    def __init__(
        self, controller: CounterController, dialog_parent: Callable[[], QWidget], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._dialog_parent = dialog_parent
        self.dialog: QDialog | None = None
        controller.closing_asked.connect(self.ask_closing)

    def is_open(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def ask_closing(self, question: ClosingQuestion) -> None:
        dialog = OpenTicketDialog(
            question.ticket, self._dialog_parent(), no_show_reason=question.no_show_reason
        )
        dialog.chosen.connect(lambda how: self.controller.answer(question, how))
        self._open(dialog)

    def call_number(self) -> None:
        reading = self.controller.reading
        dialog = TicketPickerDialog(
            QCoreApplication.translate("Workstation", "Panggil nomor"),
            QCoreApplication.translate("Workstation", "Panggil"),
            reading.waiting if reading else (),
            clock.now(),
            typing_allowed=True,
            parent=self._dialog_parent(),
        )
        dialog.accepted.connect(lambda: self._chosen(dialog, self.controller.call_number))
        self._open(dialog)

    def resume(self) -> None:
        """The one parked ticket at once; with more, the officer picks one."""
        reading = self.controller.reading
        parked = reading.parked if reading else ()
        if len(parked) == 1:
            self.controller.resume(parked[0].number)
            return
        dialog = TicketPickerDialog(
            QCoreApplication.translate("Workstation", "Lanjutkan nomor yang ditunda"),
            QCoreApplication.translate("Workstation", "Lanjutkan"),
            parked,
            clock.now(),
            typing_allowed=False,
            parent=self._dialog_parent(),
        )
        dialog.accepted.connect(lambda: self._chosen(dialog, self.controller.resume))
        self._open(dialog)

    def transfer(self) -> None:
        current, reading = self.controller.current, self.controller.reading
        if current is None or reading is None:
            return
        dialog = TransferDialog(current, reading.services, self._dialog_parent())

        def send() -> None:
            code = dialog.selected_code()
            if code is not None:
                self.controller.transfer(code, dialog.position(), dialog.note_text())

        dialog.accepted.connect(send)
        self._open(dialog)

    def park(self) -> None:
        current = self.controller.current
        if current is None:
            return
        dialog = ParkDialog(current, self._dialog_parent())
        dialog.accepted.connect(lambda: self.controller.park(dialog.note_text()))
        self._open(dialog)

    @staticmethod
    def _chosen(dialog: TicketPickerDialog, request: Callable[[str], None]) -> None:
        number = dialog.chosen_number()
        if number is not None:
            request(number)

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
