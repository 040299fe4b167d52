"""The officer's workstation window: the current ticket, the actions, the counter's queue.

The window never decides a rule. It shows what core last said (a snapshot, refreshed by
the event feed and after each action), sends the officer's actions through the
:class:`~counter.actions.ActionRunner`, and shows core's refusal when core says no. Its reads
and the feed go through ui.hall_sync, as in every Antre program; the runner keeps the
window's online state, since a kept action waits for the database too.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import clock, dates, messages
from core.domain.enums import CounterState
from core.domain.no_show import NoShowWait
from core.domain.ticket_rules import Action, allowed_actions
from core.errors import DatabaseUnavailable
from core.service import HallService
from core.views import EventView, OfficerView, TicketView
from counter import no_show, theme, wording
from counter.actions import ACTIONS, ActionRunner
from counter.flows import STATE_ACTIONS, OfficerFlows
from counter.mini import MiniBar
from counter.panels import CurrentTicketCard, FiguresPanel, ParkedPanel, WaitingPanel
from counter.snapshot import CounterSnapshot, load
from counter.widgets import ActionButton, Banner, Card, ElidedLabel, Notice, label
from ui import i18n
from ui.feed_bridge import FeedBridge
from ui.hall_sync import HallSync

log = logging.getLogger(__name__)

PREFERRED_SIZE = QSize(1280, 820)
SMALLEST_SIZE = QSize(960, 540)
TITLE_BAR = 40  # room for the window manager's frame above the available area's top


def fitted_size(area: QRect) -> tuple[QSize, QSize]:
    """The window's first size and its minimum on a screen whose free area is ``area``."""
    room = QSize(area.width(), max(area.height() - TITLE_BAR, 1))
    return PREFERRED_SIZE.boundedTo(room), SMALLEST_SIZE.boundedTo(room)


REFRESH_DELAY_MS = 100  # events arriving together cause one reload (a busy hall: many a second)
# Event kinds that change what this window shows; others (printer status…) are ignored.
RELEVANT = ("ticket.", "counter.", "assignments.", "hall.", "day.", "officer.")
CONFIG_KINDS = ("hall.config_changed", "hall.settings_changed", "assignments.changed")


class Workstation(OfficerFlows, QMainWindow):
    """One counter, one officer. ``start()`` loads the counter, opens it and follows the feed."""

    logged_out = Signal()

    def __init__(
        self,
        hall: HallService,
        officer: OfficerView,
        counter: int,
        *,
        lang: str = "id",
        synchronous: bool = False,
        feed_wait: float = 0.5,  # also bounds how long closing waits for the feed thread
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()
        self.hall = hall
        self.officer = officer
        self.counter_number = counter
        self.lang = lang
        self.synchronous = synchronous
        self.feed_wait = feed_wait
        self.snapshot: CounterSnapshot | None = None
        self.current: TicketView | None = None
        self.dialog: QDialog | None = None
        self.loaded = False
        self._epoch = 0  # moves on with every action step, so older reads are not shown
        self._refreshing = False
        self._refresh_again = False
        self._want_config = False
        self._notes: list[str] = []
        self._closed = False
        self._last_act: tuple[str, float] = ("", 0.0)
        self._seen_event = 0  # the newest event id the screen already reflects
        self._no_show_waits = False  # the hall's no-show rule held the button back
        # The same action again this soon after the last is taken as the same click.
        self.repeat_guard_ms = QApplication.doubleClickInterval()

        self.runner = ActionRunner(
            lambda: hall.counter(counter),
            self,
            synchronous=synchronous,
            pool=pool,
            reset=hall.dispose,
        )
        self.runner.step_done.connect(self._step_done)
        self.runner.finished.connect(self._attempt_finished)
        self.runner.refused.connect(self._attempt_refused)
        self.runner.crashed.connect(self._attempt_crashed)
        self.runner.online_changed.connect(self._online_changed)
        self.runner.pending_changed.connect(lambda _attempt: self._render_controls())
        self.runner.busy_changed.connect(lambda _busy: self._render_controls())
        # No retries of its own: after a failed read the runner probes the database, and
        # its online_changed brings the reload.
        self.sync = HallSync(
            hall,
            kinds=RELEVANT,
            retry_delays=(),
            synchronous=synchronous,
            pool=pool,
            feed_wait=feed_wait,
            parent=self,
        )
        self.sync.events.connect(self._on_events)
        self.sync.feed_changed.connect(self.runner.set_feed_ok)

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

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self._refresh_now)
        self._tick_timer = QTimer(self)
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start(1000)
        self.compact: bool | None = None
        self._fit_to_screen()
        self._set_compact(False)
        self.retranslate()
        self._render()

    # --- layout --------------------------------------------------------------------

    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("workstation")
        self.setCentralWidget(root)
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_header())

        self.content = content = QVBoxLayout()
        content.setContentsMargins(20, 16, 20, 20)
        content.setSpacing(14)
        self.banner = Banner()
        self.banner.resend.connect(self.runner.resend)
        self.banner.discard.connect(self._discard_pending)
        content.addWidget(self.banner)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(12)
        self.ticket_card = CurrentTicketCard()
        left.addWidget(self.ticket_card, 1)
        self.notice = Notice()
        left.addWidget(self._build_actions())
        columns.addLayout(left, 3)

        self.side = side = QWidget()
        side.setMinimumWidth(380)
        side.setMaximumWidth(440)
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(12)
        self.waiting = WaitingPanel()
        self.waiting.call_requested.connect(self.call_number)
        self.parked = ParkedPanel()
        self.parked.resume_requested.connect(self.resume)
        self.figures = FiguresPanel()
        self.figures.set_officer(self.officer.full_name or self.officer.username)
        right.addWidget(self.waiting, 1)
        right.addWidget(self.parked)
        right.addWidget(self.figures)
        columns.addWidget(side, 2)
        content.addLayout(columns, 1)
        outer.addLayout(content, 1)

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header_row = row = QHBoxLayout(header)
        row.setContentsMargins(20, 10, 20, 10)
        row.setSpacing(12)
        names = QVBoxLayout()
        names.setSpacing(0)
        self.counter_label = label("", "counterName")
        self.hall_label = label("", "hallName")
        names.addWidget(self.counter_label)
        names.addWidget(self.hall_label)
        row.addLayout(names)
        row.addSpacing(12)
        states = QHBoxLayout()
        states.setSpacing(0)
        for key, edge in (("open", "first"), ("break", "middle"), ("close", "last")):
            button = ActionButton(key, "state")
            button.setProperty("edge", edge)
            button.setProperty("stateKey", key)
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._wire(button, key)
            states.addWidget(button)
        row.addLayout(states)
        row.addStretch(1)
        when = QVBoxLayout()
        when.setSpacing(0)
        self.clock_label = label("", "clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.date_label = label("", "hallName")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        when.addStretch(1)
        when.addWidget(self.clock_label)
        when.addWidget(self.date_label)
        when.addStretch(1)
        row.addLayout(when)
        row.addSpacing(8)
        line = QWidget()
        line.setFixedSize(1, 34)
        line.setStyleSheet("background: #2F4A6D;")
        row.addWidget(line)
        row.addSpacing(8)
        who = QVBoxLayout()
        who.setSpacing(0)
        self.officer_label = ElidedLabel("", "officer")
        self.officer_label.setMaximumWidth(220)
        self.officer_label.setMinimumWidth(120)
        self.role_label = ElidedLabel("", "hallName")
        self.role_label.setMaximumWidth(220)
        who.addStretch(1)
        who.addWidget(self.officer_label)
        who.addWidget(self.role_label)
        who.addStretch(1)
        row.addLayout(who)
        row.addSpacing(6)
        self.mini_button = ActionButton("mini")
        self.mini_button.setMinimumHeight(38)
        self.mini_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._wire(self.mini_button, "mini")
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.clicked.connect(
            lambda: self.set_language("en" if self.lang == "id" else "id")
        )
        self.logout_button = QPushButton()
        self.logout_button.clicked.connect(self.logout)
        row.addWidget(self.mini_button)
        for plain in (self.language_button, self.logout_button):
            plain.setMinimumHeight(38)
            plain.setCursor(Qt.CursorShape.PointingHandCursor)
            row.addWidget(plain)
        return header

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
        layout = (
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
        for key, row, column, rows, columns in layout:
            spec = ACTIONS[key]
            button = ActionButton(key, spec.role, big=key == "call_next")
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
        # The mini button's title first: its size is measured below.
        self.mini_button.title.setText(self.tr("Mini") if compact else self.action_label("mini"))
        self.date_label.setVisible(not compact)
        self.role_label.setVisible(not compact)
        for key in ("open", "break", "close", "mini"):
            for button in self.buttons[key]:
                if button.window() is self:
                    button.keycap.setVisible(not compact)
                    button.layout().activate()
                    button.updateGeometry()
        for key, buttons in self.buttons.items():
            for button in buttons:
                if button.window() is self and key not in ("open", "break", "close", "mini"):
                    big = key == "call_next"
                    button.setMinimumHeight((54 if big else 44) if compact else (66 if big else 52))
        self.side.setMinimumWidth(300 if compact else 380)
        self.header_row.setSpacing(8 if compact else 12)
        self.header_row.setContentsMargins(14 if compact else 20, 10, 14 if compact else 20, 10)
        self.officer_label.setMinimumWidth(90 if compact else 120)
        margin = 12 if compact else 20
        self.content.setContentsMargins(margin, margin - 4, margin, margin)
        self.content.setSpacing(10 if compact else 14)
        self.ticket_card.set_compact(compact)
        self.waiting.set_compact(compact)
        self.figures.set_compact(compact)
        for widget in self.centralWidget().findChildren(QWidget):
            widget.updateGeometry()  # sizes measured with the other fonts are stale
        # This runs inside a resize whose layout is already done: lay out again after it.
        QTimer.singleShot(0, self._relayout)

    def _relayout(self) -> None:
        root = self.centralWidget()
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

    def retranslate(self) -> None:
        labels = {key: (self.action_label(key), spec.shortcut) for key, spec in ACTIONS.items()}
        for key, buttons in self.buttons.items():
            for button in buttons:
                button.set_text(*labels[key])
        self.mini.retranslate(labels)
        self.actions_card.set_title(self.tr("Tindakan"))
        self.mini_button.setToolTip(
            self.tr("Bilah kecil yang selalu tampil di atas program lain (Ctrl+M)")
        )
        self.language_button.setText("EN" if self.lang == "id" else "ID")
        self.language_button.setToolTip("English" if self.lang == "id" else "Bahasa Indonesia")
        self.logout_button.setText(self.tr("Keluar"))
        self.logout_button.setToolTip(self.tr("Tutup loket dan keluar"))
        self.banner.resend_button.setText(self.tr("Kirim ulang"))
        self.banner.discard_button.setText(self.tr("Batalkan"))
        self.setWindowTitle(self.tr("Antre — Loket"))
        for panel in (self.ticket_card, self.waiting, self.parked, self.figures):
            panel.retranslate()
        self.figures.set_officer(self.officer.full_name or self.officer.username)
        if self.compact:
            self.mini_button.title.setText(self.tr("Mini"))
        self._render()

    # --- life cycle --------------------------------------------------------------------

    @property
    def bridge(self) -> FeedBridge | None:
        """The hall's event feed, once the first load gave its cursor."""
        return self.sync.bridge

    def start(self) -> None:
        """Load the counter, open it for this officer and follow the hall's events."""
        self.sync.read(
            lambda hall: load(
                hall, self.counter_number, self.officer.id, with_config=True, with_cursor=True
            ),
            self._first_load,
            self._load_failed,
        )

    def _first_load(self, snapshot: CounterSnapshot) -> None:
        if self._closed:
            return
        self.loaded = True
        self._apply(snapshot)
        self.sync.follow(snapshot.cursor or 0)
        view = snapshot.counter
        if view.state is not CounterState.OPEN or view.officer_username != self.officer.username:
            self._submit("open", [self._state_step(CounterState.OPEN)])

    def _load_failed(self, error: Exception) -> None:
        self._refreshing = False
        if isinstance(error, DatabaseUnavailable):
            self.runner.report_unavailable()
        else:
            self._show_error(error)
        self._render_controls()

    def shutdown(self) -> None:
        """Stop the feed and timers; the counter keeps its state (logout closes it)."""
        if self._closed:
            return
        self._closed = True
        self.runner.shutdown()
        self._tick_timer.stop()
        self._refresh_timer.stop()
        self.sync.stop()
        self.mini.close()
        self.mini.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- refresh -------------------------------------------------------------------------

    def request_refresh(self, config: bool = False) -> None:
        if self._closed or not self.loaded:
            return
        self._want_config = self._want_config or config
        if self.synchronous:
            self._refresh_now()
        elif not self._refresh_timer.isActive():
            self._refresh_timer.start(REFRESH_DELAY_MS)

    def _refresh_now(self) -> None:
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        epoch, config = self._epoch, self._want_config
        self._want_config = False
        previous = self.snapshot
        self.sync.read(
            lambda hall: load(
                hall,
                self.counter_number,
                self.officer.id,
                with_config=config,
                with_cursor=True,
                previous=previous,
            ),
            lambda snapshot: self._refreshed(snapshot, epoch, config),
            self._load_failed,
        )

    def _refreshed(self, snapshot: CounterSnapshot, epoch: int, config: bool) -> None:
        self._refreshing = False
        if epoch != self._epoch or self.runner.busy:
            # An action moved on while we read: this view may predate it.
            self._want_config = self._want_config or config
            self._refresh_again = True
        else:
            self._apply(snapshot)
            self.runner.report_ok()
        if self._refresh_again and not self.runner.busy:
            self.request_refresh()

    def _apply(self, snapshot: CounterSnapshot) -> None:
        self.snapshot = snapshot
        self.current = snapshot.current
        if snapshot.cursor is not None:
            self._seen_event = max(self._seen_event, snapshot.cursor)
        self._render()

    def _on_events(self, batch: list[EventView]) -> None:
        # Events up to the cursor of the last read are already on screen (our own actions).
        kinds = [event.kind for event in batch if event.id > self._seen_event]
        if kinds:  # all of RELEVANT kinds: the sync passes on no other
            self.request_refresh(config=any(kind in CONFIG_KINDS for kind in kinds))

    # --- rendering -----------------------------------------------------------------------

    def _render(self) -> None:
        snapshot = self.snapshot
        now = clock.now()
        view = snapshot.counter if snapshot else None
        self.counter_label.setText(view.name if view else f"Loket {self.counter_number}")
        place = view.zone if view and view.zone else self.hall.hall.short_name
        self.hall_label.setText(place)
        if view is not None:
            self.setWindowTitle(f"{view.name} — {self.hall.hall.short_name or 'Antre'}")
        self.officer_label.setText(self.officer.full_name or self.officer.username)
        self.role_label.setText(self.officer.username)
        self.ticket_card.show_ticket(self.current)
        if snapshot is not None:
            self.waiting.show_snapshot(snapshot, now)
            self.parked.show_tickets(snapshot.parked)
            self.figures.show_figures(snapshot.counter_figures, snapshot.officer_figures)
            self.ticket_card.set_next_hint(self._next_hint(snapshot))
        self._tick()
        self._render_controls()

    def _next_hint(self, snapshot: CounterSnapshot) -> str:
        if snapshot.state is not CounterState.OPEN:
            return self.tr("Loket sedang %1. Buka loket (F11) untuk memanggil.").replace(
                "%1", wording.state_name(snapshot.state).lower()
            )
        if not snapshot.waiting:
            return self.tr("Belum ada yang menunggu di layanan loket ini.")
        first = snapshot.waiting[0]
        return (
            self.tr("Tekan F1 untuk memanggil %1 (%2).")
            .replace("%1", first.number)
            .replace("%2", first.service_name)
        )

    def enabled_actions(self) -> dict[str, bool]:
        """Which buttons can act now: those core's ticket rules allow with the ticket on
        screen (core.domain.ticket_rules), while the window can act at all (online, loaded,
        not closing). A held ticket stops neither a call nor a break or closing: calling asks
        first how to close it, and core's refusal tells the officer to before a break."""
        allowed: frozenset[Action] = frozenset()
        if self.runner.can_act and self.snapshot is not None and not self._closed:
            allowed = allowed_actions(
                self.snapshot.state,
                self.current,
                parked=len(self.snapshot.parked),
                no_show_rule=self.snapshot.no_show_rule,
                now=clock.now(),
                closing_first=True,
            )
        result = {action.value: action in allowed for action in Action}
        result["mini"] = True
        return result

    def _render_controls(self) -> None:
        if self._closed:
            return
        enabled = self.enabled_actions()
        state = self.snapshot.state if self.snapshot else None
        for key, buttons in self.buttons.items():
            for button in buttons:
                button.setEnabled(enabled.get(key, False))
                if key in STATE_ACTIONS:
                    button.set_checked(state is STATE_ACTIONS[key])
        self._render_no_show_reason()
        self._render_calling_reason()
        self.parked.set_actions_enabled(enabled["resume"])
        self.logout_button.setEnabled(self.runner.can_act)
        self._render_banner()
        self.mini.show_state(
            self.snapshot.counter.name if self.snapshot else "",
            self.current,
            len(self.snapshot.waiting) if self.snapshot else 0,
            not self.runner.online,
        )

    def no_show_wait(self) -> NoShowWait | None:
        """What the hall's no-show rule still waits for with the ticket on screen, if anything."""
        if self.snapshot is None:
            return None
        return no_show.pending(self.snapshot.no_show_rule, self.current, clock.now())

    def _render_no_show_reason(self) -> None:
        wait = self.no_show_wait()
        self._no_show_waits = wait is not None
        tz = self.hall.hall.timezone
        reason = no_show.reason(wait, tz, self.lang) if wait else ""
        caption = no_show.caption(wait, tz, self.lang) if wait else ""
        for button in self.buttons["no_show"]:
            in_mini = button.window() is self.mini
            button.set_reason(reason, "" if in_mini else caption)

    def _render_calling_reason(self) -> None:
        """On break or closed the calling buttons are off; their tooltip says what to do."""
        state = self.snapshot.state if self.snapshot else None
        codes = {CounterState.BREAK: "counter_on_break", CounterState.CLOSED: "counter_closed"}
        code = codes.get(state) if state is not None else None
        name = self.snapshot.counter.name if self.snapshot else ""
        reason = messages.text(code, self.lang, counter=name) if code else ""
        for key in ("call_next", "call_number", "resume"):
            for button in self.buttons[key]:
                button.set_reason(reason)

    def _render_banner(self) -> None:
        pending = self.runner.pending
        offline = not self.runner.online
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
            self.banner.pending.hide()
            self.banner.resend_button.hide()
            self.banner.discard_button.hide()
            return
        name = self.action_label(pending.key)
        if self.runner.auto_retry_allowed(pending):
            text = self.tr("“%1” belum terkirim; dikirim ulang otomatis begitu tersambung.")
        else:
            text = self.tr("“%1” belum terkirim. Kirim ulang sekarang, atau batalkan?")
        self.banner.pending.setText(text.replace("%1", name))
        self.banner.pending.show()
        self.banner.resend_button.setVisible(not self.runner.auto_retry_allowed(pending))
        self.banner.resend_button.setEnabled(self.runner.online and not self.runner.busy)
        self.banner.discard_button.show()

    def _tick(self) -> None:
        now = clock.now()
        tz = self.hall.hall.timezone
        self.clock_label.setText(dates.clock_time(now, tz))
        self.date_label.setText(dates.long_date(now, tz, self.lang))
        self.ticket_card.tick(now)
        self.waiting.tick(now)
        if self._no_show_waits and self.no_show_wait() is None:
            self._render_controls()  # the rule's minutes have passed: "Tidak hadir" may act
        if self.runner.pending is not None:
            self._render_banner()

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

    def _online_changed(self, online: bool) -> None:
        if online:
            if self.loaded:
                self.request_refresh(config=True)
            else:
                self.start()
        self._render_controls()
