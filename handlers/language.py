"""Which language to reply in, and ``/language`` to choose one.

A message is answered in the language it is written in. One too short to tell ("Prodi?",
"2013", a command) keeps the language of the chat's previous reply, then the user's
choice from ``/language``, then the language of the user's Telegram app, then the default.
The user's choice lives in ``user_data``, which the runtime persists across restarts.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers.context import AnyContext, get_engine, in_group
from handlers.conversation import SEEN_KEY, now
from handlers.render import Reply, text_reply
from handlers.sending import send_reply
from knowledge import Engine

LANG_KEY = "lang"
LANG_PREFIX = "lang:"


def _stored(data: object) -> str | None:
    value = data.get(LANG_KEY) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def fallback_language(update: Update, context: AnyContext, engine: Engine) -> str:
    """The language for a message that does not show its own."""
    user = update.effective_user
    app_language = (user.language_code or "").split("-")[0].lower() if user else ""
    for code in (_stored(context.chat_data), _stored(context.user_data), app_language):
        if code and code in engine.languages:
            return code
    return engine.default


def reply_language(update: Update, context: AnyContext, engine: Engine, text: str = "") -> str:
    """The language to reply in: the text's own, else the fallback."""
    return engine.language(text, fallback=fallback_language(update, context, engine))


def remember(context: AnyContext, lang: str) -> None:
    """Remember the language of the chat's last reply (for a day: see :func:`conversation.prune`)."""
    if isinstance(context.chat_data, dict):
        context.chat_data[LANG_KEY] = lang
        context.chat_data[SEEN_KEY] = now(context)


def is_language_choice(data: object) -> bool:
    """Whether callback data is a /language button's."""
    return isinstance(data, str) and data.startswith(LANG_PREFIX)


def language_keyboard(engine: Engine) -> InlineKeyboardMarkup:
    """One button per language, each in its own name."""
    buttons = [
        InlineKeyboardButton(pack.name, callback_data=LANG_PREFIX + code)
        for code, pack in engine.corpus.languages.items()
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def language_menu(engine: Engine, lang: str) -> Reply:
    """The prompt to choose a language, with a button for each."""
    prompt = text_reply(engine.texts.get("language_prompt", lang))
    return Reply(prompt.chunks, language_keyboard(engine))


async def on_language(update: Update, context: AnyContext) -> None:
    """``/language``: offer the languages as buttons."""
    message = update.effective_message
    if message is None:
        return
    engine = get_engine(context)
    menu = language_menu(engine, fallback_language(update, context, engine))
    await send_reply(message, menu, quote=in_group(update))


async def on_language_chosen(update: Update, context: AnyContext) -> None:
    """A language button: make it the user's choice and confirm in that language."""
    query = update.callback_query
    if query is None:
        return
    engine = get_engine(context)
    code = (query.data or "").removeprefix(LANG_PREFIX)
    if code not in engine.languages:  # a button of a language since removed: offer those there are
        await query.answer()
        if query.message is not None:
            menu = language_menu(engine, fallback_language(update, context, engine))
            await send_reply(query.message, menu, quote=in_group(update))
        return
    if isinstance(context.user_data, dict):
        context.user_data[LANG_KEY] = code
    remember(context, code)
    confirmation = engine.texts.get("language_set", code)
    await query.answer()
    if query.message is not None:
        await send_reply(query.message, text_reply(confirmation), quote=in_group(update))
