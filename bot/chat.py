"""Chat with the engine in a terminal, or answer questions piped in one per line.

Lines that start with "/" are commands, as in Telegram: ``/trade``, ``/visits 2009``,
``/help``, ``/language ru``, ``/source`` (the passages of the fact sheet behind the last
answer); ``/quit`` or ``/exit`` ends the chat. After a "did you mean" reply, typing the
number of a suggestion picks it; a number that is not one of them asks for one that is.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TextIO

from knowledge import Answer, Engine, Outcome, Suggestion, commands
from knowledge.commands import EXIT, FORGET, HELP, LANGUAGE, PRIVACY, QUIT, SOURCE, START, parse_command
from knowledge.followup import Frame, Thread

PROMPT = "you> "
QUIT_COMMANDS = frozenset({QUIT, EXIT})
# Terminal-only texts (Telegram has neither /quit nor numbered choices), in texts.yaml.
QUIT_HELP = "chat_quit_help"
CHOOSE_HINT = "chat_choose_hint"
CHOOSE_ONE = "chat_choose_one"
CHOOSE_RANGE = "chat_choose_range"
LANGUAGE_CHOICES = "chat_language_choices"
# Telegram's /privacy and /forget: the terminal records nothing, and says so.
PRIVACY_COMMANDS = frozenset({PRIVACY, FORGET})
PRIVACY_TEXT = "chat_privacy"


def choose_language(engine: Engine, argument: str, lang: str) -> tuple[Answer, str | None]:
    """``/language xx``: the confirmation in that language, and the code chosen.

    Without a known code: the prompt in ``lang`` with the codes to choose from, and None.
    """
    code = argument.strip().casefold()
    if code in engine.languages:
        return Answer(Outcome.ANSWER, engine.texts.get("language_set", code), lang=code), code
    packs = engine.corpus.languages
    choices = ", ".join(f"{c} ({packs[c].name})" for c in engine.languages)
    prompt = engine.texts.get("language_prompt", lang)
    text = f"{prompt}\n{engine.texts.get(LANGUAGE_CHOICES, lang, choices=choices)}"
    return Answer(Outcome.CLARIFY, text, lang=lang), None


def source_answer(engine: Engine, answered: Answer | None, lang: str) -> Answer:
    """``/source``: the passages of the fact sheet the last answer rests on, quoted."""
    source = engine.source(answered.entry_id, answered.lang) if answered and answered.entry_id else None
    if answered is None or source is None:
        return Answer(Outcome.DECLINE, engine.texts.get("source_none", lang), lang=lang)
    quotes = "\n".join(f"> {passage}" for passage in answered.source or source.passages)
    return Answer(Outcome.CHAT, f"{source.heading}\n{quotes}", lang=answered.lang)


def respond(
    engine: Engine,
    line: str,
    *,
    lang: str | None = None,
    fallback: str | None = None,
    help_note: str = "",
    context: Frame | None = None,
) -> Answer:
    """The engine's reply to a line: a command or a question.

    An unknown command gets the help, after a line that says the command is unknown
    (:func:`knowledge.commands.unknown_command`).

    Args:
        engine: the loaded engine.
        line: what the user typed.
        lang: reply in this language, whatever the line's (``ask --lang``).
        fallback: the language when the line does not show its own (the last reply's).
        help_note: the key of a text to add after the help, whenever the reply is the help.
        context: what the conversation's last answer was about, for a follow-up.
    """
    command = parse_command(line)
    if command is None:
        return engine.ask(line, lang=lang, fallback=fallback, context=context)
    name, argument = command.name, command.argument
    if name == LANGUAGE:
        return choose_language(engine, argument, lang or fallback or engine.default)[0]
    if name == SOURCE:  # a line alone has no answer before it
        return source_answer(engine, None, lang or fallback or engine.default)
    if name in PRIVACY_COMMANDS:
        code = lang or fallback or engine.default
        return Answer(Outcome.CHAT, engine.texts.get(PRIVACY_TEXT, code), lang=code)
    answer = commands.answer_command(engine, name, argument, lang or fallback)
    if answer is not None:
        return _noted(engine, answer, help_note) if name == HELP else answer
    asked = commands.asked_as_question(engine, name, argument, lang or fallback)
    if asked is not None:
        return asked
    return _noted(engine, commands.unknown_command(engine, name, lang or fallback, argument), help_note)


def _noted(engine: Engine, answer: Answer, note: str) -> Answer:
    if not note or note not in engine.texts:
        return answer
    return replace(answer, text=f"{answer.text}\n{engine.texts.get(note, answer.lang)}")


def render(answer: Answer) -> str:
    """The reply as the terminal shows it, its suggestions numbered so a number picks one."""
    numbered = [f"  {n}. {s.question}" for n, s in enumerate(answer.suggestions, 1)]
    return "\n".join([answer.text, *numbered])


def choose_hint(engine: Engine, count: int, lang: str) -> str:
    """What to say when a number is not one of ``count`` (at least 1) numbered choices."""
    if count == 1:
        return engine.texts.get(CHOOSE_ONE, lang, n=1)
    return engine.texts.get(CHOOSE_RANGE, lang, first=1, n=count)


class Session:
    """One conversation: the last suggestions, the last reply's language and what it was about.

    A number picks one of the suggestions; a line too short to show its own language
    ("2013", "Prodi?") is answered in the last reply's; a follow-up ("and in 2012?")
    continues the last answer, unless fifteen minutes have passed since the last line.
    """

    def __init__(
        self, engine: Engine, lang: str | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.thread = Thread()
        self.forced = lang
        self.lang: str | None = None
        self.chosen: str | None = None  # by /language
        self.answered: Answer | None = None  # the last answer: /source quotes what it rests on
        self.pending: tuple[Suggestion, ...] = ()

    def reply(self, line: str) -> Answer:
        """Answer one non-blank line.

        While suggestions are pending, a number picks one; a number that is none of them
        gets a reminder of the range and the suggestions stay. Anything else is answered
        as usual and replaces them. ``/help`` here also lists ``/quit`` and ``/exit``.
        """
        text = line.strip()
        now = self.clock()
        lang = self.forced or self.lang or self.engine.default
        if self.pending and text.isdecimal() and not _year(text):
            number = int(text)
            if not 1 <= number <= len(self.pending):
                return Answer(Outcome.CLARIFY, choose_hint(self.engine, len(self.pending), lang), lang=lang)
            answer = self.engine.answer_entry(self.pending[number - 1].entry_id, lang)
        elif (command := parse_command(text)) is not None and command.name == LANGUAGE:
            answer, chosen = choose_language(self.engine, command.argument, lang)
            self.chosen = chosen or self.chosen
        elif command is not None and command.name == SOURCE:
            return source_answer(self.engine, self.answered, lang)
        else:
            fallback = self.lang or self.chosen
            frame = self.thread.context(now)
            answer = respond(
                self.engine, line, lang=self.forced, fallback=fallback, help_note=QUIT_HELP, context=frame
            )
        self.thread.heard(now, answer.frame)
        if answer.source:  # an answer, or a decline that says what the sheet does say
            self.answered = answer
        self.pending = answer.suggestions
        self.lang = answer.lang
        return answer


def _year(text: str) -> bool:
    """Whether a number is a year ("2013" after a choice is a follow-up, not a choice)."""
    return len(text) == 4 and 1900 <= int(text) <= 2099


def is_quit(line: str) -> bool:
    """Whether ``line`` is ``/quit`` or ``/exit``."""
    command = parse_command(line)
    return command is not None and command.name in QUIT_COMMANDS


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
            out.write(session.engine.texts.get(CHOOSE_HINT, answer.lang) + "\n")
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
    lang: str | None = None,
) -> int:
    """Chat in a terminal, or answer piped lines when standard input is not a terminal.

    Args:
        engine: the loaded engine.
        stdin: where lines come from (default ``sys.stdin``); only used when not a terminal.
        stdout: where replies go (default ``sys.stdout``).
        read: reads one line at a terminal given the prompt (``input``, for line editing).
        lang: reply in this language whatever the lines' (else each line's, as detected).

    Returns:
        The exit code: 0, including after Ctrl-D or Ctrl-C.
    """
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    session = Session(engine, lang)
    interactive = stdin.isatty()
    try:
        if interactive:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401  (gives input() history and line editing)
            out.write(render(commands.command_answer(engine, START, lang=lang)) + "\n\n")
            converse(session, _prompted(read), out, hint=True)
            out.write("\n")  # end the prompt line left by Ctrl-D
        else:
            converse(session, stdin, out)
    except KeyboardInterrupt:
        out.write("\n")
    out.flush()
    return 0
