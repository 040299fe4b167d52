"""``antre``: the hall from the command line.

Exit codes: 0 done (also "nothing waiting"), 1 refused by the hall's rules,
2 bad usage, bad input, bad configuration or database unreachable, 141 (128 + SIGPIPE,
as any Unix tool) when the reader of the output went away (``antre status | head``).
No traceback ever: unexpected errors print one line and go to the log file.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from core.cli import commands
from core.cli.wording import Parser, tr
from core.config import load_settings
from core.domain.enums import Role
from core.errors import AntreError, ConfigError, DatabaseUnavailable, Refused
from core.logs import setup_logging
from core.messages import language

log = logging.getLogger(__name__)
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    # SUPPRESS: a verb's default must not undo "antre --json VERB".
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=tr("print JSON")
    )
    parser = Parser(prog="antre", description=tr("Antre: the queue of a public-service hall"))
    parser.add_argument("--json", action="store_true", help=tr("print the result as JSON"))
    parser.add_argument(
        "--db", metavar="URL", help=tr("database URL (default: SQLite in the user data folder)")
    )
    parser.add_argument(
        "--hall", metavar="CODE", help=tr("hall code, when the database holds several")
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=Parser)
    verbs.required = True

    def verb(name: str, help_text: str, **kwargs: Any) -> argparse.ArgumentParser:
        sub = verbs.add_parser(name, help=tr(help_text), parents=[common], **kwargs)
        sub.set_defaults(handler=name.replace("-", "_"))
        return sub

    def counter_number(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("counter", type=int, help=tr("counter number"))

    def request_id(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--request-id", help=tr("makes a retried request apply once"))

    db = verb("db", "database schema")
    db.add_argument("action", choices=["upgrade", "status"])
    hall = verb("hall", "hall configuration")
    hall.add_argument("action", choices=["import", "export", "show", "validate"])
    hall.add_argument("file", nargs="?", help=tr("hall TOML file (import, export, validate)"))
    officer_actions(verb("officer", "officer accounts"), common)
    issue = verb("issue", "take a ticket")
    issue.add_argument("service", help=tr("service code"))
    issue.add_argument(
        "--priority",
        choices=["regular", "lansia", "disabilitas", "ibu_hamil"],
        default="regular",
        help=tr("priority lane"),
    )
    issue.add_argument("--kiosk", default="cli", help=tr("kiosk name, for the record"))
    request_id(issue)
    call = verb("call", "call the next ticket (or --ticket NUMBER) at a counter")
    counter_number(call)
    call.add_argument("--ticket", help=tr("call this waiting ticket instead of the next"))
    request_id(call)
    for name, text in (
        ("recall", "call the current ticket again"),
        ("start", "start serving"),
        ("finish", "finish the current ticket"),
        ("no-show", "the citizen did not come"),
        ("park", "set the current ticket aside"),
    ):
        sub = verb(name, text)
        counter_number(sub)
        request_id(sub)
    resume = verb("resume", "call a parked ticket back")
    counter_number(resume)
    resume.add_argument("ticket", help=tr("ticket number"))
    transfer = verb("transfer", "send the current ticket to another service")
    counter_number(transfer)
    transfer.add_argument("service", help=tr("service to send it to"))
    transfer.add_argument("--front", action="store_true", help=tr("to the front of that queue"))
    transfer.add_argument("--note", default="", help=tr("note for the next officer"))
    request_id(transfer)
    counter = verb("counter", "open, pause or close a counter")
    counter.add_argument("action", choices=["open", "break", "close"])
    counter_number(counter)
    verb("status", "waiting per service and counters")
    events = verb("events", "the event feed")
    events.add_argument(
        "--since", type=int, default=0, metavar="ID", help=tr("events after this id")
    )
    events.add_argument(
        "--follow", action="store_true", help=tr("keep printing new events (Ctrl+C stops)")
    )
    verb("end-of-day", "expire what is still waiting today")
    return parser


def officer_actions(officer: argparse.ArgumentParser, common: Parser) -> None:
    """``antre officer ACTION``: the hall manager's work on accounts (``args.action``)."""
    actions = officer.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    actions.required = True
    roles = [role.value for role in Role]

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, parents=[common])
        if name != "list":
            sub.add_argument("username", help=tr("username"))
        return sub

    add = action("add", tr("add an account (asks for its password)"))
    add.add_argument("--role", choices=roles, default="officer", help=tr("role of the account"))
    add.add_argument("--name", default="", help=tr("full name"))
    action("list", tr("every account: role, active, locked"))
    action("disable", tr("the officer can no longer log in"))
    action("enable", tr("the officer may log in again"))
    action("unlock", tr("lift a lockout after wrong passwords"))
    action("role", tr("change the role of an account")).add_argument(
        "role", choices=roles, help=tr("the new role")
    )
    action("password", tr("set a new password (asks for it twice)"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb; the exit code as the module docstring says."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a reader gone away shows here, not in Python's exit
    except BrokenPipeError:  # output piped into head, less, …
        _silence_output()
        return EXIT_BROKEN_PIPE
    finally:
        commands.close_databases()  # called in-process (tests, the demo): no pool left open
    return code


def _silence_output() -> None:
    """Point stdout and stderr at the null device, so that what Python still holds for
    them is dropped at exit instead of raising again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # not a real file (tests capture it)
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _run(argv: Sequence[str] | None) -> int:
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
    except BrokenPipeError:  # said by main
        raise
    except Exception as error:  # the last guard: log it, never show a traceback
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
