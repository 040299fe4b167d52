"""The officer's workstation window: a view over one :class:`~counter.controller.CounterController`.

The window builds the widgets, turns buttons, keys and dialog answers into the controller's
requests, and renders the views the controller sends (counter.views). It decides no rule
and keeps no state of the counter's: what can act, what happened and whether the database
is reachable all come from the controller.
"""

from __future__ import annotations

import time
from datetime import datetime
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from core.language import other_language
from counter import theme
from counter.actions import ACTIONS
from counter.controller import STATE_KEYS, CounterController
from counter.header import Header
from counter.mini import MiniBar
from counter.panels import CurrentTicketCard, FiguresPanel, ParkedPanel, WaitingPanel
from counter.prompts import Prompts
from counter.views import ControlsView, Notice, ScreenView
from counter.widgets import ActionButton, Banner, Card
from counter.widgets import Notice as NoticeLabel
from ui import i18n

PREFERRED_SIZE = QSize(1280, 820)
SMALLEST_SIZE = QSize(960, 540)
TITLE_BAR = 40  # room for the window manager's frame above the available area's top
STATE_ACTIONS = {key: state for state, key in STATE_KEYS.items()}
GRID = (  # action, row, column, rows, columns
    ("call_next", 0, 0, 1, 3),
    ("recall", 0, 3, 1, 1),
    ("start", 1, 0, 1, 1),
    ("finish", 1, 1, 1, 1),
    ("no_show", 1, 2, 1, 1),
    ("transfer", 1, 3, 1, 1),
    ("park", 2, 0, 1, 1),
    ("resume", 2, 1, 1, 1),
    ("call_number", 2, 2, 1, 2),
)


def fitted_size(area: QRect) -> tuple[QSize, QSize]:
    """The window's first size and its minimum on a screen whose free area is ``area``."""
    room = QSize(area.width(), max(area.height() - TITLE_BAR, 1))
    return PREFERRED_SIZE.boundedTo(room), SMALLEST_SIZE.boundedTo(room)


class Workstation(QMainWindow):
    """The window over ``controller``. ``start()`` loads the counter, opens it and follows
    the feed."""

    logged_out = Signal()

    def __init__(self, controller: CounterController) -> None:
        super().__init__()
        controller.setParent(self)  # the window's to stop with it
        self.controller = controller
        self.lang = controller.lang
        self.timezone = controller.hall.hall.timezone
        self.prompts = Prompts(self.controller, self._dialog_parent, self)
        self._closed = False
        self._last_act: tuple[str, float] = ("", 0.0)
        # The same action again this soon after the last is taken as the same click.
        self.repeat_guard_ms = QApplication.doubleClickInterval()

        self.setObjectName("workstation")
        theme.apply(self)
        self.buttons: dict[str, list[ActionButton]] = {key: [] for key in ACTIONS}
        self._build()
        self.mini = MiniBar()
        for key, button in self.mini.buttons.items():
            self._wire(button, key)
        self.mini.expand_requested.connect(lambda: self.set_mini(False))
        for widget in (self, self.mini):
            self._install_shortcuts(widget)

        controller = self.controller
        controller.screen_changed.connect(self._show_screen)
        controller.ticket_changed.connect(self.ticket_card.show_ticket)
        controller.controls_changed.connect(self._show_controls)
        controller.notice.connect(self._show_notice)
        controller.ticked.connect(self._show_time)
        controller.logged_out.connect(self._logged_out)
        self.compact: bool | None = None
        self._fit_to_screen()
        self._set_compact(False)
        self.retranslate()

    # --- layout --------------------------------------------------------------------

    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("workstation")
        self.setCentralWidget(root)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.header = Header()
        for button in self.header.state_buttons:
            self._wire(button, button.action_key)
        self._wire(self.header.mini_button, "mini")
        self.header.language_button.clicked.connect(
            lambda: self.set_language(other_language(self.lang))
        )
        self.header.logout_button.clicked.connect(self.controller.logout)
        outer.addWidget(self.header)

        self.content = content = QVBoxLayout()
        content.setContentsMargins(20, 16, 20, 20)
        content.setSpacing(14)
        self.banner = Banner()
        self.banner.resend.connect(self.controller.resend)
        self.banner.discard.connect(self.controller.discard_pending)
        content.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(12)
        self.ticket_card = CurrentTicketCard()
        left.addWidget(self.ticket_card, 1)
        self.notice = NoticeLabel()
        left.addWidget(self._build_actions())
        columns.addLayout(left, 3)

        self.side = side = QWidget()
        side.setMinimumWidth(380)
        side.setMaximumWidth(440)
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(12)
        self.waiting = WaitingPanel()
        self.waiting.call_requested.connect(self.controller.call_number)
        self.parked = ParkedPanel()
        self.parked.resume_requested.connect(self.controller.resume)
        self.figures = FiguresPanel()
        right.addWidget(self.waiting, 1)
        right.addWidget(self.parked)
        right.addWidget(self.figures)
        columns.addWidget(side, 2)
        content.addLayout(columns, 1)
        outer.addLayout(content, 1)

    def _build_actions(self) -> QWidget:
        card = Card()
        self.actions_card = card
        # What just happened (or what core refused) shows right above the buttons.
        card.top.takeAt(1)  # the title row's spacer: the notice takes the room
        card.top.insertWidget(1, self.notice, 1)
        card.aside.hide()
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for key, row, column, rows, columns in GRID:
            button = ActionButton(key, ACTIONS[key].role, big=key == "call_next")
            self._wire(button, key)
            grid.addWidget(button, row, column, rows, columns)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        card.body.addLayout(grid)
        return card

    def _wire(self, button: ActionButton, key: str) -> None:
        self.buttons[key].append(button)
        button.clicked.connect(lambda _checked=False: self.act(key))

    def _install_shortcuts(self, widget: QWidget) -> None:
        for key, spec in ACTIONS.items():
            shortcut = QShortcut(QKeySequence(spec.shortcut), widget)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)  # holding F1 down calls once
            shortcut.activated.connect(partial(self.act, key))

    def _fit_to_screen(self) -> None:
        """1280×820 where there is room; on a 1366×768 or 1280×720 screen, what it has."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 860)
        size, minimum = fitted_size(area)
        self.setMinimumSize(minimum)
        self.resize(size)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_compact(self.width() < 1180 or self.height() < 720)

    def _set_compact(self, compact: bool) -> None:
        """Below 1180×720 the same window, tighter: for 1024×600 PCs and split screens."""
        if compact == self.compact:
            return
        self.compact = compact
        self.header.set_compact(compact, self._mini_title())
        for key, buttons in self.buttons.items():
            for button in buttons:
                if button.window() is self and key not in ("open", "break", "close", "mini"):
                    big = key == "call_next"
                    button.setMinimumHeight((54 if big else 44) if compact else (66 if big else 52))
        self.side.setMinimumWidth(300 if compact else 380)
        margin = 12 if compact else 20
        self.content.setContentsMargins(margin, margin - 4, margin, margin)
        self.content.setSpacing(10 if compact else 14)
        self.ticket_card.set_compact(compact)
        self.waiting.set_compact(compact)
        self.figures.set_compact(compact)
        for widget in self._root().findChildren(QWidget):
            widget.updateGeometry()  # sizes measured with the other fonts are stale
        # This runs inside a resize whose layout is already done: lay out again after it.
        QTimer.singleShot(0, self._relayout)

    def _root(self) -> QWidget:
        root = self.centralWidget()
        assert root is not None, "built in __init__"
        return root

    def _relayout(self) -> None:
        root = self._root()
        for widget in [*reversed(root.findChildren(QWidget)), root]:  # inner layouts first
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()

    # --- language --------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        self.lang = lang
        i18n.set_language(lang)  # posts LanguageChange: changeEvent retranslates
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if (
            event.type() == QEvent.Type.LanguageChange
            and hasattr(self, "mini")
            and not self._closed
        ):
            self.retranslate()
        super().changeEvent(event)

    def action_label(self, key: str) -> str:
        return QCoreApplication.translate("Actions", ACTIONS[key].label)

    def _mini_title(self) -> str:
        return self.tr("Mini") if self.compact else self.action_label("mini")

    def retranslate(self) -> None:
        labels = {key: (self.action_label(key), spec.shortcut) for key, spec in ACTIONS.items()}
        for key, buttons in self.buttons.items():
            for button in buttons:
                button.set_text(*labels[key])
        self.mini.retranslate(labels)
        self.actions_card.set_title(self.tr("Tindakan"))
        self.header.retranslate(self.lang)
        self.banner.resend_button.setText(self.tr("Kirim ulang"))
        self.banner.discard_button.setText(self.tr("Batalkan"))
        self.setWindowTitle(self.tr("Antre — Loket"))
        for panel in (self.ticket_card, self.waiting, self.parked, self.figures):
            panel.retranslate()
        if self.compact:
            self.header.mini_button.title.setText(self._mini_title())
        self.controller.set_language(self.lang)  # the views again, in this language

    # --- life cycle --------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        """The counter has been read once: the window shows it."""
        return self.controller.loaded

    @property
    def dialog(self) -> QDialog | None:
        """The dialog an action asked first, while it is open."""
        return self.prompts.dialog

    def start(self) -> None:
        """Load the counter, open it for this officer and follow the hall's events."""
        self.controller.begin()

    def shutdown(self) -> None:
        """Stop the feed and timers; the counter keeps its state (logout closes it)."""
        if self._closed:
            return
        self._closed = True
        self.controller.shutdown()
        self.mini.close()
        self.mini.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _logged_out(self) -> None:
        self.shutdown()
        self.logged_out.emit()

    # --- requests ------------------------------------------------------------------------

    def act(self, key: str) -> None:
        """A button or a key: do ``key`` if it can act now (a press while busy is ignored)."""
        if key == "mini":
            self.set_mini(not self.in_mini_mode)
            return
        if self.prompts.is_open() or not self.controller.enabled_actions().get(key, False):
            return
        now = time.monotonic()
        last_key, last_time = self._last_act
        if key == last_key and (now - last_time) * 1000 < self.repeat_guard_ms:
            return  # a triple click, or a bouncing key: the officer meant one action
        self._last_act = (key, now)
        asks = {
            "call_number": self.prompts.call_number,
            "resume": self.prompts.resume,
            "transfer": self.prompts.transfer,
            "park": self.prompts.park,
        }
        if key in asks:
            asks[key]()
        elif key in STATE_ACTIONS:
            self.controller.set_state(STATE_ACTIONS[key])
        else:
            getattr(self.controller, key)()  # call_next, recall, start, finish, no_show

    def _dialog_parent(self) -> QWidget:
        return self.mini if self.in_mini_mode else self

    # --- rendering -----------------------------------------------------------------------

    def _show_screen(self, screen: ScreenView) -> None:
        self.timezone = screen.timezone
        self.header.show_names(screen)
        if screen.title is not None:
            self.setWindowTitle(screen.title)
        self.figures.set_officer(screen.officer_name)
        self.ticket_card.show_ticket(screen.current)
        reading = screen.reading
        if reading is not None:
            self.waiting.show_reading(reading, screen.at)
            self.parked.show_tickets(reading.parked)
            self.figures.show_figures(reading.counter_figures, reading.officer_figures)
            self.ticket_card.set_next_hint(screen.hint)
        self._show_time(screen.at)

    def _show_time(self, now: datetime) -> None:
        self.header.show_time(now, self.timezone, self.lang)
        self.ticket_card.tick(now)
        self.waiting.tick(now)

    def _show_notice(self, notice: Notice) -> None:
        self.notice.show_notice(notice.text, notice.kind, notice.seconds)

    def _show_controls(self, controls: ControlsView) -> None:
        for key, buttons in self.buttons.items():
            for button in buttons:
                button.setEnabled(controls.enabled.get(key, False))
                if key in STATE_ACTIONS:
                    button.set_checked(controls.state is STATE_ACTIONS[key])
                if key in controls.reasons:
                    in_mini = button.window() is self.mini
                    caption = controls.no_show_caption if key == "no_show" and not in_mini else ""
                    button.set_reason(controls.reasons[key], caption)
        self.parked.set_actions_enabled(controls.enabled["resume"])
        self.header.logout_button.setEnabled(controls.can_act)
        self._show_banner(controls)
        self.mini.show_state(
            controls.counter_name, controls.current, controls.waiting, not controls.online
        )

    def _show_banner(self, controls: ControlsView) -> None:
        pending, offline = controls.pending, not controls.online
        self.banner.setVisible(offline or pending is not None)
        if not self.banner.isVisible():
            return
        if offline:
            self.banner.title.setText(self.tr("Basis data tidak dapat dihubungi"))
            self.banner.detail.setText(
                self.tr(
                    "Tombol dinonaktifkan sementara. Antre menghubungkan ulang sendiri; "
                    "tidak ada tindakan yang diterapkan dua kali."
                )
            )
        else:
            self.banner.title.setText(self.tr("Tersambung kembali"))
            self.banner.detail.setText(self.tr("Basis data dapat dihubungi lagi."))
        if pending is None:
            for part in (
                self.banner.pending,
                self.banner.resend_button,
                self.banner.discard_button,
            ):
                part.hide()
            return
        if pending.auto_retry:
            text = self.tr("“%1” belum terkirim; dikirim ulang otomatis begitu tersambung.")
        else:
            text = self.tr("“%1” belum terkirim. Kirim ulang sekarang, atau batalkan?")
        self.banner.pending.setText(text.replace("%1", self.action_label(pending.key)))
        self.banner.pending.show()
        self.banner.resend_button.setVisible(not pending.auto_retry)
        self.banner.resend_button.setEnabled(pending.resend_enabled)
        self.banner.discard_button.show()

    # --- mini mode -----------------------------------------------------------------------

    def set_mini(self, on: bool) -> None:
        if on:
            self.mini.place()
            self.hide()
            self.mini.show()
            self.mini.raise_()
            # After the main window's hide has been handled, or it takes the focus away.
            QTimer.singleShot(0, self.mini.activateWindow)
        else:
            self.mini.hide()
            self.show()
            self.raise_()
            QTimer.singleShot(0, self.activateWindow)

    @property
    def in_mini_mode(self) -> bool:
        return self.mini.isVisible()
