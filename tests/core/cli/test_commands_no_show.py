"""``antre no-show`` follows the hall's rule: too soon is refused with why (exit 1)."""

from __future__ import annotations

import json

from tests.conftest import SMALL_HALL
from tests.core.cli.test_main import cli  # noqa: F401 - the fixture


def test_no_show_too_soon_exits_1_saying_when(cli, monkeypatch) -> None:  # noqa: F811
    cli("hall", "import", str(SMALL_HALL))
    cli("counter", "open", "1")
    cli("issue", "KTP")
    cli("call", "1")  # 09:30
    code, out, err = cli("no-show", "1")
    assert (code, out) == (1, "")
    assert err.strip() == (
        "antre: Nomor A001 belum bisa ditandai tidak hadir: "
        "bisa setelah 1 kali panggil ulang atau pukul 09:32."
    )
    code, out, _ = cli("--json", "no-show", "1")
    assert code == 1
    assert json.loads(out) == {
        "error": "no_show_too_soon_both",
        "message": err.strip().removeprefix("antre: "),
        "ticket": "A001",
        "recalls": "1",
        "time": "09:32",
    }
    monkeypatch.setenv("ANTRE_NOW", "2026-11-23T09:32:00+07:00")
    from core import clock

    clock.set_clock(None)
    code, out, _ = cli("no-show", "1")
    assert code == 0 and "A001" in out
