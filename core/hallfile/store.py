"""Reading hall files, writing them into the database, and exporting them back."""

from __future__ import annotations

import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from sqlalchemy import delete, select

from core.db import models as m
from core.db.database import Database, Tx
from core.errors import ConfigError, NotFound
from core.events import ConfigChangedPayload, EventKind
from core.hallfile.locate import line_of
from core.hallfile.spec import FORMAT, SETTINGS_DEFAULTS, HallSpec, validate
from core.hallfile.toml_errors import TOO_DEEP, syntax_problem
from core.logo import EXTENSIONS
from core.phrases import Phrase, ProblemList
from core.services.lookup import hall_ref

MAX_FILE_BYTES = 2 * 1024 * 1024  # the sample hall, 1,400 lines, is about 80 KB


def load(path: Path) -> HallSpec:
    """Read and validate a hall file; any problem raises ConfigError listing all of them."""
    return parse(read_text(path), str(path), path.parent)


def read_text(path: Path) -> str:
    """A hall file's text: a regular file of at most MAX_FILE_BYTES, in UTF-8.

    Checked before reading, so a device (/dev/zero), a pipe or a huge file is refused at
    once instead of read for ever.
    """
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise ConfigError("hall_file_not_a_file", path=str(path))
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
        if len(data) > MAX_FILE_BYTES:
            raise ConfigError(
                "hall_file_too_large", path=str(path), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        detail = getattr(error, "strerror", None) or str(error)
        raise ConfigError("hall_file_unreadable", path=str(path), detail=detail) from None


def parse(text: str, name: str = "<hall file>", folder: Path | None = None) -> HallSpec:
    """Validate hall-file text; ``[hall] logo`` is looked for in ``folder`` (default: here)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        if isinstance(error, RecursionError):
            line, syntax = None, Phrase("TOML syntax error: {detail}", {"detail": Phrase(TOO_DEEP)})
        else:
            line, syntax = syntax_problem(str(error), text)
        raise ConfigError(
            "hall_file_invalid", path=name, problems=ProblemList(((line, "", syntax),))
        ) from None
    spec, problems = validate(data, folder)
    if spec is None:
        found = tuple((line_of(text, where), where, phrase) for where, phrase in problems.items)
        raise ConfigError("hall_file_invalid", path=name, problems=ProblemList(found))
    return spec


@dataclass(frozen=True)
class ImportSummary:
    hall_code: str
    created: bool
    agencies: int
    services: int
    counters: int
    holidays: int
    deactivated: int


def import_spec(db: Database, spec: HallSpec) -> ImportSummary:
    return db.transact(lambda tx: _import(tx, spec))


def _import(tx: Tx, spec: HallSpec) -> ImportSummary:
    session = tx.session
    hall = session.scalars(select(m.Hall).where(m.Hall.code == spec.code)).first()
    created = hall is None
    if hall is None:
        hall = m.Hall(code=spec.code)
        session.add(hall)
    hall.name, hall.short_name, hall.address = spec.name, spec.short_name, spec.address
    hall.timezone = spec.timezone
    hall.settings = dict(spec.settings)
    hall.schedules = {k: dict(v) for k, v in spec.schedules.items()}
    hall.logo, hall.logo_type = spec.logo, spec.logo_type  # no logo in the file: none shown
    session.flush()

    agencies = {
        a.code: a for a in session.scalars(select(m.Agency).where(m.Agency.hall_id == hall.id))
    }
    services = {
        s.code: s for s in session.scalars(select(m.Service).where(m.Service.hall_id == hall.id))
    }
    counters = {
        c.number: c for c in session.scalars(select(m.Counter).where(m.Counter.hall_id == hall.id))
    }
    deactivated = 0
    order = 0
    for agency_order, agency_spec in enumerate(spec.agencies):
        agency = agencies.get(agency_spec.code) or m.Agency(hall_id=hall.id, code=agency_spec.code)
        agency.name, agency.short_name = agency_spec.name, agency_spec.short_name
        agency.color, agency.icon = agency_spec.color, agency_spec.icon
        agency.sort_order, agency.active = agency_order, True
        session.add(agency)
        session.flush()
        for service_spec in agency_spec.services:
            service = services.get(service_spec.code) or m.Service(
                hall_id=hall.id, code=service_spec.code
            )
            service.agency_id = agency.id
            service.name, service.prefix = service_spec.name, service_spec.prefix
            service.schedule = service_spec.schedule
            service.hours = dict(service_spec.hours) if service_spec.hours else None
            service.daily_quota = service_spec.daily_quota
            service.service_minutes = service_spec.service_minutes
            service.cutoff_minutes = service_spec.cutoff_minutes
            service.requirements = {"items": list(service_spec.requirements)}
            service.procedure, service.completion_time = (
                service_spec.procedure,
                service_spec.completion_time,
            )
            service.fee, service.product = service_spec.fee, service_spec.product
            service.legal_basis = service_spec.legal_basis
            service.sort_order, service.active = order, True
            order += 1
            session.add(service)
            services[service_spec.code] = service
    kept_agencies = {a.code for a in spec.agencies}
    kept_services = {s.code for a in spec.agencies for s in a.services}
    for code, agency in agencies.items():
        if code not in kept_agencies and agency.active:
            agency.active = False
            deactivated += 1
    for code, service in services.items():
        if code not in kept_services and service.active:
            service.active = False  # tickets keep referring to it; it just stops issuing
            deactivated += 1
    session.flush()
    kept_counters = {c.number for c in spec.counters}
    for counter_spec in spec.counters:
        counter = counters.get(counter_spec.number) or m.Counter(
            hall_id=hall.id, number=counter_spec.number
        )
        counter.name, counter.zone, counter.active = counter_spec.name, counter_spec.zone, True
        counter.short_name = counter_spec.short_name
        session.add(counter)
        session.flush()
        session.execute(delete(m.Assignment).where(m.Assignment.counter_id == counter.id))
        session.add_all(
            m.Assignment(counter_id=counter.id, service_id=services[code].id, rank=rank)
            for code, rank in counter_spec.services.items()
        )
    for number, counter in counters.items():
        if number not in kept_counters and counter.active:
            counter.active = False
            session.execute(delete(m.Assignment).where(m.Assignment.counter_id == counter.id))
            deactivated += 1
    session.execute(delete(m.Holiday).where(m.Holiday.hall_id == hall.id))
    session.add_all(m.Holiday(hall_id=hall.id, day=day, name=name) for day, name in spec.holidays)
    session.flush()
    tx.emit(hall.id, EventKind.HALL_CONFIG_CHANGED, ConfigChangedPayload(hall.code))
    return ImportSummary(
        hall.code,
        created,
        len(spec.agencies),
        len(kept_services),
        len(spec.counters),
        len(spec.holidays),
        deactivated,
    )


def export_data(db: Database, hall_code: str) -> dict[str, Any]:
    """The hall as hall-file data (active items only), ready for tomli_w."""
    return db.read(lambda tx: _export(tx, hall_code))


def _export(tx: Tx, hall_code: str) -> dict[str, Any]:
    session = tx.session
    hall = session.scalars(select(m.Hall).where(m.Hall.code == hall_code)).first()
    if hall is None:
        raise NotFound("hall_unknown", hall=hall_code)
    ref = hall_ref(hall)
    data: dict[str, Any] = {
        "format": FORMAT,
        "hall": {
            "code": ref.code,
            "name": ref.name,
            "short_name": hall.short_name,
            "address": hall.address,
            "timezone": ref.timezone,
        },
        "settings": {
            key: hall.settings.get(key, default) for key, default in SETTINGS_DEFAULTS.items()
        },
        "schedules": hall.schedules,
        "holidays": [
            {"date": day, "name": name}
            for day, name in session.execute(
                select(m.Holiday.day, m.Holiday.name)
                .where(m.Holiday.hall_id == hall.id)
                .order_by(m.Holiday.day)
            )
        ],
        "agencies": [],
        "counters": [],
    }
    codes: dict[int, str] = {}
    for agency in session.scalars(
        select(m.Agency)
        .where(m.Agency.hall_id == hall.id, m.Agency.active.is_(True))
        .order_by(m.Agency.sort_order)
    ):
        entry: dict[str, Any] = {
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "color": agency.color,
            "icon": agency.icon,
            "services": [],
        }
        for service in session.scalars(
            select(m.Service)
            .where(m.Service.agency_id == agency.id, m.Service.active.is_(True))
            .order_by(m.Service.sort_order)
        ):
            codes[service.id] = service.code
            item: dict[str, Any] = {
                "code": service.code,
                "name": service.name,
                "prefix": service.prefix,
            }
            if service.hours is not None:
                item["hours"] = service.hours
            else:
                item["schedule"] = service.schedule
            if service.daily_quota is not None:
                item["daily_quota"] = service.daily_quota
            item |= {
                "service_minutes": service.service_minutes,
                "cutoff_minutes": service.cutoff_minutes,
                "requirements": list(service.requirements.get("items", [])),
                "procedure": service.procedure,
                "completion_time": service.completion_time,
                "fee": service.fee,
                "product": service.product,
                "legal_basis": service.legal_basis,
            }
            entry["services"].append(item)
        data["agencies"].append(entry)
    for counter in session.scalars(
        select(m.Counter)
        .where(m.Counter.hall_id == hall.id, m.Counter.active.is_(True))
        .order_by(m.Counter.number)
    ):
        ranks = {
            codes[sid]: rank
            for sid, rank in session.execute(
                select(m.Assignment.service_id, m.Assignment.rank)
                .where(m.Assignment.counter_id == counter.id)
                .order_by(m.Assignment.rank, m.Assignment.service_id)
            )
            if sid in codes
        }
        data["counters"].append(
            {
                "number": counter.number,
                "name": counter.name,
                **({"short_name": counter.short_name} if counter.short_name else {}),
                "zone": counter.zone,
                "services": ranks,
            }
        )
    return data


def export_file(db: Database, hall_code: str, path: Path) -> None:
    """Write the hall file, and its logo beside it as ``<name>-logo.png|jpg``."""
    data, logo = db.read(lambda tx: (_export(tx, hall_code), _logo(tx, hall_code)))
    target = path
    try:
        if logo is not None:
            picture, kind = logo
            target = path.with_name(f"{path.stem}-logo.{EXTENSIONS[kind]}")
            target.write_bytes(picture)
            data["hall"]["logo"] = target.name
        target = path
        text = "# Antre hall file, exported\n" + tomli_w.dumps(data)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            "hall_file_unwritable", path=str(target), detail=error.strerror or str(error)
        ) from None


def _logo(tx: Tx, hall_code: str) -> tuple[bytes, str] | None:
    row = tx.session.execute(
        select(m.Hall.logo, m.Hall.logo_type).where(m.Hall.code == hall_code)
    ).first()
    if row is None or row.logo is None or row.logo_type not in EXTENSIONS:
        return None
    return row.logo, row.logo_type
