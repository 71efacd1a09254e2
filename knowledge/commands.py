"""The bot's commands, defined once for Telegram and the terminal chat.

The table of commands, the rule for a valid name, the parser of a command line, the menus
(each command described by the text ``command_<name>`` of ``texts.yaml``), the replies of
the commands the engine answers, and the one reply to an unknown command. Telegram's
handlers route the other commands (``/ask``, ``/language``, …) to their own callbacks;
the terminal chat answers its own few.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from knowledge.result import Answer, Outcome
from knowledge.schema import Topic
from knowledge.textbook import shorten

if TYPE_CHECKING:
    from knowledge.engine import Engine

# Telegram's rule for a command name (Bot API, BotCommand); a topic id that breaks it gets
# no command.
COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
MAX_DESCRIPTION = 256  # characters of a menu description (Bot API, BotCommand)
# An unknown command is echoed back; Telegram allows 32 characters, users may type more.
MAX_ECHOED_COMMAND = 40
# A command at the start of a line: "/name", maybe "@target", then the argument.
_COMMAND = re.compile(r"/(?P<name>\w*)(?:@(?P<target>\w*))?(?P<argument>.*)", re.ASCII | re.DOTALL)
UNKNOWN_COMMAND_TEXT = "unknown_command"


class Menu(Enum):
    """Where a command is listed in the menus."""

    FIRST = "first"  # before the topic shortcuts
    LAST = "last"  # after them
    GROUPS = "groups"  # first of all, in group chats only
    NONE = "none"  # typed, never listed


@dataclass(frozen=True)
class Spec:
    """A command of the bot's own (the topic shortcuts come from the knowledge base)."""

    name: str
    menu: Menu


START, HELP, TOPICS, ABOUT = "start", "help", "topics", "about"
ASK, LANGUAGE, PRIVACY, FORGET = "ask", "language", "privacy", "forget"
RELOAD, STATS = "reload", "stats"  # for ADMIN_IDS only
SOURCE, QUIT, EXIT = "source", "quit", "exit"  # the terminal chat's own

# In menu order. Their menu descriptions are the texts "command_<name>".
COMMANDS: tuple[Spec, ...] = (
    Spec(ASK, Menu.GROUPS),
    Spec(START, Menu.FIRST),
    Spec(HELP, Menu.FIRST),
    Spec(TOPICS, Menu.FIRST),
    Spec(LANGUAGE, Menu.LAST),
    Spec(PRIVACY, Menu.LAST),
    Spec(ABOUT, Menu.LAST),
    Spec(FORGET, Menu.NONE),
    Spec(RELOAD, Menu.NONE),
    Spec(STATS, Menu.NONE),
    Spec(SOURCE, Menu.NONE),
    Spec(QUIT, Menu.NONE),
    Spec(EXIT, Menu.NONE),
)
# The commands the engine answers (:func:`answer_command`), besides the topic shortcuts.
ENGINE_COMMANDS = (START, HELP, TOPICS, ABOUT)
RESERVED = frozenset(spec.name for spec in COMMANDS)


@dataclass(frozen=True)
class Command:
    """A parsed command line: ``/visits@KzItBot 2009`` is ``("visits", "kzitbot", "2009")``.

    Name and target are case-folded (Telegram's commands ignore case); the argument keeps
    its text. The target is ``""`` without an ``@``.
    """

    name: str
    target: str
    argument: str


def parse_command(text: str) -> Command | None:
    """The command ``text`` starts with, or None when it does not start with ``/``.

    As Telegram marks a command: its name and target are made of letters, digits and
    underscores, so ``/help?`` is ``/help`` with the argument ``?``. A slash before a word
    of other letters marks none ("/визиты 2009"): that is a question.
    """
    match = _COMMAND.match(text.strip())
    if match is None:
        return None
    name, target, argument = match.group("name", "target", "argument")
    if not name and argument[:1].isalpha():
        return None
    return Command(name.casefold(), (target or "").casefold(), argument.strip())


def valid_name(name: str) -> bool:
    """Whether ``name`` may be a command (Telegram's rule)."""
    return COMMAND_NAME.fullmatch(name) is not None


def topic_commands(topics: Iterable[Topic]) -> list[str]:
    """The topic ids that are commands: valid names, not taken by a command or an earlier topic.

    ``check`` refuses a knowledge base with any other; one built without it leaves them out.
    """
    taken = set(RESERVED)
    names: list[str] = []
    for topic in topics:
        if not valid_name(topic.id) or topic.id in taken:
            continue
        taken.add(topic.id)
        names.append(topic.id)
    return names


def menu(engine: Engine, lang: str, *, groups: bool = False) -> list[tuple[str, str]]:
    """The command menu in ``lang``, as (name, description): private chats', or groups' with ``/ask``."""
    by_place = {place: [s.name for s in COMMANDS if s.menu is place] for place in Menu}
    listed = [*by_place[Menu.GROUPS]] if groups else []
    items = [(name, engine.texts.get(f"command_{name}", lang)) for name in [*listed, *by_place[Menu.FIRST]]]
    topics = {t.id: t for t in engine.topics}
    for name in topic_commands(engine.topics):
        topic = topics[name]
        items.append((name, f"{topic.title.get(lang)}: {topic.description.get(lang)}"))
    items += [(name, engine.texts.get(f"command_{name}", lang)) for name in by_place[Menu.LAST]]
    return [(name, _shorten(description)) for name, description in items]


def answer_command(engine: Engine, name: str, argument: str = "", lang: str | None = None) -> Answer | None:
    """The engine's reply to ``/name argument`` (start, help, topics, about or a topic).

    In ``lang``, unless the argument shows its own language. None when the engine does not
    answer that command.
    """
    argument = argument.strip()
    lang = engine.language(argument, fallback=lang)
    topics = {t.id for t in engine.topics}
    if name == START:
        if argument in topics:
            return engine.topic(argument, lang=lang)
        return _text(engine.texts.get("welcome", lang, examples=_examples(engine, lang)), lang)
    if name in (HELP, TOPICS):
        return _text(engine.texts.get(name, lang, commands=_command_list(engine, lang)), lang)
    if name == ABOUT:
        return _text(engine.texts.get("about", lang), lang)
    if name in topics:
        return engine.topic(name, argument, lang)
    return None


def command_answer(engine: Engine, name: str, argument: str = "", lang: str | None = None) -> Answer:
    """The reply to ``/name argument``: the engine's, or :func:`unknown_command`."""
    answer = answer_command(engine, name, argument, lang) or asked_as_question(engine, name, argument, lang)
    return answer if answer is not None else unknown_command(engine, name, lang, argument)


def asked_as_question(
    engine: Engine, name: str, argument: str = "", lang: str | None = None
) -> Answer | None:
    """An unknown ``/name argument`` answered as the question its words make, if they answer one.

    "/commercio 2013 importazioni" is a command in the asker's language; "/weather" is not.
    """
    answer = engine.ask(f"{name} {argument}".strip(), fallback=lang)
    return answer if answer.outcome is Outcome.ANSWER else None


def unknown_command(engine: Engine, name: str, lang: str | None = None, argument: str = "") -> Answer:
    """Say ``/name`` is unknown (when ``texts.yaml`` has that text), then show the help.

    In ``lang``, unless the command's own words show theirs ("/commercio 2013 importazioni"
    is Italian). A bare ``/`` gets the help alone.
    """
    help_answer = help_reply(engine, engine.language(f"{name} {argument}", fallback=lang))
    if not name or UNKNOWN_COMMAND_TEXT not in engine.texts:
        return help_answer
    shown = shorten(f"/{name}", MAX_ECHOED_COMMAND)
    unknown = engine.texts.get(UNKNOWN_COMMAND_TEXT, help_answer.lang, command=shown)
    # Not a decline: the help that follows already says what the bot can do.
    return replace(help_answer, text=f"{unknown}\n\n{help_answer.text}")


def help_reply(engine: Engine, lang: str | None = None) -> Answer:
    """``/help`` in ``lang`` (the engine's default when None)."""
    lang = lang if lang in engine.languages else engine.default
    return _text(engine.texts.get(HELP, lang, commands=_command_list(engine, lang)), lang)


def _text(text: str, lang: str) -> Answer:
    return Answer(Outcome.ANSWER, text, lang=lang)


def _examples(engine: Engine, lang: str) -> str:
    return "\n".join(f"• {t.examples.first(lang, engine.default)}" for t in engine.topics)


def _command_list(engine: Engine, lang: str) -> str:
    return "\n".join(f"/{t.id} — {t.description.get(lang)}" for t in engine.topics)


def _shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """``text`` cut to ``limit`` characters at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
