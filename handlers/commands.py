"""Commands: /start, /help, /topics, /about, the topic shortcuts, and unknown commands.

``/start trade`` (a deep link) opens a topic; ``/visits 2009`` filters one; an unknown
command gets a line saying so, then the help.
"""

from __future__ import annotations

from telegram import Message, Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.filters import command_parts
from handlers.inline import QUESTION_START, pending_questions
from handlers.keyboards import SOURCE_START
from handlers.language import fallback_language, remember
from handlers.questions import ask_question
from handlers.render import Reply, answer_reply, source_reply, text_reply
from handlers.sending import send_reply
from knowledge import Answer, Engine, Outcome
from knowledge.textbook import shorten

# The engine's own commands; the topic shortcuts come from the knowledge base.
START_COMMAND = "start"
ENGINE_COMMANDS = (START_COMMAND, "help", "topics", "about")
ASK_COMMAND = "ask"
# An unknown command is echoed back; Telegram allows 32 characters, users may type more.
MAX_ECHOED_COMMAND = 40


def command_answer(engine: Engine, name: str, argument: str, lang: str | None = None) -> Answer:
    """The answer to ``/name argument``: the engine's, or "unknown command" and the help.

    In ``lang``, unless the argument shows its own language.
    """
    answer = engine.command(name, argument, lang=lang)
    return answer if answer is not None else unknown_command(engine, name, lang)


def command_reply(engine: Engine, name: str, argument: str, lang: str | None = None) -> Reply:
    """The reply to ``/name argument`` (see :func:`command_answer`)."""
    return answer_reply(command_answer(engine, name, argument, lang), engine.texts)


def unknown_command(engine: Engine, name: str, lang: str | None = None) -> Answer:
    """Say the command is unknown, then show the help."""
    help_answer = engine.command("help", lang=lang)
    help_text = help_answer.text if help_answer is not None else ""
    lang = help_answer.lang if help_answer is not None else engine.default
    unknown = engine.texts.get("unknown_command", lang, command=shorten(f"/{name}", MAX_ECHOED_COMMAND))
    # Not a decline: the help that follows already says what the bot can do.
    return Answer(Outcome.ANSWER, f"{unknown}\n\n{help_text}".strip(), lang=lang)


async def _deep_link(update: Update, context: AnyContext, message: Message, argument: str) -> None:
    """A deep link from inline mode: a "Source" button, or a question to ask here.

    ``/start src-<entry>`` sends the entry's source; ``/start q-<key>`` asks the question an
    inline query could not answer there (a welcome if it has been forgotten since).
    """
    engine = get_engine(context)
    lang = fallback_language(update, context, engine)
    if argument.startswith(QUESTION_START):
        question = pending_questions(context).get(argument.removeprefix(QUESTION_START))
        if question is not None:
            await ask_question(update, context, message, question)
            return
        reply = command_reply(engine, START_COMMAND, "", lang)  # forgotten since: welcome
    else:
        source = engine.source(argument.removeprefix(SOURCE_START), lang)
        reply = source_reply(source) if source else text_reply(engine.texts.get("stale_choice", lang))
    await send_reply(message, reply, quote=in_group(update))


async def on_command(update: Update, context: AnyContext) -> None:
    """Run any command addressed to the bot, known or not.

    The same callback serves the engine's commands, the topic shortcuts and the catch-all
    for other commands: a topic added by a reloaded knowledge base then works as a command
    too (in private chats, or as ``/topic@ThisBot`` in groups).
    """
    message = update.effective_message
    parts = command_parts(message) if message is not None else None
    if message is None or parts is None:
        return
    name, _, argument = parts
    engine = get_engine(context)
    if name == START_COMMAND and argument.startswith((SOURCE_START, QUESTION_START)):
        await _deep_link(update, context, message, argument)
        return
    answer = command_answer(engine, name, argument, fallback_language(update, context, engine))
    remember(context, answer.lang)
    await send_reply(message, answer_reply(answer, engine.texts), quote=in_group(update))
