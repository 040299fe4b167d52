from __future__ import annotations

import pytest

from kiosk.printing.printer_uri import PrinterConfigError, PrinterTarget, parse_printer_uri


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("tcp://192.168.1.50:9100", {"scheme": "tcp", "host": "192.168.1.50", "port": 9100}),
        (
            "tcp://printer-loket.local",
            {"scheme": "tcp", "host": "printer-loket.local", "port": 9100},
        ),
        ("TCP://10.0.0.7:9101/", {"scheme": "tcp", "host": "10.0.0.7", "port": 9101}),
        ("tcp://[fe80::1]:9100", {"scheme": "tcp", "host": "fe80::1", "port": 9100}),
        ("usb://04b8:0202", {"scheme": "usb", "vendor_id": 0x04B8, "product_id": 0x0202}),
        ("usb://0416:5011?in_ep=0x81&out_ep=3", {"vendor_id": 0x0416, "in_ep": 0x81, "out_ep": 3}),
        (
            "serial:///dev/ttyS0?baud=38400",
            {"scheme": "serial", "device": "/dev/ttyS0", "baud": 38400},
        ),
        ("serial://COM3", {"scheme": "serial", "device": "COM3", "baud": 38400}),
        ("serial:///dev/ttyUSB0?baud=9600", {"device": "/dev/ttyUSB0", "baud": 9600}),
        ("cups://TM-T82", {"scheme": "cups", "queue": "TM-T82"}),
        (
            "win32raw://EPSON TM-T82 Receipt",
            {"scheme": "win32raw", "queue": "EPSON TM-T82 Receipt"},
        ),
        ("win32raw://EPSON%20TM-T20", {"queue": "EPSON TM-T20"}),
        ("file:///dev/usb/lp0", {"scheme": "file", "device": "/dev/usb/lp0"}),
        ("none", {"scheme": "none"}),
        (" None ", {"scheme": "none"}),
    ],
)
def test_good_uris(uri: str, expected: dict[str, object]) -> None:
    target = parse_printer_uri(uri)
    assert isinstance(target, PrinterTarget)
    assert target.uri == uri
    for name, value in expected.items():
        assert getattr(target, name) == value, name


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("", "empty; write 'none'"),
        ("192.168.1.50", "unknown kind of printer"),
        ("lpt://1", "unknown kind of printer; use one of tcp://"),
        ("tcp://", "host is missing"),
        ("tcp://:9100", "host is missing"),
        ("tcp://printer:http", "port must be a number"),
        ("tcp://printer:70000", "port must be a number"),
        ("tcp://printer:0", "port must be a number"),
        ("tcp://printer:9100/queue", "only host and port"),
        ("usb://epson", "vendor and product id in hex"),
        ("usb://04b8", "vendor and product id in hex"),
        ("usb://04b8:02g2", "vendor and product id in hex"),
        ("usb://0000:0202", "cannot be 0000"),
        ("usb://04b8:0202?ep=1", "unknown option 'ep'"),
        ("usb://04b8:0202?in_ep=999", "in_ep must be a USB endpoint"),
        ("serial://", "serial port is missing"),
        ("serial:///dev/ttyS0?baud=12345", "baud must be one of"),
        ("serial:///dev/ttyS0?baud=fast", "baud must be one of"),
        ("serial:///dev/ttyS0?speed=9600", "unknown option 'speed'"),
        ("serial:///dev/ttyS0?baud=9600&baud=38400", "more than once"),
        ("cups://", "CUPS queue name"),
        ("cups://TM T82", "CUPS queue name"),
        ("win32raw://", "Windows printer name is missing"),
        ("file://", "device file is missing"),
        ("none://x", "'none' takes no address"),
    ],
)
def test_bad_uris_say_which_uri_and_what_is_wrong(uri: str, problem: str) -> None:
    with pytest.raises(PrinterConfigError) as caught:
        parse_printer_uri(uri)
    message = str(caught.value)
    assert f"printer URI {uri!r}" in message
    assert problem in message


def test_config_error_is_a_value_error() -> None:
    """Settings loaders that catch ValueError also catch a bad printer URI."""
    assert issubclass(PrinterConfigError, ValueError)
