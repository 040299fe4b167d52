import re
import subprocess
import sys
from pathlib import Path

import pytest
from num2words import num2words

from display.announcer.announcement_text import (
    DEFAULT_TEMPLATES,
    AnnouncementStyle,
    Reading,
    TemplateError,
    TicketNumberError,
    build_announcement,
    display_text,
    letter_names,
    parse_ticket_number,
    quick_text,
    spoken_text,
)

# Written out here, independent of the module's own tables.
DIGITS_ID = {
    "0": "nol",
    "1": "satu",
    "2": "dua",
    "3": "tiga",
    "4": "empat",
    "5": "lima",
    "6": "enam",
    "7": "tujuh",
    "8": "delapan",
    "9": "sembilan",
}
LETTERS_ID = (
    "A a, B be, C ce, D de, E e, F ef, G ge, H ha, I i, J je, K ka, L el, M em, N en, O o, "
    "P pe, Q ki, R er, S es, T te, U u, V fe, W we, X eks, Y ye, Z zet"
)
SENTENCE = "Nomor antrean, {letters}, {number}, silakan menuju loket {counter}"


@pytest.mark.parametrize(("prefix", "letters"), [("A", "a"), ("AB", "a be"), ("ZQ", "zet ki")])
def test_every_number_read_as_words(prefix: str, letters: str) -> None:
    for n in range(1000):
        ticket = f"{prefix}{n:03d}"
        counter = n % 15 + 1
        expected = SENTENCE.format(
            letters=letters, number=num2words(n, lang="id"), counter=num2words(counter, lang="id")
        )
        assert spoken_text(ticket, counter) == expected, ticket


@pytest.mark.parametrize(("prefix", "letters"), [("A", "a"), ("AB", "a be"), ("ZQ", "zet ki")])
def test_every_number_read_digit_by_digit(prefix: str, letters: str) -> None:
    style = AnnouncementStyle(reading=Reading.DIGITS)
    for n in range(1000):
        printed = f"{n:03d}"
        number = ", ".join(DIGITS_ID[d] for d in printed)
        expected = SENTENCE.format(letters=letters, number=number, counter="tiga")
        assert spoken_text(f"{prefix}{printed}", 3, style=style) == expected


@pytest.mark.parametrize(
    ("ticket", "number"),
    [
        ("A000", "nol"),
        ("A001", "satu"),
        ("A010", "sepuluh"),
        ("A011", "sebelas"),
        ("A012", "dua belas"),
        ("A100", "seratus"),
        ("A115", "seratus lima belas"),
        ("A123", "seratus dua puluh tiga"),
        ("A999", "sembilan ratus sembilan puluh sembilan"),
        ("A1000", "seribu"),
        ("A7", "tujuh"),
    ],
)
def test_known_readings(ticket: str, number: str) -> None:
    assert spoken_text(ticket, 3) == f"Nomor antrean, a, {number}, silakan menuju loket tiga"


def test_domain_example_sentence() -> None:
    assert (
        spoken_text("A123", 3)
        == "Nomor antrean, a, seratus dua puluh tiga, silakan menuju loket tiga"
    )


def test_digit_mode_keeps_leading_zeros() -> None:
    style = AnnouncementStyle(reading="digits")
    assert spoken_text("A001", 12, style=style) == (
        "Nomor antrean, a, nol, nol, satu, silakan menuju loket dua belas"
    )


def test_letter_names() -> None:
    for pair in LETTERS_ID.split(", "):
        letter, name = pair.split(" ")
        assert letter_names(letter) == name
    assert letter_names("AB") == "a be"
    assert letter_names("XZ") == "eks zet"


@pytest.mark.parametrize(("counter", "words"), [(1, "satu"), (3, "tiga"), (12, "dua belas")])
def test_counter_is_spoken_as_words(counter: int, words: str) -> None:
    assert spoken_text("B045", counter).endswith(f"loket {words}")


def test_ticket_numbers() -> None:
    assert parse_ticket_number("AB045") == parse_ticket_number(" ab045 ")
    assert str(parse_ticket_number("AB045")) == "AB045"
    assert parse_ticket_number("B123").value == 123
    for bad in ["", "A", "ABC001", "A-001", "A00001", "1A", "Á001"]:
        with pytest.raises(TicketNumberError):
            parse_ticket_number(bad)


def test_ticket_without_prefix_leaves_no_gap() -> None:
    assert spoken_text("045", 2) == "Nomor antrean, empat puluh lima, silakan menuju loket dua"


def test_custom_templates() -> None:
    style = AnnouncementStyle(template="Antrean {ticket}, ke loket {counter}, {counter_name}.")
    assert spoken_text("C007", 5, "Disdukcapil", style) == (
        "Antrean ce, tujuh, ke loket lima, Disdukcapil."
    )
    assert spoken_text("C007", 5, None, style) == "Antrean ce, tujuh, ke loket lima."


@pytest.mark.parametrize(
    ("template", "named"),
    [
        ("Nomor {nomor}, loket {counter}", "{nomor}"),
        ("Nomor {number}, loket {Counter}", "{Counter}"),
        ("Nomor {number}, loket {counter.real}", "{counter.real}"),
        ("Nomor {}, loket {counter}", "{}"),
        ("Nomor {0}, loket {counter}", "{0}"),
        ("Nomor {number!r}, loket {counter}", "{number}"),
        ("Nomor {number:>5}, loket {counter}", "{number}"),
        ("Nomor {number, loket {counter}", "malformed"),
        ("Nomor {number}, silakan menunggu", "{counter}"),
        ("Silakan menuju loket {counter}", "{number}"),
    ],
)
def test_template_errors_name_the_problem(template: str, named: str) -> None:
    with pytest.raises(TemplateError, match=re.escape(named)):
        AnnouncementStyle(template=template)


def test_style_checks_its_settings() -> None:
    with pytest.raises(ValueError, match="reading"):
        AnnouncementStyle(reading="letters")
    with pytest.raises(ValueError, match="language"):
        AnnouncementStyle(language="jv")
    assert AnnouncementStyle().template == DEFAULT_TEMPLATES["id"]


def test_english() -> None:
    style = AnnouncementStyle(language="en")
    assert spoken_text("AB012", 12, style=style) == (
        "Ticket number, ay bee, twelve, please proceed to counter twelve"
    )


def test_displayed_text() -> None:
    assert display_text("A001", 3) == "A001 → Loket 3"
    assert display_text("ab045", 12, "Disdukcapil") == "AB045 → Loket 12 (Disdukcapil)"
    assert display_text("A001", 3, language="en") == "A001 → Counter 3"
    text = build_announcement("A123", 3)
    assert text.display == "A123 → Loket 3"
    assert text.spoken == "Nomor antrean, a, seratus dua puluh tiga, silakan menuju loket tiga"


def test_bad_counter() -> None:
    for bad in [-1, 1.5, True, "3"]:
        with pytest.raises(ValueError, match="counter"):
            spoken_text("A001", bad)  # type: ignore[arg-type]


def test_text_and_speech_modules_do_not_need_qt() -> None:
    code = (
        "import sys, display.announcer.announcement_text, display.announcer.speech;"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_the_quick_form_has_no_preamble() -> None:
    assert quick_text("A012", 7) == "a dua belas loket tujuh"
    assert quick_text("001", 3) == "satu loket tiga"  # no prefix, no gap
    digits = AnnouncementStyle(reading="digits")
    assert quick_text("S008", 10, style=digits) == "es nol, nol, delapan loket sepuluh"
    by_name = AnnouncementStyle(template="Nomor {ticket}, silakan ke {counter_name}")
    assert quick_text("AB004", 12, "Kasir", by_name) == "a be empat, Kasir"
    assert quick_text("A001", 2, style=AnnouncementStyle(language="en")) == "ay one, counter two"
