"""A fresh demo hall: database, sample configuration, a demo officer, a weekday morning."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from core import config
from core.domain.enums import Role
from core.errors import Refused
from core.hall import HallService
from core.hallfile import store
from core.hallfile.spec import HallSpec

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_HALL = ROOT / "assets" / "halls" / "mpp-lampung-timur.toml"
DEMO_OFFICER = ("petugas", "antre123")


@dataclass(frozen=True)
class DemoHall:
    url: str
    spec: HallSpec
    start: datetime  # the simulated clock's start, aware


def demo_folder(given: Path | None) -> Path:
    return given if given is not None else config.data_dir() / "demo"


def fresh_sqlite(folder: Path) -> str:
    """A new demo database each run: yesterday's demo never leaks into today's."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return f"sqlite:///{path.as_posix()}"


def first_open_morning(spec: HallSpec, today: date, opening: time = time(8, 5)) -> datetime:
    """Today, or the next day the hall is open, shortly after opening (hall-local time)."""
    holidays = {day for day, _ in spec.holidays}
    weekdays = set()
    for schedule in spec.schedules.values():
        weekdays |= set(schedule)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    day = today
    for _ in range(30):
        if names[day.weekday()] in weekdays and day not in holidays:
            break
        day += timedelta(days=1)
    return datetime.combine(day, opening, tzinfo=ZoneInfo(spec.timezone))


def prepare(hall_file: Path, url: str, today: date) -> DemoHall:
    spec = store.load(hall_file)
    hall = HallService.set_up(url, spec)  # the demo makes its own database
    try:
        with contextlib.suppress(Refused):  # a PostgreSQL demo database keeps its officer
            hall.add_officer(*DEMO_OFFICER, role=Role.SUPERVISOR, full_name="Petugas Demo")
    finally:
        hall.dispose()
    return DemoHall(url, spec, first_open_morning(spec, today))
