"""Updates run concurrently across chats and in order within one (bot/updates.py)."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.updates import PerChatUpdateProcessor
from tests.doubles.objects import TOKEN
from tests.doubles.recording import Updates


async def test_one_chat_in_order_other_chats_meanwhile() -> None:
    processor = PerChatUpdateProcessor()
    bot = Bot(TOKEN)
    alice, bob = Updates(bot, user_id=1), Updates(bot, user_id=2)
    done: list[str] = []
    release = asyncio.Event()

    async def handle(name: str, wait: bool) -> None:
        if wait:
            await release.wait()  # a send being retried, say
        done.append(name)

    tasks = [
        asyncio.create_task(processor.process_update(alice.private_text("1"), handle("alice 1", True))),
        asyncio.create_task(processor.process_update(alice.private_text("2"), handle("alice 2", False))),
        asyncio.create_task(processor.process_update(bob.private_text("1"), handle("bob 1", False))),
    ]
    await asyncio.sleep(0.05)
    assert done == ["bob 1"]  # Bob is not held up by Alice's slow first message
    assert processor.chats == 1  # Alice's: her first runs, her second waits
    release.set()
    await asyncio.gather(*tasks)
    assert done == ["bob 1", "alice 1", "alice 2"]  # Alice's second never overtakes her first
    assert processor.chats == 0  # nothing kept for idle chats


async def test_many_updates_of_one_chat_keep_their_order() -> None:
    processor = PerChatUpdateProcessor()
    updates = Updates(Bot(TOKEN), user_id=1)
    done: list[int] = []

    async def handle(number: int) -> None:
        await asyncio.sleep(0.001 * (number % 3))  # uneven work
        done.append(number)

    await asyncio.gather(
        *(processor.process_update(updates.private_text(str(n)), handle(n)) for n in range(50))
    )
    assert done == list(range(50))


def test_the_bot_uses_it(engine: object) -> None:
    from bot.app import build_application
    from bot.settings import Settings
    from knowledge import Engine
    from tests.doubles.recording import RecordingRequest

    assert isinstance(engine, Engine)
    request = RecordingRequest()
    settings = Settings(_env_file=None, telegram_bot_token=TOKEN, log_questions=False)
    app = build_application(settings, engine, request=request, get_updates_request=request, persist=False)
    assert isinstance(app.update_processor, PerChatUpdateProcessor)
