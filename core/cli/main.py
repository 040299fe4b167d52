"""``antre``: the hall from the command line.

Exit codes: 0 done (also "nothing waiting"), 1 refused by the hall's rules,
2 bad usage, bad input, bad configuration or database unreachable. No traceback ever:
unexpected errors print one line and go to the log file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from core.cli import commands
from core.config import load_settings
from core.errors import AntreError, ConfigError, DatabaseUnavailable, Refused
from core.logs import setup_logging
from core.messages import language

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"antre: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    # SUPPRESS: a verb's default must not undo "antre --json VERB".
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    parser = _Parser(prog="antre", description="Antre: antrean Mal Pelayanan Publik")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--db", metavar="URL", help="database URL (default: SQLite in the user data folder)"
    )
    parser.add_argument("--hall", metavar="CODE", help="hall code, when the database holds several")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    verbs.required = True

    def verb(name: str, help_text: str, **kwargs: Any) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=help_text, parents=[common], **kwargs)
        sub.set_defaults(handler=name.replace("-", "_"))
        return sub

    db = verb("db", "database schema")
    db.add_argument("action", choices=["upgrade", "status"])
    hall = verb("hall", "hall configuration")
    hall.add_argument("action", choices=["import", "export", "show", "validate"])
    hall.add_argument("file", nargs="?", help="hall TOML file (import, export, validate)")
    officer = verb("officer", "officer accounts")
    officer.add_argument("action", choices=["add"])
    officer.add_argument("username")
    officer.add_argument("--role", choices=["officer", "supervisor", "admin"], default="officer")
    officer.add_argument("--name", default="", help="full name")
    issue = verb("issue", "take a ticket")
    issue.add_argument("service", help="service code")
    issue.add_argument(
        "--priority", choices=["regular", "lansia", "disabilitas", "ibu_hamil"], default="regular"
    )
    issue.add_argument("--kiosk", default="cli")
    issue.add_argument("--request-id")
    call = verb("call", "call the next ticket (or --ticket NUMBER) at a counter")
    call.add_argument("counter", type=int)
    call.add_argument("--ticket", help="call this waiting ticket instead of the next")
    call.add_argument("--request-id")
    for name, text in (
        ("recall", "call the current ticket again"),
        ("start", "start serving"),
        ("finish", "finish the current ticket"),
        ("no-show", "the citizen did not come"),
        ("park", "set the current ticket aside"),
    ):
        sub = verb(name, text)
        sub.add_argument("counter", type=int)
        sub.add_argument("--request-id")
    resume = verb("resume", "call a parked ticket back")
    resume.add_argument("counter", type=int)
    resume.add_argument("ticket")
    transfer = verb("transfer", "send the current ticket to another service")
    transfer.add_argument("counter", type=int)
    transfer.add_argument("service")
    transfer.add_argument("--front", action="store_true", help="to the front of that queue")
    transfer.add_argument("--note", default="")
    transfer.add_argument("--request-id")
    counter = verb("counter", "open, pause or close a counter")
    counter.add_argument("action", choices=["open", "break", "close"])
    counter.add_argument("counter", type=int)
    verb("status", "waiting per service and counters")
    events = verb("events", "the event feed")
    events.add_argument("--since", type=int, default=0, metavar="ID")
    events.add_argument("--follow", action="store_true")
    verb("end-of-day", "expire what is still waiting today")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, or bad usage already explained on stderr
        return int(exit_.code or 0)
    setup_logging("antre-cli")
    lang = language()
    try:
        settings = load_settings()
        result = getattr(commands, args.handler)(args, settings)
    except Refused as error:
        _fail(args, error, lang)
        return 1
    except (ConfigError, DatabaseUnavailable) as error:
        _fail(args, error, lang)
        return 2
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:  # output piped into head, less, …
        sys.stderr.close()
        return 0
    except Exception as error:  # noqa: BLE001 - the last guard: log it, never show a traceback
        log.exception("unexpected error in antre %s", args.verb)
        print(
            f"antre: kesalahan tak terduga ({type(error).__name__}: {error}); rincian di log.",
            file=sys.stderr,
        )
        return 70
    if result is not None:
        text, data = result
        if args.json:
            print(json.dumps(data, ensure_ascii=False, default=str))
        elif text:
            print(text)
    return 0


def _fail(args: argparse.Namespace, error: AntreError, lang: str) -> None:
    message = error.message(lang)
    if args.json:
        print(
            json.dumps(
                {
                    "error": error.code,
                    "message": message,
                    **{k: str(v) for k, v in error.params.items()},
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"antre: {message}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
