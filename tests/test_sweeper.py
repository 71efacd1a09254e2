"""Idle chats and users with nothing kept are forgotten, so memory does not grow with every user."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram.ext import ApplicationBuilder

import handlers
from bot.sweeper import sweep, sweeper
from handlers.conversation import IDLE_SECONDS, THREADS_KEY
from handlers.language import LANG_KEY, LANG_PREFIX
from knowledge import Engine
from knowledge.followup import CONTEXT_SECONDS
from tests.doubles.objects import TOKEN, USER_ID
from tests.doubles.recording import FakeClock, Harness, RecordingRequest, Updates

OTHER_USER = USER_ID + 1


@pytest.fixture
async def bot(engine: Engine) -> AsyncIterator[Harness]:
    fake = RecordingRequest()
    app = ApplicationBuilder().token(TOKEN).request(fake).get_updates_request(fake).build()
    clock = FakeClock()
    handlers.register(app, engine, clock=clock)
    async with app:
        yield Harness(app, fake, Updates(app.bot), clock, engine)


async def _talk(bot: Harness) -> None:
    """One user asks in private and then chooses Kazakh; another asks once."""
    await bot.send(bot.updates.private_text("When were diplomatic relations established?"))
    await bot.send(bot.updates.callback(f"{LANG_PREFIX}kk"))
    other = Updates(bot.app.bot, OTHER_USER)
    await bot.send(other.private_text("Who is the Italian ambassador?"))


async def test_nothing_is_forgotten_while_chats_are_active(bot: Harness) -> None:
    await _talk(bot)
    bot.clock.now += 60
    assert sweep(bot.app) == (0, 1)  # only the user who chose nothing
    assert set(bot.app.chat_data) == {USER_ID, OTHER_USER}
    assert bot.app.chat_data[USER_ID][THREADS_KEY]  # the conversation goes on
    assert bot.app.user_data[USER_ID][LANG_KEY] == "kk"
    assert OTHER_USER not in bot.app.user_data


async def test_an_ended_conversation_goes_but_the_chat_keeps_its_language(bot: Harness) -> None:
    await _talk(bot)
    bot.clock.now += CONTEXT_SECONDS + 1
    sweep(bot.app)
    assert bot.app.chat_data[OTHER_USER][THREADS_KEY] == {}
    assert bot.app.chat_data[OTHER_USER][LANG_KEY] == "en"


async def test_a_chat_idle_for_a_day_is_forgotten_but_a_chosen_language_stays(bot: Harness) -> None:
    await _talk(bot)
    bot.clock.now += IDLE_SECONDS + 1
    assert sweep(bot.app) == (2, 1)
    assert dict(bot.app.chat_data) == {}
    assert dict(bot.app.user_data) == {USER_ID: {LANG_KEY: "kk"}}
    assert await bot.texts(bot.updates.private_text("2013"))  # a fresh start …
    assert bot.app.chat_data[USER_ID][LANG_KEY] == "kk"  # … in the language the user chose


async def test_the_sweeper_sweeps_until_stopped(bot: Harness) -> None:
    await _talk(bot)
    bot.clock.now += IDLE_SECONDS + 1
    sweeping = sweeper(bot.app, every=0.01)
    await sweeping.start()
    for _ in range(100):
        if not bot.app.chat_data:
            break
        await asyncio.sleep(0.01)
    await sweeping.stop()
    assert dict(bot.app.chat_data) == {}
    await bot.send(bot.updates.private_text("2013"))
    bot.clock.now += IDLE_SECONDS + 1
    await asyncio.sleep(0.05)
    assert USER_ID in bot.app.chat_data  # stopped: nothing more is forgotten
