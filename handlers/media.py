"""Non-text messages in private chats (stickers, photos, voice, locations, …): a short hint."""

from __future__ import annotations

from telegram import Update

from handlers.context import AnyContext, get_engine
from handlers.render import text_reply
from handlers.sending import send_reply


async def on_non_text(update: Update, context: AnyContext) -> None:
    """Say that the bot reads text questions only."""
    message = update.effective_message
    if message is None:
        return
    await send_reply(message, text_reply(get_engine(context).texts.get("non_text_hint")), quote=False)
