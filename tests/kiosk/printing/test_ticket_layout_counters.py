"""The ticket names the loket that serve it, on every paper, as the printer receives it."""

from __future__ import annotations

import pytest

from kiosk.printing import ticket_layout as tl
from kiosk.printing.printers import print_ticket
from kiosk.printing.ticket_layout import PAPERS
from tests.kiosk.printing.conftest import make_ticket
from tests.kiosk.printing.escpos_stream import Decoded, decode

FAST = {"timeout": 2.0, "status_timeout": 0.5}
MANY = tuple(range(1, 16))  # every loket of a 15-loket hall


def printed(fake_printer, ticket: tl.PrintableTicket, paper: tl.PaperSpec) -> Decoded:
    server = fake_printer("answer")
    result = print_ticket(server.uri, ticket, paper, **FAST)
    server.wait_finished()
    assert result.ok, result
    return decode(server.job_bytes())


def counter_lines(decoded: Decoded, first_word: str) -> list[str]:
    """The printed lines from the one starting with ``first_word`` to the rule after it."""
    texts = [line.text for line in decoded.lines]
    start = next(i for i, text in enumerate(texts) if text.startswith(first_word))
    end = next(i for i in range(start, len(texts)) if set(texts[i]) == {"-"})
    return texts[start:end]


@pytest.mark.parametrize("paper", list(PAPERS.values()), ids=lambda p: p.name)
@pytest.mark.parametrize("counters", [(2,), (1, 2, 5), MANY], ids=["one", "three", "fifteen"])
def test_the_serving_loket_are_printed_whole_and_fit_the_paper(
    fake_printer, paper: tl.PaperSpec, counters: tuple[int, ...]
) -> None:
    ticket = make_ticket(
        counters=counters,
        service_name="Pencatatan Perkawinan dan Akta Perkawinan (Non-Muslim)",
        agency_name="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Timur",
    )
    decoded = printed(fake_printer, ticket, paper)
    for line in decoded.lines:
        assert len(line.text) * line.width <= paper.columns, (paper.name, line)
    lines = counter_lines(decoded, "Dilayani di")
    numbers = ", ".join(str(n) for n in counters)
    assert " ".join(lines) == f"Dilayani di Loket {numbers}"
    for line in decoded.lines:
        if line.text in lines:
            assert line.bold and line.align == 1, line
    # Wrapped between numbers, never inside one ("1" / "5" from "15").
    assert all(not text.endswith(tuple("0123456789")) or text == lines[-1] for text in lines)


def test_english_ticket_says_counter_or_counters(fake_printer) -> None:
    one = printed(fake_printer, make_ticket(language="en", counters=(3,)), PAPERS["80mm"])
    assert counter_lines(one, "Served at") == ["Served at counter 3"]
    two = printed(fake_printer, make_ticket(language="en", counters=(3, 4)), PAPERS["80mm"])
    assert counter_lines(two, "Served at") == ["Served at counters 3, 4"]


def test_a_ticket_without_loket_prints_no_such_line(fake_printer) -> None:
    decoded = printed(fake_printer, make_ticket(), PAPERS["58mm"])
    assert not any("Loket" in line.text for line in decoded.lines)
