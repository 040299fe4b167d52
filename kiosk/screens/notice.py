"""Calm full-page messages: a ticket that failed, ticketing paused, the system unreachable."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.printing import FailureKind
from kiosk.screens.base import Context, Screen
from kiosk.widgets import CircleIcon, QrView, Spinner, TouchButton, label
from ui.theme import Scale

TONES = {
    "error": ("alert", theme.DANGER, theme.DANGER_BG),
    "warning": ("alert", theme.WARNING, theme.WARNING_BG),
    "info": ("info", theme.PRIMARY, "#E3EDFA"),
    "offline": ("plug", theme.PRIMARY_DARK, "#E3EDFA"),
    "printer": ("printer", theme.WARNING, theme.WARNING_BG),
}


class MessagePage(Screen):
    """Icon, title, message, detail and up to two buttons, centred."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.column = QVBoxLayout(self)
        self.icon = CircleIcon("info", theme.PRIMARY, "#E3EDFA", 170)
        self.title = label("", "title")
        self.message = label("", "notice-message")
        self.detail = label("", "subtitle")
        for widget in (self.title, self.message, self.detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.spinner = Spinner(84)
        self.spinner.hide()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.secondary = TouchButton("", "secondary")
        self.primary = TouchButton("", "primary")
        self.buttons.addWidget(self.secondary)
        self.buttons.addWidget(self.primary)
        self.buttons.addStretch(1)
        self.column.addStretch(2)
        self.column.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addSpacing(24)
        for widget in (self.title, self.message, self.detail):
            self.column.addWidget(widget)
        self.column.addSpacing(24)
        self.column.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignHCenter)
        self.column.addLayout(self.buttons)
        self.column.addStretch(3)
        self.secondary.hide()
        self.primary.hide()

    def set_tone(self, tone: str) -> None:
        self.icon.set_icon(*TONES[tone])

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        side = m.px(160) if not m.portrait else m.px(theme.MARGIN)  # a calm measure for long lines
        self.column.setContentsMargins(side, m.px(36), side, m.px(36))
        self.buttons.setSpacing(m.px(28))
        for button in (self.primary, self.secondary):
            button.setMinimumWidth(m.px(420))
        self.message.setStyleSheet(f"font-size: {m.px(34)}px; color: {theme.TEXT};")


class NoticeScreen(MessagePage):
    """A ticket could not be given: a print failure or a refusal from the hall's rules."""

    home = Signal()
    on_screen_requested = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-notice")
        self.primary.setObjectName("notice-home")
        self.secondary.setObjectName("notice-on-screen")
        self.primary.clicked.connect(self.home)
        self.secondary.clicked.connect(self.on_screen_requested)
        self.primary.show()
        self._kind = ""
        self._text = ("", "")
        self.retranslate()

    def show_print_failure(self, message: str, number: str, offer_on_screen: bool) -> None:
        self._kind = "print"
        self._text = (message, number)
        self.set_tone("printer")
        self.secondary.setVisible(offer_on_screen)
        self.retranslate()

    def show_refusal(self, message: str) -> None:
        self._kind = "refused"
        self._text = (message, "")
        self.set_tone("warning")
        self.secondary.hide()
        self.retranslate()

    def show_error(self) -> None:
        self._kind = "error"
        self._text = ("", "")
        self.set_tone("error")
        self.secondary.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.primary.setText(self.tr("Kembali ke awal"))
        self.secondary.setText(self.tr("Tampilkan nomor di layar"))
        message, number = self._text
        if self._kind == "print":
            self.title.setText(self.tr("Tiket tidak dapat dicetak"))
            self.message.setText(message)
            self.detail.setText(
                self.tr(
                    "Nomor %1 dibatalkan dan tidak akan dipanggil. Silakan coba lagi atau"
                    " hubungi petugas."
                ).replace("%1", number)
            )
        elif self._kind == "refused":
            self.title.setText(self.tr("Nomor antrean tidak dapat diambil"))
            self.message.setText(message)
            self.detail.setText(self.tr("Silakan pilih layanan lain atau tanyakan kepada petugas."))
        else:
            self.title.setText(self.tr("Terjadi gangguan"))
            self.message.setText(self.tr("Nomor antrean belum dapat diberikan."))
            self.detail.setText(self.tr("Silakan coba lagi sebentar lagi atau hubungi petugas."))


def unavailable_texts() -> tuple[str, str, str]:
    """Title, message and detail of the out-of-service page (also shown while starting)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("UnavailableScreen", text)

    return (
        tr("Layanan sementara tidak tersedia"),
        tr("Mohon maaf, sistem antrean sedang tidak dapat dihubungi."),
        tr(
            "Kiosk ini akan tersambung kembali dengan sendirinya. Silakan menunggu sebentar "
            "atau hubungi petugas informasi."
        ),
    )


class OutagePage(Protocol):
    """A page that tells of the outage: the out-of-service screen and the start-up window."""

    title: QLabel
    message: QLabel
    detail: QLabel
    reason: ReasonLine


def show_unavailable(page: OutagePage, reason: str) -> None:
    """Set the out-of-service texts on a page with title, message, detail and reason lines."""
    for line, text in zip(
        (page.title, page.message, page.detail), unavailable_texts(), strict=True
    ):
        line.setText(text)
    page.reason.set_reason(reason)


class ReasonLine(QLabel):
    """A small line for the technician under the citizens' text: why the database is out of
    reach, in core's short words naming the file. Wrapped, never cut: a long path may break
    after a "/" (an invisible break opportunity follows each one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outage-reason")
        self.setProperty("role", "small")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = ""
        self.hide()

    def set_reason(self, reason: str) -> None:
        self.reason = reason
        self.setText(reason.replace("/", "/\u200b").replace("\\", "\\\u200b"))
        self.setVisible(bool(reason))


class UnavailableScreen(MessagePage):
    """The database cannot be reached: say so calmly and keep retrying in the background.

    Citizens read the friendly text; when core knows why (a SQLite file missing, deleted,
    moved or replaced) a small line under it tells the technician, with the file's path."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-unavailable")
        self.set_tone("offline")
        self.reason = ReasonLine()
        self.column.insertWidget(self.column.indexOf(self.detail) + 1, self.reason)
        self.spinner.show()
        ctx.data.outage_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        show_unavailable(self, self.ctx.data.outage_text(self.ctx.lang))

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.reason.setContentsMargins(0, m.px(18), 0, 0)


class PausedScreen(MessagePage):
    """Out of paper (or printer gone) and no on-screen fallback: ticketing waits for staff."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-paused")
        self.set_tone("printer")
        self.spinner.show()
        self.problem: FailureKind | None = None
        self.retranslate()

    def set_problem(self, problem: FailureKind | None) -> None:
        self.problem = problem
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Pengambilan nomor antrean dihentikan sementara"))
        if self.problem is FailureKind.PAPER_OUT:
            self.message.setText(self.tr("Kertas printer tiket habis."))
        else:
            self.message.setText(self.tr("Printer tiket tidak dapat digunakan."))
        self.detail.setText(
            self.tr(
                "Petugas sudah diberi tahu. Kiosk akan kembali melayani setelah printer siap. "
                "Silakan hubungi petugas informasi bila perlu."
            )
        )


class SurveyScreen(MessagePage):
    """The satisfaction survey (SKM): a QR code to the hall's survey page, scanned by phone."""

    back = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("screen-survey")
        self.icon.hide()
        self.qr = QrView(440)
        # QR beside the text (landscape) or above it (portrait)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        texts = QVBoxLayout()
        while (item := self.column.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                texts.addWidget(widget, 0, item.alignment())
            elif (inner := item.layout()) is not None:
                texts.addLayout(inner)
            else:
                texts.addStretch(1)
        self.body.addLayout(texts, 3)
        self.body.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        self.column.addLayout(self.body)
        self.primary.setObjectName("survey-back")
        self.primary.clicked.connect(self.back)
        self.primary.show()
        self.url = ""
        self.retranslate()

    def show_url(self, url: str) -> None:
        self.url = url
        self.qr.set_payload(url)
        self.detail.setText(url)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Survei Kepuasan Masyarakat"))
        self.message.setText(
            self.tr(
                "Bantu kami meningkatkan pelayanan: pindai kode QR ini dengan kamera ponsel Anda "
                "untuk mengisi survei."
            )
        )
        self.primary.setText(self.tr("Kembali"))

    def rescale_layout(self, m: Scale) -> None:
        super().rescale_layout(m)
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if m.portrait else QBoxLayout.Direction.LeftToRight
        )
        self.body.setSpacing(m.px(64))
