"""``./run demo``: the whole hall on one PC, with a simulated crowd on a simulated clock.

python -m demo [--windows kiosk,counter,display] [--hall FILE] [--db URL] [--dir DIR]
               [--no-crowd] [--speed 4] [--arrivals 400] [--run-for SECONDS]
               [--screenshots DIR --every SECONDS] [--lang id|en]
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from core import clock
from core.config import DeviceSettings
from core.errors import AntreError
from demo.setup import DEMO_OFFICER, SAMPLE_HALL, DemoHall, demo_folder, fresh_sqlite, prepare
from ui import command_line

log = logging.getLogger(__name__)
WINDOWS = ("kiosk", "counter", "display")
REAL_COUNTER = 1  # the window's officer works at loket 1; simulated officers at the others


def parse(argv: list[str]) -> argparse.Namespace:
    say = command_line.say
    parser = command_line.parser("demo", "Antre: the whole hall on one PC")
    parser.add_argument(
        "--windows", default=",".join(WINDOWS), help=say("which windows (comma-separated)")
    )
    parser.add_argument("--hall", type=Path, default=SAMPLE_HALL, help=say("hall file (TOML)"))
    parser.add_argument(
        "--db", help=say("a PostgreSQL URL instead of a fresh SQLite demo database")
    )
    parser.add_argument("--dir", type=Path, help=say("folder for the SQLite demo database"))
    parser.add_argument(
        "--no-crowd", action="store_true", help=say("no simulated citizens and officers")
    )
    parser.add_argument(
        "--speed", type=float, default=4.0, help=say("simulated minutes per real minute")
    )
    parser.add_argument(
        "--arrivals", type=float, default=400.0, help=say("citizens per simulated hour")
    )
    parser.add_argument("--run-for", type=float, help=say("quit after this many real seconds"))
    parser.add_argument("--screenshots", type=Path, help=say("save side-by-side screenshots here"))
    parser.add_argument(
        "--every", type=float, default=10.0, help=say("seconds between screenshots")
    )
    parser.add_argument(
        "--lang", choices=("id", "en"), default="id", help=say("language of the windows")
    )
    parser.add_argument("--report-ready", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = set(args.windows.split(",")) - set(WINDOWS)
    if unknown or not args.windows:
        wrong = say("--windows: choose from {choices} (not {wrong})")
        parser.error(wrong.format(choices=", ".join(WINDOWS), wrong=", ".join(sorted(unknown))))
    return args


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = parse(sys.argv[1:] if argv is None else argv)  # --help: no screen needed
    from ui.application import make_app
    from ui.process import report_when_ready

    app = make_app("antre-demo", [sys.argv[0]])
    try:
        url = args.db or fresh_sqlite(demo_folder(args.dir))
        hall = prepare(args.hall, url, date.today())
    except AntreError as error:
        print(f"demo: {error.message(args.lang)}", file=sys.stderr)
        return 2
    clock.set_clock(clock.SimulatedClock(hall.start, speed=args.speed))
    from ui import i18n

    i18n.set_language(args.lang)
    settings = DeviceSettings(
        database_url=url, hall=hall.spec.code, language=args.lang, counter=REAL_COUNTER
    )
    from demo.windows import open_windows, side_by_side

    windows = open_windows(args.windows.split(","), settings, DEMO_OFFICER)
    crowd = None
    if not args.no_crowd:
        crowd = _start_crowd(settings, hall.spec.counters, args.arrivals)
    if args.report_ready:
        report_when_ready("demo", started, lambda: windows.all()[0], windows.have_data)
    if args.run_for:
        QTimer.singleShot(int(args.run_for * 1000), app.quit)
    if args.screenshots:
        _screenshots(args.screenshots, args.every, lambda: side_by_side(windows.all()))
    print(_banner(hall, args, url))
    code = app.exec()
    if crowd is not None:
        crowd.stop()
        crowd.hall.dispose()
    windows.close()
    clock.set_clock(None)
    return code


def _banner(hall: DemoHall, args: argparse.Namespace, url: str) -> str:
    from core.dates import date_and_time

    when = date_and_time(hall.start, hall.spec.timezone, args.lang)
    user, password = DEMO_OFFICER
    if args.lang == "en":
        return (
            f"Antre demo: {hall.spec.name}\nSimulated time from {when} ({args.speed:g}× speed).\n"
            f"Officer login: {user} / {password} · database: {url}\n"
            "Close the windows or press Ctrl+C to stop."
        )
    return (
        f"Demo Antre: {hall.spec.name}\nWaktu simulasi mulai {when} (kecepatan {args.speed:g}×).\n"
        f"Masuk petugas: {user} / {password} · basis data: {url}\n"
        "Tutup jendela atau tekan Ctrl+C untuk berhenti."
    )


def _start_crowd(settings: DeviceSettings, counters, arrivals: float):
    from core.hall import HallService
    from demo.crowd import Crowd

    hall = HallService.connect(settings.database_url, settings.hall)
    crowd = Crowd(hall, [c.number for c in counters if c.number != REAL_COUNTER], arrivals)
    crowd.open_counters()
    crowd.start()
    return crowd


def _screenshots(folder: Path, every: float, take) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    count = [0]

    def shoot() -> None:
        count[0] += 1
        take().save(str(folder / f"demo-{count[0]:02d}.png"))

    timer = QTimer(QApplication.instance())
    timer.timeout.connect(shoot)
    timer.start(int(every * 1000))
