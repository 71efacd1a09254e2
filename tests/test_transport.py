"""The bot's transport (bot/transport.py), over real HTTP against the fake Bot API."""

from __future__ import annotations

import socket
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut

from bot.transport import AiohttpRequest
from tests.doubles.bot_api import FakeBotApi, Fault
from tests.doubles.objects import TOKEN, private_chat, user

ASKER = user(7, "Aigerim")
SHORT = 0.3  # seconds: a timeout the tests wait out


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    """A bot on ``fake`` through the transport, with short read timeouts."""
    fake.chats[ASKER["id"]] = private_chat(ASKER)
    request, updates = AiohttpRequest(8, read_timeout=SHORT), AiohttpRequest(1, read_timeout=SHORT)
    async with Bot(TOKEN, base_url=fake.base_url, request=request, get_updates_request=updates) as bot:
        yield bot


async def test_parameters_go_as_one_json_body(fake: FakeBotApi, bot: Bot) -> None:
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data="v:1")]])
    sent = await bot.send_message(ASKER["id"], "Қазақстан — Italia: «товарооборот»", reply_markup=buttons)
    [call] = fake.calls("sendMessage")
    assert call.content_type == "application/json"
    assert call.params["text"] == "Қазақстан — Italia: «товарооборот»"
    assert call.params["reply_markup"] == {"inline_keyboard": [[{"text": "👍", "callback_data": "v:1"}]]}
    assert sent.text == "Қазақстан — Italia: «товарооборот»"  # the answer, parsed by the library


async def test_a_call_with_a_file_goes_as_multipart_form_data(fake: FakeBotApi, bot: Bot) -> None:
    certificate = InputFile(b"-----BEGIN CERTIFICATE-----\n", filename="cert.pem")
    assert await bot.set_webhook("https://bot.example.com/hook", certificate=certificate)
    [call] = fake.calls("setWebhook")
    assert call.content_type.startswith("multipart/form-data; boundary=")
    assert fake.webhook is not None and fake.webhook["url"] == "https://bot.example.com/hook"


async def test_an_answer_slower_than_the_read_timeout_is_timed_out(fake: FakeBotApi, bot: Bot) -> None:
    fake.inject("sendMessage", [Fault.slow(5.0)])
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(ASKER["id"], "hello")
    assert time.monotonic() - started < 3.0  # the read timeout, not the server's delay


async def test_a_call_s_own_timeout_wins_over_the_transport_s(fake: FakeBotApi, bot: Bot) -> None:
    fake.inject("sendMessage", [Fault.slow(2 * SHORT, then=504)])
    # Longer than the server's delay: the answer (504, a NetworkError) arrives in time.
    with pytest.raises(NetworkError) as raised:
        await bot.send_message(ASKER["id"], "hello", read_timeout=10 * SHORT)
    assert not isinstance(raised.value, TimedOut)


async def test_a_connection_closed_without_an_answer_is_a_network_error(fake: FakeBotApi, bot: Bot) -> None:
    fake.inject("sendMessage", [Fault.drop()])
    with pytest.raises(NetworkError, match=r"^aiohttp\.\w+"):
        await bot.send_message(ASKER["id"], "hello")
    await bot.send_message(ASKER["id"], "again")  # the transport goes on with a new connection
    assert [call.ok for call in fake.calls("sendMessage")] == [False, True]


async def test_a_server_that_refuses_connections_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with AiohttpRequest() as request:
        with pytest.raises(NetworkError, match=r"^aiohttp\.ClientConnectorError: Cannot connect"):
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")


async def test_a_transport_works_only_between_initialize_and_shutdown() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless: a failed start closes it again
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
    assert request.read_timeout == 5.0  # python-telegram-bot's default


async def test_a_proxy_named_in_the_environment_carries_the_calls(
    fake: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake stands in for the proxy: it gets the call for a server that does not exist, and
    # answers 404 (it serves only its own paths), where without the proxy the name would not resolve.
    monkeypatch.setenv("HTTP_PROXY", fake.base_url.rsplit("/", 1)[0])
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with AiohttpRequest() as request:
        status, _ = await request.do_request(f"http://bot-api.invalid/bot{TOKEN}/getMe", "POST")
    assert status == 404


async def test_no_proxy_exempts_a_server(fake: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:1")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with AiohttpRequest() as request:
        status, _ = await request.do_request(fake.method_url("getMe"), "POST")
    assert status == 200
