"""Commands: /start, /help, /topics, /about, the topic shortcuts, and unknown commands.

``/start trade`` (a deep link) opens a topic; ``/visits 2009`` filters one; an unknown
command gets a line saying so, then the help.
"""

from __future__ import annotations

from telegram import Message, Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.filters import command_of
from handlers.inline import QUESTION_START, pending_questions
from handlers.keyboards import SOURCE_START
from handlers.language import fallback_language, remember
from handlers.questions import ask_question
from handlers.render import Reply, answer_reply, source_reply, text_reply
from handlers.sending import send_reply
from knowledge import Engine
from knowledge.commands import START, command_answer


def command_reply(engine: Engine, name: str, argument: str, lang: str | None = None) -> Reply:
    """The reply to ``/name argument``: the engine's, or "unknown command" and the help."""
    return answer_reply(command_answer(engine, name, argument, lang), engine.texts)


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
        reply = command_reply(engine, START, "", lang)  # forgotten since: welcome
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
    command = command_of(message) if message is not None else None
    if message is None or command is None:
        return
    name, argument = command.name, command.argument
    engine = get_engine(context)
    if name == START and argument.startswith((SOURCE_START, QUESTION_START)):
        await _deep_link(update, context, message, argument)
        return
    answer = command_answer(engine, name, argument, fallback_language(update, context, engine))
    remember(context, answer.lang)
    await send_reply(message, answer_reply(answer, engine.texts), quote=in_group(update))
