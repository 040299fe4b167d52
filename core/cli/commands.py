"""What each ``antre`` verb does: call core, then say the result as text and as data."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from core.config import DeviceSettings
from core.db import schema
from core.db.database import Database
from core.domain.enums import CounterState, Priority, Role, TransferPosition
from core.errors import ConfigError, DatabaseMissing
from core.feed import EventFeed
from core.hall import HallService
from core.hallfile import store
from core.messages import STATUS_NAMES, language, text
from core.services.lookup import require_event_id
from core.views import OfficerAccount, TicketView, to_json

Result = tuple[str, Any] | None
_opened: list[Database] = []


def _database(
    args: argparse.Namespace, settings: DeviceSettings, *, create: bool = False
) -> Database:
    """The configured database; a missing SQLite file is refused unless ``create``."""
    db = schema.connect(args.db or settings.database_url, create=create)
    _opened.append(db)
    return db


def close_databases() -> None:
    while _opened:
        _opened.pop().dispose()


def _hall(args: argparse.Namespace, settings: DeviceSettings) -> HallService:
    return HallService.open(_database(args, settings), args.hall or settings.hall)


def _local(hall: HallService, value: Any) -> str:
    return value.astimezone(ZoneInfo(hall.hall.timezone)).strftime("%H:%M:%S") if value else "-"


def _ticket_line(hall: HallService, view: TicketView) -> str:
    status = STATUS_NAMES[language()].get(view.status.value, view.status.value)
    where = f" · {view.counter_name}" if view.counter_name else ""
    mark = f" · prioritas ({view.priority.value})" if view.priority.is_priority else ""
    return f"{view.number} · {view.service_name} · {status}{where}{mark}"


def db(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    # Only "db upgrade" (and "hall import") make a missing SQLite file; "db status" looks.
    database = Database(args.db or settings.database_url, create=args.action == "upgrade")
    _opened.append(database)
    if args.action == "status":
        current, head = schema.current_revision(database), schema.HEAD
        return f"skema: {current or '-'} (terbaru: {head})", {"current": current, "head": head}
    before, after = schema.upgrade(database)
    message = (
        f"skema basis data: {before or 'kosong'} → {after}"
        if before != after
        else f"skema sudah terbaru ({after})"
    )
    return message, {"before": before, "after": after}


def hall(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    if args.action in ("import", "export", "validate") and not args.file:
        raise ConfigError("bad_value", where=f"hall {args.action}", problem="needs FILE")
    if args.action == "validate":
        spec = store.load(Path(args.file))
        count = sum(len(a.services) for a in spec.agencies)
        return (
            f"{args.file}: sah — {len(spec.agencies)} instansi, {count} layanan, "
            f"{len(spec.counters)} loket",
            {
                "valid": True,
                "agencies": len(spec.agencies),
                "services": count,
                "counters": len(spec.counters),
            },
        )
    if args.action == "import":
        spec = store.load(Path(args.file))  # validated before anything is written
        summary = store.import_spec(_database(args, settings, create=True), spec)
        verb = "dibuat" if summary.created else "diperbarui"
        return (
            f"gedung {summary.hall_code} {verb}: {summary.agencies} instansi, "
            f"{summary.services} layanan, "
            f"{summary.counters} loket, {summary.holidays} hari libur",
            to_json(summary),
        )
    service = _hall(args, settings)
    if args.action == "export":
        store.export_file(service.db, service.hall.code, Path(args.file))
        return f"gedung {service.hall.code} diekspor ke {args.file}", {
            "hall": service.hall.code,
            "file": args.file,
        }
    data = store.export_data(service.db, service.hall.code)
    lines = [f"{data['hall']['name']} ({service.hall.code}), zona waktu {service.hall.timezone}"]
    for agency in data["agencies"]:
        lines.append(f"  {agency['code']}: {agency['name']}")
        lines.extend(f"    [{s['prefix']}] {s['code']}: {s['name']}" for s in agency["services"])
    for counter in data["counters"]:
        lines.append(
            f"  loket {counter['number']} ({counter['zone']}): "
            + ", ".join(
                f"{code}{'' if rank == 1 else f' (r{rank})'}"
                for code, rank in counter["services"].items()
            )
        )
    return "\n".join(lines), json.loads(json.dumps(data, default=str))


def _new_password() -> str:
    """Asked twice without echo at a terminal; else one line of stdin (scripts, tests)."""
    if sys.stdin.isatty():
        password = getpass.getpass("Kata sandi: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            raise ConfigError("bad_value", where="password", problem="the two passwords differ")
        return password
    return sys.stdin.readline().rstrip("\r\n")


_ACCOUNT_CHANGES = {
    "disable": ("disable_officer", "dinonaktifkan"),
    "enable": ("enable_officer", "diaktifkan"),
    "unlock": ("unlock_officer", "dibuka kuncinya"),
}


def officer(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    if args.action == "list":
        accounts = service.officers()
        lines = [_account_line(service, account) for account in accounts]
        return "\n".join(lines or ["(belum ada petugas)"]), to_json(accounts)
    if args.action == "add":
        view = service.add_officer(args.username, _new_password(), Role(args.role), args.name)
        return f"petugas {view.username} ({view.role.value}) ditambahkan", to_json(view)
    if args.action == "role":
        account = service.set_officer_role(args.username, args.role)
        said = f"berperan {account.role.value}"
    elif args.action == "password":
        account = service.set_officer_password(args.username, _new_password())
        said = "mendapat kata sandi baru"
    else:
        method, said = _ACCOUNT_CHANGES[args.action]
        account = getattr(service, method)(args.username)
    return f"petugas {account.username} {said}", to_json(account)


def _account_line(hall: HallService, account: OfficerAccount) -> str:
    state = "aktif" if account.active else "nonaktif"
    if account.locked_until is not None:
        state += f", terkunci sampai {_local(hall, account.locked_until)}"
    elif account.failed_logins:
        state += f", {account.failed_logins} kali salah kata sandi"
    return f"{account.username:<20} {account.role.value:<10} {state:<30} {account.full_name}"


def issue(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    issued = service.issue(
        args.service,
        Priority(args.priority),
        kiosk=args.kiosk,
        reserve_for_print=False,
        request_id=args.request_id,
    )
    wait = (
        f", perkiraan ± {issued.estimated_wait_minutes} menit"
        if issued.estimated_wait_minutes is not None
        else ""
    )
    return (
        f"{issued.ticket.number} · {issued.ticket.service_name} · "
        f"antrean sebelum Anda: {issued.people_ahead}{wait}",
        to_json(issued),
    )


def call(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    view: TicketView | None
    if args.ticket:
        view = service.call_ticket(args.counter, args.ticket, request_id=args.request_id)
    else:
        view = service.call_next(args.counter, request_id=args.request_id)
    if view is None:
        return text("nothing_waiting", counter=f"loket {args.counter}"), {"ticket": None}
    return _ticket_line(service, view), {"ticket": to_json(view)}


def _counter_action(name: str):
    def run(args: argparse.Namespace, settings: DeviceSettings) -> Result:
        service = _hall(args, settings)
        view = getattr(service, name)(args.counter, request_id=args.request_id)
        return _ticket_line(service, view), {"ticket": to_json(view)}

    return run


recall = _counter_action("recall")
start = _counter_action("start")
finish = _counter_action("finish")
no_show = _counter_action("no_show")
park = _counter_action("park")


def resume(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    view = service.resume(args.counter, args.ticket)
    return _ticket_line(service, view), {"ticket": to_json(view)}


def transfer(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    position = TransferPosition.FRONT if args.front else TransferPosition.BACK
    view = service.transfer(
        args.counter, args.service, position, args.note, request_id=args.request_id
    )
    return _ticket_line(service, view), {"ticket": to_json(view)}


def counter(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    state = {"open": CounterState.OPEN, "break": CounterState.BREAK, "close": CounterState.CLOSED}[
        args.action
    ]
    service.set_counter_state(args.counter, state)
    names = {"open": "buka", "break": "istirahat", "close": "tutup"}
    return f"loket {args.counter}: {names[args.action]}", {
        "counter": args.counter,
        "state": state.value,
    }


def status(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    snap = service.snapshot()
    lines = [f"{snap.hall.name} · {snap.business_date.isoformat()} {_local(service, snap.at)}"]
    lines.append("Loket:")
    states = {"open": "buka", "break": "istirahat", "closed": "tutup"}
    for c in snap.counters:
        current = (
            f"{c.current.number} ({STATUS_NAMES[language()][c.current.status.value]})"
            if c.current
            else "-"
        )
        lines.append(f"  {c.number:>3} {c.name:<20} {states[c.state.value]:<10} {current}")
    lines.append("Menunggu:")
    waiting = [s for s in snap.services if s.waiting]
    for s in waiting:
        est = f" ± {s.estimated_wait_minutes} mnt" if s.estimated_wait_minutes is not None else ""
        lines.append(f"  {s.code:<20} {s.waiting:>4}{est}")
    if not waiting:
        lines.append("  (tidak ada)")
    return "\n".join(lines), to_json(snap)


def events(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    require_event_id(args.since, "events --since")
    service = _hall(args, settings)
    feed = EventFeed(service.db, service.hall.id)
    cursor = args.since
    try:
        while True:
            batch = feed.wait(cursor, 1.0) if args.follow else feed.fetch(cursor)
            for event in batch:
                if args.json:
                    print(json.dumps(to_json(event), ensure_ascii=False), flush=True)
                else:
                    print(
                        f"{event.id} {_local(service, event.created_at)} {event.kind} "
                        f"{json.dumps(event.payload, ensure_ascii=False)}",
                        flush=True,
                    )
                cursor = event.id
            if not args.follow and len(batch) < 1000:
                return None
    except DatabaseMissing as error:
        if error.code == "database_missing":
            raise
        # A reader saved nothing: say that the reading stopped, not that nothing was saved.
        raise DatabaseMissing(f"{error.code}_reading", **error.params) from error
    finally:
        feed.close()


def end_of_day(args: argparse.Namespace, settings: DeviceSettings) -> Result:
    service = _hall(args, settings)
    closed = service.end_of_day()
    return f"akhir hari: {closed.expired} nomor kedaluwarsa, {closed.voided} dibatalkan", to_json(
        closed
    )
