"""The hall file's content as plain data, and its strict validation.

Every problem is reported with the key path (``agencies[2].services[1].prefix``) and, when
the file text is known, its line, so an administrator can fix the file in one pass.
The one key that names another file, ``[hall] logo``, is read here too (relative to the hall
file's folder), so a bad logo is refused with the rest before anything is written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.db import limits
from core.db import models as m
from core.domain import no_show
from core.domain.hours import HoursError, WeekHours, parse_week_hours
from core.domain.numbering import PREFIX_PATTERN
from core.domain.safe_text import text_problem
from core.logo import MAX_BYTES, image_kind
from core.phrases import Phrase

FORMAT = 1
HALL_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
ITEM_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")
COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
NUMBER_READINGS = ("words", "digits")
TEMPLATE_FIELDS = {"letters", "number", "counter", "counter_name", "service", "ticket"}
QR_FIELDS = {"hall", "date", "number", "ticket_id", "service"}
SURVEY_FIELDS = {"hall"}
# Texts that may run over several lines; every other text is one line.
MULTILINE_KEYS = {"address", "procedure", "completion_time", "fee", "product", "legal_basis"}

SETTINGS_DEFAULTS: dict[str, Any] = {
    "running_text": "",
    "announcement_template": "Nomor antrean, {letters}, {number}, silakan menuju loket {counter}",
    "number_reading": "words",
    "ticket_qr_template": "",
    "ticket_footer": ["Mohon menunggu nomor Anda dipanggil", "Berlaku hari ini"],
    "auto_finish_on_call": False,
    "survey_url": "",
    # A called ticket may be marked no-show after this many recalls or this many minutes
    # after its latest call (either; 0 turns one off; 0 and 0: at once). core.domain.no_show
    "no_show_after_recalls": no_show.DEFAULT_AFTER_RECALLS,
    "no_show_after_minutes": no_show.DEFAULT_AFTER_MINUTES,
}


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name: str
    prefix: str
    schedule: str | None
    hours: Mapping[str, Any] | None
    daily_quota: int | None
    service_minutes: int
    cutoff_minutes: int
    requirements: tuple[str, ...]
    procedure: str
    completion_time: str
    fee: str
    product: str
    legal_basis: str


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    short_name: str
    color: str
    icon: str
    services: tuple[ServiceSpec, ...]


@dataclass(frozen=True)
class CounterSpec:
    number: int
    name: str
    zone: str
    services: Mapping[str, int]
    short_name: str = ""  # what the hall screen shows when the name is long; "" the name


@dataclass(frozen=True)
class HallSpec:
    code: str
    name: str
    short_name: str
    address: str
    timezone: str
    settings: Mapping[str, Any]
    schedules: Mapping[str, Mapping[str, Any]]
    holidays: tuple[tuple[date, str], ...]
    agencies: tuple[AgencySpec, ...]
    counters: tuple[CounterSpec, ...]
    logo: bytes | None = None  # the picture itself, read from the file [hall] logo names
    logo_type: str | None = None  # "png" or "jpeg"


_CAPITALS = '"{value}" must be capital letters, digits and dashes'
_LOWERCASE = '"{value}" must be lowercase letters, digits and dashes'
_PREFIX_LETTERS = '"{value}" must be one or two capital letters (A–Z)'
_WORDS_OR_DIGITS = '"{value}" must be "words" or "digits"'


@dataclass
class Problems:
    """Collects (key path, message) pairs instead of stopping at the first."""

    items: list[tuple[str, Phrase]] = field(default_factory=list)

    def add(self, where: str, problem: str | Phrase, **params: Any) -> None:
        """``problem`` is an English template (see core.phrases) filled from ``params``."""
        phrase = problem if isinstance(problem, Phrase) else Phrase(problem, params)
        self.items.append((where, phrase))


class _Reader:
    """Typed access to one TOML table that records problems and unknown keys.

    ``model`` is the table's model class: a value is also checked against its column
    (length, integer range), so what passes here is what both databases store.
    """

    def __init__(
        self, data: object, where: str, problems: Problems, model: type | None = None
    ) -> None:
        self.where = where
        self.problems = problems
        self.model = model
        self.ok = isinstance(data, Mapping)
        self.data: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
        if not self.ok and data is not None:  # None: the table above already said why
            problems.add(where, "expected a table")
        self.seen: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def get(
        self,
        name: str,
        kind: type | tuple[type, ...],
        default: Any = ...,
        check=None,
        fits: bool = True,
    ) -> Any:
        """The value of ``name``; ``fits=False`` when it is checked where it is defined."""
        self.seen.add(name)
        if not self.ok:  # the table itself is wrong, and said so: not each of its keys
            return None if default is ... else default
        if name not in self.data:
            if default is ...:
                self.problems.add(self.key(name), "missing")
                return None
            return default
        value = self.data[name]
        if not _is_kind(value, kind):
            self.problems.add(
                self.key(name),
                "expected {kind}, got {got}",
                kind=_kind_name(kind),
                got=_kind_name(type(value)),
            )
            return None if default is ... else default
        problem = check(value) if check is not None else None
        problem = problem or (_fits(value, self.model, name) if fits else None)
        if problem:
            self.problems.add(self.key(name), problem)
            return None if default is ... else default
        return value

    def finish(self) -> None:
        for extra in sorted(set(self.data) - self.seen):
            self.problems.add(self.key(extra), "unknown key")


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _is_kind(value: object, kind: type | tuple[type, ...]) -> bool:
    """isinstance, except that true/false is no number and a date-time no date."""
    kinds = _as_tuple(kind)
    if isinstance(value, bool) and bool not in kinds:
        return False
    if isinstance(value, datetime) and datetime not in kinds:
        return False
    return isinstance(value, kinds)


def _fits(value: object, model: type | None, name: str) -> Phrase | None:
    """Whether ``value`` may be shown (no control characters) and stored in its column."""
    target = limits.column(model, name) if model is not None else None
    multiline = name in MULTILINE_KEYS
    if isinstance(value, str):
        return text_problem(value, limits.max_length(target), multiline=multiline)
    for item in value if isinstance(value, list) else []:
        problem = isinstance(item, str) and text_problem(item, None, multiline=multiline)
        if problem:
            return problem
    bounds = limits.integer_range(target)
    if isinstance(value, int) and bounds is not None:
        return _in_range(*bounds)(value)
    return None


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        date: "a date (YYYY-MM-DD)",
        datetime: "a date and time",
        time: "a time of day",
        float: "a decimal number",
    }
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


def _nonempty(value: str) -> Phrase | None:
    return None if value.strip() else Phrase("must not be empty")


def _matches(pattern: re.Pattern[str], hint: str):
    """``hint`` is an English template with {value} (see core.phrases)."""
    return lambda value: None if pattern.match(value) else Phrase(hint, {"value": value})


def _in_range(low: int, high: int):
    return lambda value: (
        None
        if low <= value <= high
        else Phrase(
            "must be between {low} and {high} (is {value})",
            {"low": low, "high": high, "value": value},
        )
    )


def _template(fields: set[str]):
    def check(value: str) -> Phrase | None:
        names = set(re.findall(r"{([^{}]*)}", value))
        unknown = sorted(names - fields)
        if unknown:
            allowed = ", ".join(f"{{{f}}}" for f in sorted(fields))
            return Phrase(
                "unknown placeholder {{{name}}}; allowed: {allowed}",
                {"name": unknown[0], "allowed": allowed},
            )
        return None

    return check


def _timezone(value: str) -> Phrase | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return Phrase(
            '"{value}" is not a time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)',
            {"value": value},
        )
    return None


def _str_list(value: list[Any]) -> Phrase | None:
    every_text = all(isinstance(item, str) for item in value)
    return None if every_text else Phrase("expected a list of texts")


def validate(
    data: Mapping[str, Any], folder: Path | None = None
) -> tuple[HallSpec | None, Problems]:
    """Check a parsed hall file; returns the spec only when there is no problem at all.

    ``folder`` is where the hall file is: ``[hall] logo`` is relative to it (default: the
    current folder).
    """
    problems = Problems()
    root = _Reader(data, "", problems)
    root.get(
        "format",
        int,
        check=lambda v: (
            None
            if v == FORMAT
            else Phrase(
                "unsupported format {value}; this Antre reads format {format}",
                {"value": v, "format": FORMAT},
            )
        ),
    )
    hall = _Reader(root.get("hall", dict), "hall", problems, m.Hall)
    code = hall.get(
        "code",
        str,
        check=_matches(HALL_CODE, _LOWERCASE),
    )
    name = hall.get("name", str, check=_nonempty)
    short_name = hall.get("short_name", str, "")
    address = hall.get("address", str, "")
    timezone = hall.get("timezone", str, "Asia/Jakarta", check=_timezone)
    logo_name = hall.get("logo", str, None, check=_nonempty)
    hall.finish()
    logo, logo_type = _logo(logo_name, folder, problems) if logo_name else (None, None)
    settings = _settings(root.get("settings", dict, {}), problems)
    written_schedules = root.get("schedules", dict, {})
    schedules = _schedules(written_schedules, problems)
    holidays = _holidays(root.get("holidays", list, []), problems)
    # Names and codes as written, valid or not: one bad schedule or service is one problem,
    # not one more for every service or counter that refers to it.
    agencies = _agencies(root.get("agencies", list), set(written_schedules), problems)
    service_codes = _written_service_codes(data.get("agencies"))
    counters = _counters(root.get("counters", list, []), service_codes, problems)
    root.finish()
    if problems.items:
        return None, problems
    return (
        HallSpec(
            code,
            name,
            short_name,
            address,
            timezone,
            settings,
            schedules,
            holidays,
            agencies,
            counters,
            logo,
            logo_type,
        ),
        problems,
    )


def _written_service_codes(agencies: object) -> set[str] | None:
    """Every service code the file names, or None when one is missing or not a text (any
    code a counter names might then be the one meant)."""
    if not isinstance(agencies, list):
        return None
    codes: set[str] = set()
    for agency in agencies:
        services = agency.get("services") if isinstance(agency, Mapping) else None
        if not isinstance(services, list):
            return None
        for service in services:
            code = service.get("code") if isinstance(service, Mapping) else None
            if not isinstance(code, str):
                return None
            codes.add(code)
    return codes


def _logo(name: str, folder: Path | None, problems: Problems) -> tuple[bytes | None, str | None]:
    """The logo's bytes and kind: an existing PNG or JPEG file of at most MAX_BYTES."""
    path = (folder if folder is not None else Path()) / name
    try:
        if not path.is_file():
            problems.add(
                "hall.logo",
                'no file "{name}" (looked for {path})',
                name=name,
                path=str(path.resolve()),
            )
            return None, None
        size = path.stat().st_size
        if size > MAX_BYTES:
            kb = math.ceil(size / 1024)
            problems.add(
                "hall.logo",
                '"{name}" is {kb} KB; a logo may be at most {limit} KB',
                name=name,
                kb=kb,
                limit=MAX_BYTES // 1024,
            )
            return None, None
        data = path.read_bytes()
    except OSError as error:
        detail = str(error.strerror or error)
        problems.add("hall.logo", '"{name}" cannot be read: {detail}', name=name, detail=detail)
        return None, None
    kind = image_kind(data)
    if kind is None:
        problems.add("hall.logo", '"{name}" is not a PNG or JPEG image', name=name)
        return None, None
    return data, kind


def _settings(data: Mapping[str, Any], problems: Problems) -> dict[str, Any]:
    reader = _Reader(data, "settings", problems)
    settings = dict(SETTINGS_DEFAULTS)
    settings["running_text"] = reader.get("running_text", str, settings["running_text"])
    settings["announcement_template"] = reader.get(
        "announcement_template",
        str,
        settings["announcement_template"],
        check=_template(TEMPLATE_FIELDS),
    )
    settings["number_reading"] = reader.get(
        "number_reading",
        str,
        "words",
        check=lambda v: (
            None
            if v in NUMBER_READINGS
            else Phrase('"{value}" must be "words" or "digits"', {"value": v})
        ),
    )
    settings["ticket_qr_template"] = reader.get(
        "ticket_qr_template", str, "", check=_template(QR_FIELDS)
    )
    settings["ticket_footer"] = list(
        reader.get("ticket_footer", list, settings["ticket_footer"], check=_str_list)
    )
    settings["auto_finish_on_call"] = reader.get("auto_finish_on_call", bool, False)
    settings["survey_url"] = reader.get("survey_url", str, "", check=_template(SURVEY_FIELDS))
    for key, most in (
        ("no_show_after_recalls", no_show.MAX_AFTER_RECALLS),
        ("no_show_after_minutes", no_show.MAX_AFTER_MINUTES),
    ):
        settings[key] = reader.get(key, int, settings[key], check=_in_range(0, most))
    reader.finish()
    return settings


def _schedules(data: Mapping[str, Any], problems: Problems) -> dict[str, dict[str, Any]]:
    schedules: dict[str, dict[str, Any]] = {}
    for name, table in data.items():
        problem = _fits(name, m.Service, "schedule")
        if problem:
            problems.add(f"schedules.{name}", problem)
            continue
        week = _week(table, f"schedules.{name}", problems)
        if week is not None:
            schedules[name] = week.to_data()
    return schedules


def _week(data: object, where: str, problems: Problems) -> WeekHours | None:
    try:
        return parse_week_hours(data, where)
    except HoursError as error:
        problems.add(error.where, error.phrase)
        return None


def _holidays(data: list[Any], problems: Problems) -> tuple[tuple[date, str], ...]:
    seen: dict[date, int] = {}
    result = []
    for index, item in enumerate(data):
        reader = _Reader(item, f"holidays[{index}]", problems, m.Holiday)
        day = reader.get("date", date)
        name = reader.get("name", str, check=_nonempty)
        reader.finish()
        if day is None or name is None:
            continue
        if day in seen:
            problems.add(
                f"holidays[{index}].date",
                "{day} is listed twice (also holidays[{other}])",
                day=day.isoformat(),
                other=seen[day],
            )
            continue
        seen[day] = index
        result.append((day, name))
    return tuple(sorted(result))


def _agencies(
    data: list[Any] | None, schedules: set[str], problems: Problems
) -> tuple[AgencySpec, ...]:
    agencies = []
    agency_codes: dict[str, str] = {}
    service_codes: dict[str, str] = {}
    for index, item in enumerate(data or []):
        where = f"agencies[{index}]"
        reader = _Reader(item, where, problems, m.Agency)
        code = reader.get(
            "code",
            str,
            check=_matches(ITEM_CODE, _CAPITALS),
        )
        name = reader.get("name", str, check=_nonempty)
        short_name = reader.get("short_name", str, "")
        color = reader.get(
            "color", str, "#1565C0", check=_matches(COLOR, '"{value}" must be a colour as #RRGGBB')
        )
        icon = reader.get("icon", str, "")
        services = []
        for sindex, sitem in enumerate(reader.get("services", list) or []):
            spec = _service(sitem, f"{where}.services[{sindex}]", schedules, problems)
            if spec is None:
                continue
            if spec.code in service_codes:
                problems.add(
                    f"{where}.services[{sindex}].code",
                    '"{code}" is already used by {other}',
                    code=spec.code,
                    other=service_codes[spec.code],
                )
            service_codes[spec.code] = f"{where}.services[{sindex}]"
            services.append(spec)
        reader.finish()
        if code in agency_codes:
            problems.add(
                f"{where}.code",
                '"{code}" is already used by {other}',
                code=code,
                other=agency_codes[code],
            )
        if code:
            agency_codes[code] = where
        if code and name:
            agencies.append(AgencySpec(code, name, short_name, color, icon, tuple(services)))
    if data is not None and not data:
        problems.add("agencies", "a hall needs at least one agency")
    return tuple(agencies)


def _service(
    data: object, where: str, schedules: set[str], problems: Problems
) -> ServiceSpec | None:
    reader = _Reader(data, where, problems, m.Service)
    before = len(problems.items)
    code = reader.get(
        "code",
        str,
        check=_matches(ITEM_CODE, _CAPITALS),
    )
    name = reader.get("name", str, check=_nonempty)
    prefix = reader.get(
        "prefix",
        str,
        check=_matches(PREFIX_PATTERN, _PREFIX_LETTERS),
    )
    schedule = reader.get(
        "schedule",
        str,
        None,
        check=lambda v: (
            None if v in schedules else Phrase('no schedule "{value}" in [schedules]', {"value": v})
        ),
        fits=False,  # a schedule's name is checked in [schedules]
    )
    hours = reader.get("hours", dict, None)
    if hours is not None:
        week = _week(hours, f"{where}.hours", problems)
        hours = week.to_data() if week else None
    if (
        schedule is None
        and hours is None
        and "schedule" not in reader.data
        and "hours" not in reader.data
    ):
        problems.add(where, 'needs schedule = "NAME" or an hours table')
    if "schedule" in reader.data and "hours" in reader.data:
        problems.add(f"{where}.hours", "give either schedule or hours, not both")
    quota = reader.get("daily_quota", int, None, check=_in_range(1, 100_000))
    minutes = reader.get("service_minutes", int, 10, check=_in_range(1, 480))
    cutoff = reader.get("cutoff_minutes", int, 0, check=_in_range(0, 480))
    requirements = reader.get("requirements", list, [], check=_str_list)
    texts = {
        key: reader.get(key, str, "")
        for key in ("procedure", "completion_time", "fee", "product", "legal_basis")
    }
    reader.finish()
    if len(problems.items) > before:
        return None
    return ServiceSpec(
        code, name, prefix, schedule, hours, quota, minutes, cutoff, tuple(requirements), **texts
    )


COUNTER_SHORT_NAME_MAX = 24  # the counters table's column; the board shows it large


def _short_counter_name(value: str) -> Phrase | None:
    if len(value.strip()) > COUNTER_SHORT_NAME_MAX:
        return Phrase(
            "a loket's short name may be at most {limit} characters (has {count})",
            {"limit": COUNTER_SHORT_NAME_MAX, "count": len(value.strip())},
        )
    return None


def _counters(
    data: list[Any], service_codes: set[str] | None, problems: Problems
) -> tuple[CounterSpec, ...]:
    counters = []
    numbers: dict[int, str] = {}
    for index, item in enumerate(data):
        where = f"counters[{index}]"
        reader = _Reader(item, where, problems, m.Counter)
        number = reader.get("number", int, check=_in_range(1, 999))
        name = reader.get("name", str, f"Loket {number}" if number else "", check=_nonempty)
        zone = reader.get("zone", str, "")
        short_name = reader.get("short_name", str, "", check=_short_counter_name).strip()
        ranks: dict[str, int] = {}
        for code, rank in (reader.get("services", dict, {}) or {}).items():
            key = f"{where}.services.{code}"
            if service_codes is not None and code not in service_codes:
                problems.add(key, 'no service with code "{code}"', code=code)
            elif isinstance(rank, bool) or not isinstance(rank, int) or rank not in (1, 2, 3):
                problems.add(
                    key, "rank must be 1 (main), 2 or 3 (helps when higher ranks are empty)"
                )
            else:
                ranks[code] = rank
        reader.finish()
        if number in numbers:
            problems.add(
                f"{where}.number",
                "loket {number} is already defined at {other}",
                number=number,
                other=numbers[number],
            )
        elif number is not None:
            numbers[number] = where
            counters.append(CounterSpec(number, name, zone, ranks, short_name))
    return tuple(sorted(counters, key=lambda c: c.number))
