"""Changing hall settings live (running text and the like), as supervisors do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.db.database import Tx
from core.errors import ConfigError
from core.events import DEVICE_STATUS, DeviceStatusPayload, EventKind, SettingsChangedPayload
from core.hallfile.spec import SETTINGS_DEFAULTS, Problems, _settings
from core.services.lookup import hall_row
from core.views import HallRef


def update_settings(tx: Tx, hall: HallRef, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply and validate setting changes with the hall file's rules; emit them to everyone."""
    row = hall_row(tx, hall.id)
    merged = {k: row.settings.get(k, v) for k, v in SETTINGS_DEFAULTS.items()} | dict(changes)
    problems = Problems()
    validated = _settings(merged, problems)
    if problems.items:
        where, problem = problems.items[0]
        raise ConfigError("bad_value", where=where, problem=problem)
    row.settings = validated
    payload = SettingsChangedPayload(tuple(sorted(changes)), validated)
    tx.emit(hall.id, EventKind.HALL_SETTINGS_CHANGED, payload)
    return validated


def report_device(tx: Tx, hall: HallRef, device: str, kind: str, status: Mapping[str, Any]) -> None:
    """A kiosk's printer state (or another device's) for supervisors: an event, nothing stored.

    ``kind`` names the device ("printer"); its event is ``<kind>.status``, one of
    DEVICE_STATUS."""
    event = EventKind.known(f"{kind}.status")
    if event is None or event not in DEVICE_STATUS:
        raise ConfigError("bad_value", where="device kind", problem=f"{kind!r} reports no status")
    tx.emit(hall.id, event, DeviceStatusPayload(device, dict(status)))
