"""Non-text messages in private chats (stickers, photos, voice, locations, …): a short hint."""

from __future__ import annotations

from telegram import Update

from handlers.context import AnyContext, get_engine
from handlers.language import fallback_language
from handlers.render import text_reply
from handlers.sending import send_reply


async def on_non_text(update: Update, context: AnyContext) -> None:
    """Say that the bot reads text questions only."""
    message = update.effective_message
    if message is None:
        return
    engine = get_engine(context)
    hint = engine.texts.get("non_text_hint", fallback_language(update, context, engine))
    await send_reply(message, text_reply(hint), quote=False)
