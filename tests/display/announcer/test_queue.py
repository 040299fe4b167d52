import logging
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from display.announcer import clip_player, speech
from display.announcer import queue as announcer_queue
from display.announcer.announcement_text import AnnouncementStyle
from display.announcer.clip_player import ClipPlayer, wav_duration
from display.announcer.queue import DEFAULT_CHIME, Announcer, Pauses
from display.announcer.speech import SpeechRenderer

pytestmark = pytest.mark.gui

QUICK = Pauses(after_chime_s=0.02, between_repeats_s=0.05, between_announcements_s=0.05)
SLACK = 0.03  # timer and event-loop jitter allowed when checking that nothing was cut short


class Recorder:
    """Every signal of an Announcer, in order."""

    def __init__(self, announcer: Announcer) -> None:
        self.events: list[tuple[str, object]] = []
        for name in ("announcement_started", "speech_started", "announcement_finished"):
            getattr(announcer, name).connect(lambda t, name=name: self.events.append((name, t)))
        announcer.playing_changed.connect(lambda p: self.events.append(("playing", p)))

    def of(self, name: str) -> list[object]:
        return [value for event, value in self.events if event == name]


def assert_sequential(records, durations: dict[str, float]) -> None:
    for before, after in zip(records, records[1:], strict=False):
        assert before.ended <= after.started, (before, after)
    for record in records:
        assert record.ended - record.started >= durations[record.kind] - SLACK, record


def test_burst_of_calls_plays_in_order_without_overlap(qtbot, make_tone, fake_speech) -> None:
    chime, clip = make_tone(0.12, 880), make_tone(0.15)
    speech_source = fake_speech(clip, repeat=2)
    announcer = Announcer(speech_source, chime=chime, pauses=QUICK)
    events = Recorder(announcer)
    tickets = ["A001", "B002", "A003", "AB004", "C005", "A001", "D007", "E008", "F009", "A010"]
    for n, ticket in enumerate(tickets):  # "A001" twice: a recall is a call of its own
        announcer.announce(ticket, n + 1)
    qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 10, timeout=20_000)

    assert events.of("announcement_started") == tickets
    assert events.of("speech_started") == tickets
    assert events.of("announcement_finished") == tickets
    assert events.of("playing") == [True, False]  # one duck for the whole burst
    history = announcer.history
    # One chime for the group, then each call once, in its short form.
    assert [(r.ticket_number, r.kind) for r in history] == [("A001", "chime")] + [
        (t, "speech") for t in tickets
    ]
    assert [r.seq for r in history[1:]] == sorted(r.seq for r in history[1:])
    assert_sequential(history, {"chime": wav_duration(chime), "speech": wav_duration(clip)})
    assert speech_source.requests[0] == "Nomor antrean, a, satu, silakan menuju loket satu"
    assert speech_source.requests[1:5] == [
        "be dua loket dua",
        "a tiga loket tiga",
        "a be empat loket empat",
        "ce lima loket lima",
    ]
    assert speech_source.requests[-1] == "a satu loket satu"  # the first call joined the group


def test_a_call_after_a_group_has_its_chime_and_whole_sentence(
    qtbot, make_tone, fake_speech
) -> None:
    chime, clip = make_tone(0.1, 880), make_tone(0.1)
    speech_source = fake_speech(clip)
    announcer = Announcer(speech_source, chime=chime, pauses=QUICK)
    events = Recorder(announcer)
    announcer.announce("A001", 1)
    announcer.announce("A002", 2)
    qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: not announcer.is_playing, timeout=5_000)
    announcer.announce("A003", 3)
    qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 3, timeout=10_000)
    assert [(r.ticket_number, r.kind) for r in announcer.history] == [
        ("A001", "chime"),
        ("A001", "speech"),
        ("A002", "speech"),
        ("A003", "chime"),
        ("A003", "speech"),
    ]
    assert speech_source.requests[-1] == "Nomor antrean, a, tiga, silakan menuju loket tiga"


def test_a_call_during_a_whole_sentence_follows_with_a_chime_and_its_short_form(
    qtbot, make_tone, fake_speech
) -> None:
    chime, clip = make_tone(0.1, 880), make_tone(0.4)
    speech_source = fake_speech(clip)
    announcer = Announcer(speech_source, chime=chime, pauses=QUICK)
    events = Recorder(announcer)
    announcer.announce("A001", 1)
    qtbot.waitUntil(lambda: events.of("speech_started") == ["A001"], timeout=5_000)
    announcer.announce("S002", 2)  # while A001 is spoken in full
    qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 2, timeout=10_000)
    assert [(r.ticket_number, r.kind) for r in announcer.history] == [
        ("A001", "chime"),
        ("A001", "speech"),
        ("S002", "chime"),
        ("S002", "speech"),
    ]
    assert speech_source.requests == [
        "Nomor antrean, a, satu, silakan menuju loket satu",
        "es dua loket dua",
    ]
    assert not announcer.is_playing


def test_sentence_is_repeated(qtbot, make_tone, fake_speech) -> None:
    chime, clip = make_tone(0.1, 880), make_tone(0.12)
    announcer = Announcer(fake_speech(clip, repeat=3), chime=chime, pauses=QUICK)
    events = Recorder(announcer)
    announcer.announce("A001", 1)
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001"], timeout=10_000)
    assert [r.kind for r in announcer.history] == ["chime", "speech", "speech", "speech"]
    assert events.of("speech_started") == ["A001"]
    speech_records = announcer.history[1:]
    for before, after in zip(speech_records, speech_records[1:], strict=False):
        assert after.started - before.ended >= QUICK.between_repeats_s - SLACK


def test_waits_for_speech_that_is_not_ready(qtbot, make_tone, fake_speech) -> None:
    chime, clip = make_tone(0.1, 880), make_tone(0.1)
    fake = fake_speech(clip, ready=False)
    announcer = Announcer(fake, chime=chime, pauses=QUICK)
    events = Recorder(announcer)
    announcer.announce("A001", 1)
    ready_at: list[float] = []

    def finish_rendering() -> None:
        ready_at.append(time.monotonic())
        fake.futures[0].set_result(clip)

    threading.Timer(0.4, finish_rendering).start()  # as the engine thread would
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001"], timeout=10_000)
    chime_record, speech_record = announcer.history
    assert speech_record.kind == "speech"
    assert speech_record.started >= ready_at[0] >= chime_record.ended


def test_speech_that_never_comes_times_out_to_chime_only(
    qtbot, make_tone, fake_speech, caplog
) -> None:
    chime, clip = make_tone(0.1, 880), make_tone(0.1)
    fake = fake_speech(clip, ready=False)
    announcer = Announcer(fake, chime=chime, pauses=QUICK, speech_timeout_s=0.3)
    events = Recorder(announcer)
    with caplog.at_level(logging.WARNING, logger=announcer_queue.__name__):
        announcer.announce("A001", 1)
        announcer.announce("B002", 2)
        fake.futures[1].set_result(clip)  # the second one is ready in time
        qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 2, timeout=10_000)
    # B002 waited during A001's chime: the two are a group, A001 gives its chime alone.
    assert [(r.ticket_number, r.kind) for r in announcer.history] == [
        ("A001", "chime"),
        ("B002", "speech"),
    ]
    assert events.of("speech_started") == ["B002"]
    messages = [r.getMessage() for r in caplog.records if r.name == announcer_queue.__name__]
    assert len(messages) == 1
    assert "A001" in messages[0]


def test_unavailable_engine_gives_chime_only_logged_once(
    qtbot, tmp_path: Path, make_tone, caplog
) -> None:
    def no_engine() -> speech.TtsEngine:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    chime = make_tone(0.15, 880)
    with caplog.at_level(logging.WARNING):
        renderer = SpeechRenderer(tmp_path, engine_factory=no_engine)
        announcer = Announcer(renderer, chime=chime, pauses=QUICK)
        events = Recorder(announcer)
        announcer.announce("A001", 1)  # possibly before the engine has failed
        qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001"], timeout=10_000)
        announcer.announce("A002", 2)  # certainly after
        announcer.announce("A003", 3)
        qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 3, timeout=10_000)
    assert [r.kind for r in announcer.history] == ["chime"] * 3
    assert events.of("speech_started") == []
    ours = [r for r in caplog.records if r.name.startswith("display.announcer")]
    assert [r.name for r in ours if r.name != clip_player.__name__] == [speech.__name__]
    assert "unavailable" in ours[0].getMessage()


def test_without_speech_source_plays_the_chime(qtbot, make_tone) -> None:
    announcer = Announcer(None, chime=make_tone(0.1, 880), pauses=QUICK)
    events = Recorder(announcer)
    announcer.announce("A001", 1)
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001"], timeout=10_000)
    assert [r.kind for r in announcer.history] == ["chime"]


def test_stale_calls_are_dropped_after_a_reconnect(qtbot, make_tone, fake_speech) -> None:
    announcer = Announcer(fake_speech(make_tone(0.1)), chime=make_tone(0.1, 880), pauses=QUICK)
    events = Recorder(announcer)
    now = datetime.now(UTC)
    announcer.announce("A001", 1, called_at=now - timedelta(minutes=10))  # starts at once
    announcer.announce("A002", 1, called_at=now - timedelta(minutes=5))
    announcer.announce("A003", 2, called_at=now - timedelta(seconds=30))
    announcer.announce("A004", 3, called_at=now - timedelta(seconds=61))
    dropped = announcer.drop_stale(now=now)
    assert [a.ticket_number for a in dropped] == ["A002", "A004"]
    assert [a.ticket_number for a in announcer.pending] == ["A003"]
    qtbot.waitUntil(lambda: len(events.of("announcement_finished")) == 2, timeout=10_000)
    assert events.of("announcement_finished") == ["A001", "A003"]
    with pytest.raises(ValueError, match="aware"):
        announcer.announce("A005", 1, called_at=datetime(2025, 1, 6, 9, 0))


def test_stop_silences_and_forgets(qtbot, make_tone, fake_speech) -> None:
    announcer = Announcer(fake_speech(make_tone(0.2)), chime=make_tone(0.3, 880), pauses=QUICK)
    events = Recorder(announcer)
    for n in range(3):
        announcer.announce(f"A00{n + 1}", 1)
    announcer.stop()
    qtbot.wait(600)  # time for A002 to follow A001, which it must not
    assert events.events == [
        ("playing", True),
        ("announcement_started", "A001"),
        ("playing", False),
    ]
    assert announcer.history == []
    assert announcer.pending == ()


def test_playback_error_falls_back_to_the_clip_length(qtbot, make_tone) -> None:
    clip = make_tone(0.5)
    player = ClipPlayer()
    started = time.monotonic()
    with qtbot.wait_signal(player.finished, timeout=5_000):
        player.play(clip, wav_duration(clip))
        player._player.errorOccurred.emit(player._player.Error.ResourceError, "no device")
    assert time.monotonic() - started >= 0.5 - SLACK


def test_unreadable_file_still_takes_its_time(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really a wave file")
    player = ClipPlayer()
    started = time.monotonic()
    with qtbot.wait_signal(player.finished, timeout=5_000):
        player.play(broken, 0.3)
    assert time.monotonic() - started >= 0.3 - SLACK


def test_watchdog_ends_a_clip_whose_end_never_comes(qtbot, make_tone, monkeypatch) -> None:
    monkeypatch.setattr(clip_player, "WATCHDOG_SLACK_S", 0.2)
    clip = make_tone(0.2)
    player = ClipPlayer()
    player._player.mediaStatusChanged.disconnect(player._on_media_status)  # end never seen
    started = time.monotonic()
    with qtbot.wait_signal(player.finished, timeout=5_000):
        player.play(clip, 0.2)
    assert time.monotonic() - started >= 0.4 - SLACK


def test_real_speech_and_chime_end_to_end(qtbot, real_renderer: SpeechRenderer) -> None:
    style = AnnouncementStyle(template="{ticket}, loket {counter}")
    announcer = Announcer(real_renderer, style=style, pauses=QUICK)
    events = Recorder(announcer)
    entry = announcer.announce("A001", 1)
    assert entry.text.spoken == "a, satu, loket satu"
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001"], timeout=30_000)
    chime_record, speech_record = announcer.history
    assert (chime_record.kind, speech_record.kind) == ("chime", "speech")
    assert entry.speech is not None
    durations = {
        "chime": wav_duration(DEFAULT_CHIME),
        "speech": wav_duration(entry.speech.result()),
    }
    assert durations["chime"] > 1.0
    assert_sequential(announcer.history, durations)


def test_current_is_the_announcement_while_its_signals_are_emitted(
    qtbot, make_tone, fake_speech
) -> None:
    announcer = Announcer(fake_speech(make_tone(0.1)), chime=make_tone(0.1, 880), pauses=QUICK)
    seen: list[tuple[str, str | None]] = []

    def note(kind: str):
        def slot(ticket: str) -> None:
            current = announcer.current
            seen.append((kind, ticket if current and current.ticket_number == ticket else None))

        return slot

    for name in ("announcement_started", "speech_started", "announcement_finished"):
        getattr(announcer, name).connect(note(name))
    announcer.announce("A001", 1)
    announcer.announce("B002", 2)
    qtbot.waitUntil(lambda: len(seen) == 6, timeout=10_000)
    assert all(ticket is not None for _, ticket in seen), seen


def test_a_listener_may_stop_and_refill_the_queue(qtbot, make_tone, fake_speech) -> None:
    announcer = Announcer(fake_speech(make_tone(0.1)), chime=make_tone(0.1, 880), pauses=QUICK)
    events = Recorder(announcer)

    def on_finished(ticket: str) -> None:
        if ticket == "A001":
            announcer.stop()
            announcer.announce("C003", 3)

    announcer.announcement_finished.connect(on_finished)
    announcer.announce("A001", 1)
    announcer.announce("B002", 2)  # forgotten by stop()
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["A001", "C003"], timeout=10_000)
    qtbot.wait(300)  # time for the forgotten B002 to start, which it must not
    assert events.of("announcement_started") == ["A001", "C003"]
    assert not announcer.is_playing


@pytest.mark.parametrize("signal", ["announcement_started", "speech_started"])
def test_stop_from_a_listener_leaves_the_queue_usable(
    qtbot, make_tone, fake_speech, signal: str
) -> None:
    announcer = Announcer(fake_speech(make_tone(0.1)), chime=make_tone(0.1, 880), pauses=QUICK)
    events = Recorder(announcer)
    stopped: list[str] = []

    def stop_once(ticket: str) -> None:
        if not stopped:
            stopped.append(ticket)
            announcer.stop()

    getattr(announcer, signal).connect(stop_once)
    announcer.announce("A001", 1)
    qtbot.waitUntil(lambda: bool(stopped), timeout=5_000)
    qtbot.wait(300)  # time for the rest of A001 to play on, which it must not
    assert not announcer.is_playing
    announcer.announce("B002", 2)
    qtbot.waitUntil(lambda: events.of("announcement_finished") == ["B002"], timeout=5_000)
