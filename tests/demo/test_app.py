"""The demo as a user starts it: a real process, offscreen, stopped with Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def test_demo_runs_a_busy_hall_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "ANTRE_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "demo",
            "--dir",
            str(tmp_path),
            "--speed",
            "90",
            "--arrivals",
            "240",
            "--screenshots",
            str(tmp_path / "shots"),
            "--every",
            "4",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        shots = tmp_path / "shots"
        deadline = time.monotonic() + 90
        # Three screenshots four seconds apart: the windows have shown about 20 simulated minutes.
        while time.monotonic() < deadline and len(list(shots.glob("*.png"))) < 3:
            assert process.poll() is None, process.communicate()
            time.sleep(0.5)
        assert children_of(process.pid) == []
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Demo Antre" in out and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "shots").iterdir())[:2] == [
        "demo-01.png",
        "demo-02.png",
    ]
    engine = create_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT number, hop, status, counter_id FROM tickets")).all()
        integrity = connection.execute(text("PRAGMA integrity_check")).scalar()
    engine.dispose()
    statuses = Counter(status for _, _, status, _ in rows)
    assert integrity == "ok"
    assert len(rows) > 20 and statuses["done"] > 0 and statuses["called"] + statuses["serving"] > 0
    originals = [number for number, hop, _, _ in rows if hop == 0]
    assert len(originals) == len(set(originals))
    open_at = Counter(counter for _, _, status, counter in rows if status in ("called", "serving"))
    assert max(open_at.values()) == 1
