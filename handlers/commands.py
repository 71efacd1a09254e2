"""Commands: /start, /help, /topics, /about, the topic shortcuts, and unknown commands.

``/start trade`` (a deep link) opens a topic; ``/visits 2009`` filters one; an unknown
command gets a line saying so, then the help.
"""

from __future__ import annotations

from telegram import Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.filters import command_parts
from handlers.render import Reply, answer_reply
from handlers.sending import send_reply
from knowledge import Answer, Engine, Outcome
from knowledge.textbook import shorten

# The engine's own commands; the topic shortcuts come from the knowledge base.
ENGINE_COMMANDS = ("start", "help", "topics", "about")
ASK_COMMAND = "ask"
# An unknown command is echoed back; Telegram allows 32 characters, users may type more.
MAX_ECHOED_COMMAND = 40


def command_reply(engine: Engine, name: str, argument: str) -> Reply:
    """The reply to ``/name argument``: the engine's, or "unknown command" and the help."""
    answer = engine.command(name, argument)
    if answer is None:
        answer = unknown_command(engine, name)
    return answer_reply(answer, engine.texts)


def unknown_command(engine: Engine, name: str) -> Answer:
    """Say the command is unknown, then show the help."""
    help_answer = engine.command("help")
    help_text = help_answer.text if help_answer is not None else ""
    unknown = engine.texts.get("unknown_command", command=shorten(f"/{name}", MAX_ECHOED_COMMAND))
    # Not a decline: the help that follows already says what the bot can do.
    return Answer(Outcome.ANSWER, f"{unknown}\n\n{help_text}".strip())


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
    await send_reply(message, command_reply(get_engine(context), name, argument), quote=in_group(update))
