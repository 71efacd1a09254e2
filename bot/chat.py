"""Chat with the engine in a terminal, or answer questions piped in one per line.

Lines that start with "/" are commands, as in Telegram: ``/trade``, ``/visits 2009``,
``/help``; ``/quit`` or ``/exit`` ends the chat. After a "did you mean" reply, typing the
number of a suggestion picks it; a number that is not one of them asks for one that is.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TextIO

from knowledge import Answer, Engine, Outcome, Suggestion

PROMPT = "you> "
QUIT_COMMANDS = frozenset({"quit", "exit"})
# The texts.yaml key of the line put before the help when a command is unknown, with the
# placeholder {command} ("/foo"). Without that key the help is shown alone.
UNKNOWN_COMMAND_TEXT = "unknown_command"
# Terminal-only texts: Telegram has neither /quit nor numbered choices.
QUIT_HELP = "/quit or /exit — leave the chat"
CHOOSE_HINT = "(type a number to choose)"
CHOOSE_ONE = "Please type 1 to choose the suggestion, or ask a new question."
CHOOSE_RANGE = "Please choose a number from 1 to {n}, or ask a new question."


def parse_command(line: str) -> tuple[str, str] | None:
    """Split a command line into its name and argument.

    ``"/visits@KzItBot 2009"`` gives ``("visits", "2009")``; the "@botname" suffix that
    Telegram adds in groups is dropped and the name is lower-cased.

    Returns:
        ``(name, argument)``, or ``None`` when ``line`` is not a command.
    """
    line = line.strip()
    if not line.startswith("/"):
        return None
    head, *rest = line[1:].split(maxsplit=1) or [""]
    name = head.split("@", 1)[0].casefold()
    return name, rest[0] if rest else ""


def respond(engine: Engine, line: str, *, help_note: str = "") -> Answer:
    """The engine's reply to a line: a command or a question.

    An unknown command gets the help, after a line that says the command is unknown (when
    ``texts.yaml`` has that text).

    Args:
        engine: the loaded engine.
        line: what the user typed.
        help_note: a line to add after the help, whenever the reply is the help.
    """
    command = parse_command(line)
    if command is None:
        return engine.ask(line)
    name, argument = command
    answer = engine.command(name, argument)
    if answer is not None:
        return _noted(answer, help_note) if name == "help" else answer
    answer = engine.command("help")
    if answer is None:  # the engine always knows /help; this keeps the types honest
        raise LookupError("the engine has no 'help' command")
    if name and UNKNOWN_COMMAND_TEXT in engine.texts:
        unknown = engine.texts.get(UNKNOWN_COMMAND_TEXT, command=f"/{name}")
        answer = replace(answer, text=f"{unknown}\n\n{answer.text}")
    return _noted(answer, help_note)


def _noted(answer: Answer, note: str) -> Answer:
    return replace(answer, text=f"{answer.text}\n{note}") if note else answer


def render(answer: Answer) -> str:
    """The reply as the terminal shows it, its suggestions numbered so a number picks one.

    A suggestion the text already lists as a bullet ("• When …?") is numbered in place;
    the others are listed after the text.
    """
    numbered = {s.question: f"  {n}. {s.question}" for n, s in enumerate(answer.suggestions, 1)}
    lines = [numbered.pop(line.strip().lstrip("•-* "), line) for line in answer.text.splitlines()]
    return "\n".join([*lines, *numbered.values()])


def choose_hint(count: int) -> str:
    """What to say when a number is not one of ``count`` (at least 1) numbered choices."""
    return CHOOSE_ONE if count == 1 else CHOOSE_RANGE.format(n=count)


class Session:
    """One conversation: remembers the last suggestions so a number can pick one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pending: tuple[Suggestion, ...] = ()

    def reply(self, line: str) -> Answer:
        """Answer one non-blank line.

        While suggestions are pending, a number picks one; a number that is none of them
        gets a reminder of the range and the suggestions stay. Anything else is answered
        as usual and replaces them. ``/help`` here also lists ``/quit`` and ``/exit``.
        """
        text = line.strip()
        if self.pending and text.isdecimal():
            number = int(text)
            if not 1 <= number <= len(self.pending):
                return Answer(Outcome.CLARIFY, choose_hint(len(self.pending)))
            answer = self.engine.answer_entry(self.pending[number - 1].entry_id)
        else:
            answer = respond(self.engine, line, help_note=QUIT_HELP)
        self.pending = answer.suggestions
        return answer


def is_quit(line: str) -> bool:
    """Whether ``line`` is ``/quit`` or ``/exit``."""
    command = parse_command(line)
    return command is not None and command[0] in QUIT_COMMANDS


def converse(session: Session, lines: Iterable[str], out: TextIO, *, hint: bool = False) -> None:
    """Reply to each line until the lines run out or one is ``/quit``.

    Blank lines are skipped. Each reply is followed by a blank line and flushed, so a
    program reading the output sees it at once. With ``hint``, a reply that offers
    suggestions says how to pick one.
    """
    for line in lines:
        if not line.strip():
            continue
        if is_quit(line):
            return
        answer = session.reply(line)
        out.write(render(answer) + "\n")
        if hint and answer.suggestions:
            out.write(CHOOSE_HINT + "\n")
        out.write("\n")
        out.flush()


def _prompted(read: Callable[[str], str]) -> Iterator[str]:
    """Lines typed at the prompt, until end of input (Ctrl-D)."""
    while True:
        try:
            yield read(PROMPT)
        except EOFError:
            return


def run(
    engine: Engine,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    read: Callable[[str], str] = input,
) -> int:
    """Chat in a terminal, or answer piped lines when standard input is not a terminal.

    Args:
        engine: the loaded engine.
        stdin: where lines come from (default ``sys.stdin``); only used when not a terminal.
        stdout: where replies go (default ``sys.stdout``).
        read: reads one line at a terminal given the prompt (``input``, for line editing).

    Returns:
        The exit code: 0, including after Ctrl-D or Ctrl-C.
    """
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    session = Session(engine)
    interactive = stdin.isatty()
    try:
        if interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (gives input() history and line editing)
            welcome = engine.command("start")
            if welcome is not None:
                out.write(render(welcome) + "\n\n")
            converse(session, _prompted(read), out, hint=True)
            out.write("\n")  # end the prompt line left by Ctrl-D
        else:
            converse(session, stdin, out)
    except KeyboardInterrupt:
        out.write("\n")
    out.flush()
    return 0
