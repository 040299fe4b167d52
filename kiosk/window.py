"""The kiosk window: header, the screens, and the rules for moving between them.

Citizens move home → agency → service → ticket (two taps), optionally through the priority
lane or a service's standar pelayanan. Two states override navigation: the database is
unreachable ("Layanan sementara tidak tersedia") and ticketing paused for the printer.
Any screen returns home after ``idle_seconds`` without a touch. Five taps in the top-left
corner within three seconds open the staff PIN pad.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QSinglePointEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from core import clock
from core.domain.enums import Priority
from core.errors import DatabaseUnavailable, Refused
from core.hall import HallService
from core.language import as_language
from kiosk import theme
from kiosk.config import KioskConfig
from kiosk.hall_data import HallData
from kiosk.printer_monitor import Mode, PrinterMonitor
from kiosk.printing import PAPERS, PrintableTicket, PrintResult, print_ticket
from kiosk.screens.admin import AdminScreen, PinScreen
from kiosk.screens.base import Context, Screen, ticket_priority_label
from kiosk.screens.header import Header
from kiosk.screens.home import HomeScreen
from kiosk.screens.info import InfoScreen
from kiosk.screens.notice import NoticeScreen, PausedScreen, SurveyScreen, UnavailableScreen
from kiosk.screens.priority import PriorityScreen
from kiosk.screens.result import BusyScreen, OnScreenTicketScreen, ResultScreen
from kiosk.screens.services import ServicesScreen
from kiosk.ticket_flow import FlowOutcome, TicketFlow, TicketRequest
from ui import i18n, operations
from ui.theme import Scale

log = logging.getLogger(__name__)

GESTURE_TAPS = 5
GESTURE_SECONDS = 3.0
PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class KioskWindow(QWidget):
    exit_requested = Signal()

    def __init__(
        self,
        hall: HallService,
        config: KioskConfig,
        *,
        synchronous: bool = False,
        start: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(f"Antre · {hall.hall.name}")
        self.hall = hall
        self.config = config
        self.synchronous = synchronous
        self.data = HallData(
            hall,
            synchronous=synchronous,
            min_interval=config.refresh_interval,
            retry_seconds=config.retry_seconds,
            feed_wait=config.feed_wait,
            parent=self,
        )
        self.monitor = PrinterMonitor(hall, config, synchronous=synchronous, parent=self)
        self.ctx = Context(hall, self.data, config, self.monitor, self)
        self.flow = TicketFlow(hall, config, synchronous=synchronous, parent=self)
        self._build()
        self._connect()
        self._taps: list[float] = []
        self._last_press: tuple = ()
        self._last_request: TicketRequest | None = None
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._idle_timeout)
        self._idle.setInterval(round(config.idle_seconds * 1000))
        self._exiting = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if self.ctx.lang != "id":
            i18n.set_language(self.ctx.lang)
        self._apply_metrics(theme.scale_for(1920, 1080))
        self.stack.setCurrentWidget(self.home)
        if start:
            self.start()

    # --- construction ----------------------------------------------------------------

    def _build(self) -> None:
        ctx = self.ctx
        self.header = Header(ctx)
        self.stack = QStackedWidget()
        # The screen's size is given (full screen); pages adapt to it, never the reverse.
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.home = HomeScreen(ctx)
        self.services = ServicesScreen(ctx)
        self.info = InfoScreen(ctx)
        self.priority = PriorityScreen(ctx)
        self.busy = BusyScreen(ctx)
        self.result = ResultScreen(ctx)
        self.on_screen = OnScreenTicketScreen(ctx)
        self.notice = NoticeScreen(ctx)
        self.unavailable = UnavailableScreen(ctx)
        self.paused = PausedScreen(ctx)
        self.survey = SurveyScreen(ctx)
        self.pin = PinScreen(ctx)
        self.admin = AdminScreen(ctx)
        self.screens: list[Screen] = [
            self.home,
            self.services,
            self.info,
            self.priority,
            self.busy,
            self.result,
            self.on_screen,
            self.notice,
            self.unavailable,
            self.paused,
            self.survey,
            self.pin,
            self.admin,
        ]
        for screen in self.screens:
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        self.header.language_requested.connect(self.set_language)
        self.home.agency_chosen.connect(self.open_agency)
        self.home.priority_requested.connect(lambda: self.show_screen(self.priority))
        self.home.survey_requested.connect(self.open_survey)
        self.services.back.connect(lambda: self.show_home(keep_priority=True))
        self.services.service_chosen.connect(self.take_ticket)
        self.services.info_requested.connect(self.open_info)
        self.info.back.connect(lambda: self.show_screen(self.services))
        self.info.take_number.connect(self.take_ticket)
        self.priority.back.connect(lambda: self.show_home(keep_priority=True))
        self.priority.chosen.connect(self.choose_priority)
        self.result.done.connect(self.end_session)
        self.on_screen.done.connect(self.end_session)
        self.notice.home.connect(self.end_session)
        self.notice.on_screen_requested.connect(self.retry_on_screen)
        self.survey.back.connect(lambda: self.show_home(keep_priority=True))
        self.pin.accepted.connect(lambda: self.show_screen(self.admin))
        self.pin.cancelled.connect(lambda: self.show_home(keep_priority=False))
        self.admin.language_requested.connect(self.set_language)
        self.admin.close_requested.connect(lambda: self.show_home(keep_priority=False))
        self.admin.exit_requested.connect(self.request_exit)
        self.admin.test_print_requested.connect(self.test_print)
        self.admin.check_requested.connect(self.monitor.check)
        self.data.changed.connect(self._data_changed)
        self.data.online_changed.connect(lambda _ok: self._apply_blocking())
        self.monitor.mode_changed.connect(lambda _mode: self._apply_blocking())
        self.monitor.state_changed.connect(self._printer_state)
        self.flow.finished.connect(self._flow_finished)
        self.flow.failed.connect(self._flow_failed)

    def start(self) -> None:
        self.data.start()
        self.monitor.start()
        self._idle.start()

    def shutdown(self) -> None:
        """Stop the feed, timers and the event filter (tests, and before quitting)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()
        self.data.stop()
        self.monitor.stop()

    # --- navigation ------------------------------------------------------------------

    @property
    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_screen(self, screen: Screen) -> None:
        screen.entered()
        self.stack.setCurrentWidget(screen)
        self._idle.start()

    def show_home(self, keep_priority: bool = False) -> None:
        if not keep_priority:
            self.ctx.set_priority(Priority.REGULAR)
        blocking = self._blocking_page()
        self.show_screen(blocking or self.home)

    def end_session(self) -> None:
        """One citizen is done: home, regular lane, the kiosk's default language."""
        if self.ctx.lang != self.config.language:
            self.set_language(self.config.language)
        self.show_home(keep_priority=False)

    def open_agency(self, code: str) -> None:
        if self.flow.busy:
            return
        self.services.show_agency(code)
        self.show_screen(self.services)

    def open_info(self, code: str) -> None:
        self.info.show_service(code)
        self.show_screen(self.info)

    def open_survey(self) -> None:
        url = self.home.survey_url()
        if url:
            self.survey.show_url(url)
            self.show_screen(self.survey)

    def choose_priority(self, priority: Priority) -> None:
        self.ctx.set_priority(priority)
        self.show_home(keep_priority=True)

    def set_language(self, lang: str) -> None:
        lang = as_language(lang)
        if lang == self.ctx.lang:
            self.header.switch.set_language(lang)
            return
        self.ctx.lang = lang
        i18n.set_language(lang)  # every widget gets LanguageChange and retranslates
        self.header.switch.set_language(lang)
        if self.current is self.admin:
            self.admin.refresh()

    # --- taking a ticket -------------------------------------------------------------

    def take_ticket(self, service_code: str, on_screen: bool = False) -> bool:
        """The tap on a service. Returns False when the tap is ignored (already in flight)."""
        if self.flow.busy:
            return False
        if self.monitor.mode is Mode.PAUSED:
            self._apply_blocking()
            return False
        on_screen = on_screen or self.monitor.mode is Mode.ON_SCREEN
        request = TicketRequest(
            service_code=service_code,
            priority=self.ctx.priority,
            language=self.ctx.lang,
            on_screen=on_screen,
            priority_label=ticket_priority_label(self.ctx.priority),
            settings=dict(self.data.settings),
            logo_path=self.data.logo,
        )
        self._last_request = request
        self.services.set_enabled(False)
        self.info.take.setEnabled(False)
        self.busy.set_on_screen(on_screen)
        self.show_screen(self.busy)
        if not on_screen:
            self.monitor.set_busy(True)
        return self.flow.request(request)

    def retry_on_screen(self) -> None:
        """After a failed print, the same service again as an on-screen ticket (a new number)."""
        if self._last_request is not None:
            self.ctx.set_priority(self._last_request.priority)
            self.take_ticket(self._last_request.service_code, on_screen=True)

    def _flow_ended(self) -> None:
        self.services.set_enabled(True)
        self.info.take.setEnabled(True)

    def _flow_finished(self, outcome: FlowOutcome) -> None:
        self._flow_ended()
        printed = outcome.printed
        if printed is not None:
            self.monitor.note_print(printed)
            self.monitor.set_busy(False)
        self.data.refresh()
        if printed is None:  # outcome.on_screen
            self.on_screen.show_outcome(outcome)
            self.show_screen(self.on_screen)
        elif printed.ok:
            self.result.show_outcome(outcome)
            self.show_screen(self.result)
        else:
            self.notice.show_print_failure(
                printed.message(self.ctx.lang),
                outcome.issued.ticket.number,
                offer_on_screen=self.config.on_screen_fallback,
            )
            self.show_screen(self.notice)

    def _flow_failed(self, error: Exception) -> None:
        self._flow_ended()
        self.monitor.set_busy(False)
        if isinstance(error, DatabaseUnavailable):
            self.data.mark_offline(error)
            self.show_screen(self.unavailable)
        elif isinstance(error, Refused):
            self.notice.show_refusal(error.message(self.ctx.lang))
            self.show_screen(self.notice)
            self.data.refresh()
        else:
            log.error("ticket not issued: %r", error)
            self.notice.show_error()
            self.show_screen(self.notice)

    # --- states that override navigation ---------------------------------------------

    def _blocking_page(self) -> Screen | None:
        if not self.data.online:
            return self.unavailable
        if self.monitor.mode is Mode.PAUSED:
            self.paused.set_problem(self.monitor.state.problem)
            return self.paused
        return None

    def _apply_blocking(self) -> None:
        page = self._blocking_page()
        current = self.current
        interruptible = (
            self.home,
            self.services,
            self.info,
            self.priority,
            self.survey,
            self.unavailable,
            self.paused,
        )
        if page is not None:
            if current in interruptible and not self.flow.busy and current is not page:
                self.show_screen(page)
        elif current in (self.unavailable, self.paused):
            self.show_home(keep_priority=False)

    def _data_changed(self) -> None:
        for screen in (self.home, self.services, self.info):
            screen.refresh()
        for result in (self.result, self.on_screen):
            result.show_serving()
        self._apply_blocking()

    def _printer_state(self, _state: object) -> None:
        if self.current is self.admin:
            self.admin.refresh()
        if self.current is self.paused:
            self.paused.set_problem(self.monitor.state.problem)

    # --- staff -----------------------------------------------------------------------

    def test_print(self) -> None:
        if not self.config.has_printer:
            self.admin.show_result(self.tr("Tidak ada printer yang diatur (none)."), False)
            return
        ref = self.hall.hall
        now = clock.now().astimezone(clock.zone(ref.timezone))
        ticket = self._test_ticket(now)
        uri, paper = self.config.printer, PAPERS[self.config.paper_spec]
        timeout, status_timeout = self.config.print_timeout, self.config.status_timeout
        lang = self.ctx.lang

        def done(result: PrintResult) -> None:
            self.monitor.note_print(result)
            self.admin.show_result(result.message(lang), result.ok)

        self.admin.show_result(self.tr("Mencetak…"), True)
        operations.run(
            lambda: print_ticket(
                uri, ticket, paper, timeout=timeout, status_timeout=status_timeout
            ),
            done,
            lambda error: self.admin.show_result(str(error), False),
            synchronous=self.synchronous,
        )

    def _test_ticket(self, now: datetime) -> PrintableTicket:
        ref = self.hall.hall
        return PrintableTicket(
            hall_name=ref.name,
            logo_path=self.data.logo,
            number="UJI",
            service_name=self.tr("Tiket uji printer – bukan nomor antrean"),
            agency_name=self.config.name,
            issued_at=now,
            zone_label=clock.zone_label(ref.timezone),
            people_ahead=0,
            estimated_wait_minutes=None,
            priority_label=None,
            qr_payload=str(self.data.settings.get("ticket_qr_template") or "") or None,
            footer_lines=(self.tr("Printer siap digunakan."),),
            language=self.ctx.lang,
        )

    def request_exit(self) -> None:
        self._exiting = True
        self.exit_requested.emit()

    # --- idle, the hidden gesture, scaling -------------------------------------------

    def _idle_timeout(self) -> None:
        if self.flow.busy:
            self._idle.start()
            return
        if self.current not in (self.home, self.unavailable, self.paused):
            log.info("idle: back to the home screen")
            self.end_session()
        elif self.ctx.priority.is_priority or self.ctx.lang != self.config.language:
            self.end_session()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in PRESS_EVENTS
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            self._idle.start()
            self._corner_tap(event)
        return False

    def _corner_tap(self, event: QEvent) -> None:
        if not isinstance(event, QSinglePointEvent):  # a touch arrives again as its mouse press
            return
        point = event.globalPosition().toPoint()
        # One press reaches the filter once per widget it propagates through: count it once.
        key = (event.timestamp(), point.toTuple())
        if key == self._last_press:
            return
        self._last_press = key
        local = self.mapFromGlobal(point)
        corner = self.ctx.metrics.px(150)
        if not (0 <= local.x() < corner and 0 <= local.y() < corner):
            self._taps.clear()
            return
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t <= GESTURE_SECONDS] + [now]
        if len(self._taps) >= GESTURE_TAPS and not self.flow.busy:
            self._taps.clear()
            log.info("staff gesture: PIN pad")
            self.show_screen(self.pin)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = theme.scale_for(self.width(), self.height())
        if metrics != self.ctx.metrics:
            self._apply_metrics(metrics)

    def _apply_metrics(self, metrics: Scale) -> None:
        self.ctx.metrics = metrics
        self.setStyleSheet(theme.style_sheet(metrics))
        self.header.rescale(metrics)
        for screen in self.screens:
            screen.rescale(metrics)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.windowFlags() & Qt.WindowType.FramelessWindowHint and not self._exiting:
            event.ignore()  # kiosk mode: only the staff menu closes the kiosk
            return
        self.shutdown()
        super().closeEvent(event)
