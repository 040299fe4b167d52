"""``antre-counter``: the officer's workstation program (login → workstation → logout → login)."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from core import messages
from core.config import DeviceSettings, load_settings
from core.errors import AntreError, ConfigError, DatabaseUnavailable
from core.hall import HallService
from core.language import LANGUAGES
from core.views import OfficerView
from counter.controller import CounterController
from counter.login import LoginDialog
from counter.workstation import Workstation
from ui import command_line, i18n
from ui.application import make_app
from ui.process import asked_to_end, report_when_ready
from ui.startup import HallOpener

log = logging.getLogger(__name__)
PROGRAM = "antre-counter"


def parse_args(argv: list[str]) -> argparse.Namespace:
    say = command_line.say
    parser = command_line.parser(PROGRAM, "Antre: the officer's workstation")
    parser.add_argument(
        "--database", help=say("database URL (default: device settings / ANTRE_DB)")
    )
    parser.add_argument("--hall", help=say("hall code, when the database holds several"))
    parser.add_argument("--counter", type=int, help=say("counter number of this PC"))
    parser.add_argument("--lang", choices=LANGUAGES, help=say("language of the screens"))
    parser.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


class CounterApp(QObject):
    """Shows the login, then the workstation; a logout shows the login again."""

    def __init__(self, hall: HallService, settings: DeviceSettings, lang: str) -> None:
        super().__init__()
        self.hall = hall
        self.settings = settings
        self.lang = lang
        self.login: LoginDialog | None = None
        self.window: Workstation | None = None

    def show_login(self) -> LoginDialog:
        self.window = None
        dialog = LoginDialog(self.hall, counter=self.settings.counter, lang=self.lang)
        dialog.logged_in.connect(self.open_workstation)
        dialog.language_changed.connect(self._language)
        dialog.rejected.connect(self._quit_if_alone)
        self.login = dialog
        dialog.show()
        dialog.load_counters()
        return dialog

    def open_workstation(self, officer: OfficerView, counter: int) -> Workstation:
        window = Workstation(CounterController(self.hall, officer, counter, lang=self.lang))
        window.logged_out.connect(self._logged_out)
        self.window = window
        window.show()
        window.start()
        if self.login is not None:
            self.login.deleteLater()
            self.login = None
        return window

    def _logged_out(self) -> None:
        window = self.window
        if window is not None:
            self.lang = window.lang
            window.hide()
            window.deleteLater()
        self.show_login()

    def _language(self, lang: str) -> None:
        self.lang = lang

    def _quit_if_alone(self) -> None:
        if self.window is None:
            QApplication.quit()


def _ask_retry(text: str, lang: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, "Antre", text)
    retry = box.addButton(
        "Coba lagi" if lang == "id" else "Try again", QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton("Keluar" if lang == "id" else "Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is retry


def _fatal(text: str) -> int:
    QMessageBox.critical(None, "Antre", text)
    return 2


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = parse_args(sys.argv[1:] if argv is None else argv)  # --help: no screen
    app = make_app(PROGRAM, [sys.argv[0]])
    lang = args.lang or messages.language()
    try:
        settings = load_settings()
    except ConfigError as error:
        return _fatal(error.message(lang))
    lang = args.lang or settings.language
    i18n.set_language(lang)
    if args.counter is not None:
        settings = dataclasses.replace(settings, counter=args.counter)
    # A database out of reach at start: the officer is asked whether to try again.
    opener = HallOpener(
        args.database or settings.database_url, args.hall or settings.hall, retry_seconds=None
    )
    ended: list[int] = []  # the exit code, when the program gave up before its hall

    def unavailable(error: DatabaseUnavailable) -> None:
        log.warning("start-up: %s", error)
        if _ask_retry(error.message(lang), lang):
            opener.attempt()
        else:
            ended.append(0 if asked_to_end() else 1)  # SIGTERM/SIGINT end the dialog too
            opener.stop()

    def refused(error: Exception) -> None:
        ended.append(_fatal(error.message(lang) if isinstance(error, AntreError) else str(error)))
        opener.stop()

    opener.unavailable.connect(unavailable)
    opener.refused.connect(refused)
    hall = opener.wait()
    if hall is None:
        return ended[0] if ended else 0  # no code of ours: a signal asked to end
    controller = CounterApp(hall, settings, lang)
    login = controller.show_login()
    if args.report_ready:
        report_when_ready("counter", started, lambda: login, lambda: bool(login.counter_list))
    code = app.exec()
    if controller.window is not None:
        controller.window.shutdown()
    hall.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
