"""The command line: ``python -m bot`` (also installed as ``kz-it-bot``).

``run`` serves Telegram (the token from the environment or ``.env``). Without a subcommand
it serves Telegram when ``TELEGRAM_BOT_TOKEN`` is set in the environment and chats in the
terminal otherwise. ``ask``, ``check`` and ``eval`` never import the Telegram layer.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from bot import chat, logcli
from bot.knowledge_base import CACHE_FOLDER, check_hint
from bot.settings import SettingsError, load_settings
from knowledge import Answer, Engine, KnowledgeError
from knowledge.cache import load_engine
from knowledge.paths import DATA_DIR

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
NO_TELEGRAM = "The Telegram library is not installed: run `pip install -e .` (or `make run`) first."


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m bot``."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=(
            "Answer questions about Kazakhstan–Italy relations (fact sheet of 18 April 2014). "
            f"Without a command: serve Telegram if {TOKEN_ENV} is set in the environment, else chat "
            "in the terminal (or answer the lines piped to standard input)."
        ),
    )
    data_help = "the knowledge base folder (default: the package's knowledge/data)"
    parser.add_argument("--data", type=Path, metavar="DIR", help=data_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = commands.add_parser(
        "ask",
        help="answer questions and exit",
        description=(
            "Print the reply to QUESTION. Without QUESTION, answer standard input one line at "
            "a time, skipping blank lines; plain replies are separated by a blank line. "
            "A line starting with '/' is a command (/trade, /visits 2009)."
        ),
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION", help="quotes are optional")
    ask.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per question and line: {"answered", "text", "entry", '
        '"confidence", "suggestions", "lang", "outcome", "source"}',
    )
    ask.add_argument(
        "--lang",
        metavar="CODE",
        help="reply in this language (en, ru, it, kk); default: the language of each question",
    )
    ask.add_argument(
        "--dialog",
        action="store_true",
        help="answer a conversation: each QUESTION (quoted) is one turn; without QUESTION, read "
        "conversations from standard input, one question per line and an empty line between "
        "conversations; a follow-up ('and in 2012?') continues its conversation only",
    )
    ask.add_argument(
        "--explain",
        action="store_true",
        help="also print the top candidates and their scores (to standard error with --json)",
    )
    check = commands.add_parser("check", help="validate the knowledge base")
    commands.add_parser(
        "health",
        help="whether the running bot is alive (its heartbeat in DATA_DIR); Docker's HEALTHCHECK",
    )
    score = commands.add_parser("eval", help="score the bot on a file of questions")
    score.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help="a YAML question file, or a dialog file (a list of conversations)",
    )
    serve = commands.add_parser(
        "run",
        help="serve Telegram",
        description=(
            f"Serve Telegram: long polling, or a webhook when WEBHOOK_URL is set. Needs {TOKEN_ENV} "
            "(from @BotFather), in the environment or in a .env file in the current folder. "
            "Ctrl-C or SIGTERM stops the bot gracefully."
        ),
    )
    log_commands = logcli.add_commands(commands)
    for sub in (ask, check, score, serve, *log_commands):
        # SUPPRESS: an absent sub-option must not overwrite `--data` given before the command.
        sub.add_argument("--data", type=Path, metavar="DIR", help=data_help, default=argparse.SUPPRESS)
    return parser


def _tolerant_streams() -> None:
    """Read and write UTF-8 with replacement characters, whatever the locale.

    Bytes that are not UTF-8 on standard input become "�" rather than a traceback (or raw
    bytes echoed into ``--json``); a locale that cannot encode an answer still gets it.
    """
    for stream, encoding in ((sys.stdin, None), (sys.stdout, "utf-8"), (sys.stderr, "utf-8")):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding=encoding or stream.encoding, errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success, 1 on an invalid knowledge base or unreadable file,
        2 on a usage error, or when the Telegram settings are missing or invalid.
    """
    _tolerant_streams()
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run" or (args.command is None and os.environ.get(TOKEN_ENV, "").strip()):
            return _serve(args.data)
        try:
            settings = load_settings(require_token=False)
        except SettingsError as error:
            print(error, file=sys.stderr)
            return 2
        # --data wins over KNOWLEDGE_DIR, for every command.
        data: Path = args.data or settings.knowledge_dir or DATA_DIR
        if args.command == "check":
            return _check(data)
        if args.command == "health":
            from bot import health  # each command imports only what it uses: `ask` starts faster

            healthy, line = health.check(settings.data_dir / health.HEARTBEAT_FILE)
            print(line, file=sys.stdout if healthy else sys.stderr)
            return 0 if healthy else 1
        cache = settings.data_dir / CACHE_FOLDER
        if args.command == "eval":
            return _eval(args.file, data, cache)
        if args.command == "db":
            return logcli.db_command(settings, args)
        engine = load_engine(data, cache)
        if args.command == "report":
            return logcli.report_command(settings, engine, args)
        if args.command == "ask":
            lang = args.lang.strip().lower() if args.lang else None
            if lang is not None and lang not in engine.languages:
                known = ", ".join(engine.languages)
                print(f"Unknown language {args.lang!r} for --lang: choose one of {known}.", file=sys.stderr)
                return 2
            if args.dialog:
                turns = args.question or sys.stdin  # each argument one turn of one conversation
                return _dialogs(engine, turns, as_json=args.json, lang=lang)
            return _ask(engine, args.question, as_json=args.json, explain=args.explain, lang=lang)
        if _token_in_dotenv():
            print(DOTENV_TOKEN_HINT, file=sys.stderr)
        return chat.run(engine)
    except KnowledgeError as error:
        _print_problems(error)
        print(check_hint(args.data), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly instead of a traceback at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


DOTENV_TOKEN_HINT = (
    "A Telegram token is set in .env: `python -m bot run` serves Telegram with it. "
    "Plain `python -m bot` serves Telegram only when TELEGRAM_BOT_TOKEN is in the environment; "
    "chatting in the terminal now."
)


def _token_in_dotenv(path: Path = Path(".env")) -> bool:
    """Whether ``.env`` sets a token (then the terminal chat says how to serve Telegram)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(
        line.split("=", 1)[0].strip() == TOKEN_ENV and line.split("=", 1)[1].strip(" \"'")
        for line in lines
        if "=" in line and not line.lstrip().startswith("#")
    )


def _print_problems(error: KnowledgeError) -> None:
    for line in error.report():
        print(line, file=sys.stderr)


def _serve(data: Path | None) -> int:
    """Serve Telegram through ``bot.app``, imported only now so other commands stay light.

    The settings are read first: a missing token gets its explanation without loading the
    Telegram library. ``--data`` overrides ``KNOWLEDGE_DIR``.
    """
    try:
        settings = load_settings(require_token=True)
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    if data is not None:
        settings = settings.model_copy(update={"knowledge_dir": data})
    try:
        from bot.app import run
    except ModuleNotFoundError as error:
        if error.name is None or error.name.split(".")[0] != "telegram":
            raise
        print(NO_TELEGRAM, file=sys.stderr)
        return 2
    return run(settings)


def _ask(engine: Engine, words: list[str], *, as_json: bool, explain: bool, lang: str | None) -> int:
    batch = not words
    lines: Iterable[str] = sys.stdin if batch else [" ".join(words)]
    out = sys.stdout
    for line in lines:
        question = line.strip()
        if batch and not question:
            continue
        answer = chat.respond(engine, question, lang=lang)
        if as_json:
            out.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(chat.render(answer) + "\n")
        if explain:
            _explain(question, answer, sys.stderr if as_json else out)
        if batch and not as_json:
            out.write("\n")
        out.flush()
    return 0


def _dialogs(engine: Engine, lines: Iterable[str], *, as_json: bool, lang: str | None) -> int:
    """Answer conversations: an empty line ends one, and the next starts afresh."""
    out = sys.stdout
    session = chat.Session(engine, lang)
    for line in lines:
        if not line.strip():
            session = chat.Session(engine, lang)
            continue
        answer = session.reply(line)
        out.write(
            (json.dumps(answer.to_json(), ensure_ascii=False) if as_json else chat.render(answer)) + "\n"
        )
        if not as_json:
            out.write("\n")
        out.flush()
    return 0


def _explain(question: str, answer: Answer, out: TextIO) -> None:
    """Print the candidates the engine weighed for ``answer`` (none for a command)."""
    out.write(f"candidates for {question!r}:{'' if answer.candidates else ' none'}\n")
    for rank, candidate in enumerate(answer.candidates, start=1):
        notes = f"  [{'; '.join(candidate.notes)}]" if candidate.notes else ""
        phrasing = candidate.phrasing
        out.write(f"  {rank}. {candidate.score:.3f}  {candidate.entry_id}  {phrasing!r}{notes}\n")


def _check(data: Path) -> int:
    try:
        engine = Engine.load(data)
    except KnowledgeError as error:
        _print_problems(error)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {data}", file=sys.stderr)
        return 1
    corpus = engine.corpus
    facts = corpus.facts
    print(
        f"OK: {len(corpus.languages)} languages ({', '.join(corpus.languages)}), "
        f"{len(corpus.topics)} topics, {len(corpus.entries)} entries, "
        f"{len(facts.people)} people, {len(facts.visits)} visits, "
        f"{len(facts.trade)} trade years, {len(facts.culture)} cultural projects ({data})"
    )
    return 0


def _eval(file: Path, data: Path, cache: Path) -> int:
    from bot import evaluate

    try:
        parsed = evaluate.read_yaml(file)
        if evaluate.is_dialog_file(parsed):
            dialogs = evaluate.parse_dialogs(parsed, str(file))
            report = evaluate.run_dialogs(load_engine(data, cache), dialogs)
        else:
            report = evaluate.run(load_engine(data, cache), evaluate.parse_items(parsed, str(file)))
    except evaluate.EvalFileError as error:
        print(error, file=sys.stderr)
        return 1
    print("\n".join(evaluate.format_report(report, file.name)))
    return 0
