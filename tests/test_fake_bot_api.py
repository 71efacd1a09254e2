"""The fake Bot API server itself (tests/doubles/bot_api.py), called over HTTP with httpx."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.doubles.bot_api import FakeBotApi
from tests.doubles.objects import group_chat, inline_buttons, text_entities, user
from tests.doubles.rules import call_problems

ANN = user(1001, "Ann")


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    """The server, without conftest's check that Telegram accepts every call: these tests try both."""
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5.0) as http:
        yield http


async def call(client: httpx.AsyncClient, fake: FakeBotApi, method: str, **params: Any) -> Any:
    """Call a method with a JSON body; the ``result`` of a successful answer."""
    response = await client.post(fake.method_url(method), json=params)
    body = response.json()
    assert response.status_code == 200, body
    assert body["ok"] is True
    return body["result"]


async def error(client: httpx.AsyncClient, fake: FakeBotApi, method: str, **params: Any) -> tuple[int, str]:
    """Call a method that must fail: the HTTP status and the description."""
    response = await client.post(fake.method_url(method), json=params)
    body = response.json()
    assert body["ok"] is False
    assert body["error_code"] == response.status_code
    return response.status_code, body["description"]


def loop_time() -> float:
    return asyncio.get_running_loop().time()


async def test_base_url_is_loopback_and_get_me(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    assert fake.base_url == f"http://127.0.0.1:{fake.port}/bot"
    me = await call(client, fake, "getMe")
    assert me["username"] == "KzItBot"
    assert me["is_bot"] is True
    assert me["id"] == 123456
    assert me["supports_inline_queries"] is True
    assert [c.method for c in fake.calls()] == ["getMe"]


async def test_wrong_token_is_401_and_malformed_token_or_path_is_404(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    other = "654321:" + "B" * 35
    response = await client.post(fake.method_url("getMe", token=other))
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    for url in (fake.method_url("getMe", token="nonsense"), f"http://127.0.0.1:{fake.port}/getMe"):
        response = await client.get(url)
        assert response.status_code == 404
        assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert fake.calls() == []  # only authorised calls are recorded


async def test_unknown_method_is_a_telegram_404(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    assert await error(client, fake, "sendTelepathy", chat_id=1) == (404, "Not Found")
    assert fake.calls("sendTelepathy")[0].status == 404


async def test_form_bodies_are_decoded_like_json(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.push_message("hi", user=ANN)
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "pick:x"}]]}
    form = {"chat_id": "1001", "text": "2013", "reply_markup": json.dumps(markup), "parse_mode": "HTML"}
    response = await client.post(fake.method_url("sendMessage"), data=form)
    assert response.status_code == 200, response.text
    (sent,) = fake.calls("sendMessage")
    assert sent.params == {"chat_id": 1001, "text": "2013", "reply_markup": markup, "parse_mode": "HTML"}
    assert sent.result["text"] == "2013"  # a text stays a string even when it looks like a number
    assert sent.result["reply_markup"] == markup
    assert inline_buttons(sent.result) == markup["inline_keyboard"][0]


async def test_get_updates_returns_as_soon_as_an_update_is_pushed(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    start = loop_time()
    poll = asyncio.create_task(client.post(fake.method_url("getUpdates"), json={"timeout": 5}))
    await fake.wait_until(lambda: bool(fake.calls("getUpdates")), 2, "the long poll")
    await asyncio.sleep(0.05)
    assert not poll.done()  # waiting, with nothing to return
    fake.push_message("When did Prodi visit Kazakhstan?", user=ANN)
    response = await asyncio.wait_for(poll, 2)
    assert loop_time() - start < 1.0
    (update,) = response.json()["result"]
    assert update["update_id"] == 1
    assert update["message"]["text"] == "When did Prodi visit Kazakhstan?"
    assert update["message"]["chat"] == {"id": 1001, "type": "private", "first_name": "Ann"}
    assert fake.delivered == {1: 1}


async def test_get_updates_timeout_returns_empty(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    start = loop_time()
    assert await call(client, fake, "getUpdates", timeout=0.3) == []
    assert 0.25 <= loop_time() - start < 1.5
    start = loop_time()
    assert await call(client, fake, "getUpdates") == []  # no timeout: a short poll
    assert loop_time() - start < 0.2


async def test_offset_confirms_and_limit_caps(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    for n in range(5):
        fake.push_message(f"q{n}", user=ANN)
    first = await call(client, fake, "getUpdates", limit=2)
    assert [u["update_id"] for u in first] == [1, 2]
    again = await call(client, fake, "getUpdates", limit=2)
    assert [u["update_id"] for u in again] == [1, 2]  # not confirmed yet: delivered again
    rest = await call(client, fake, "getUpdates", offset=3)
    assert [u["update_id"] for u in rest] == [3, 4, 5]
    assert await call(client, fake, "getUpdates", offset=6) == []
    assert await call(client, fake, "getUpdates") == []  # confirmed updates are gone for good
    assert fake.delivered == {1: 2, 2: 2, 3: 1, 4: 1, 5: 1}


async def test_negative_offset_keeps_the_last_updates(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    for n in range(3):
        fake.push_message(f"q{n}", user=ANN)
    assert [u["update_id"] for u in await call(client, fake, "getUpdates", offset=-1)] == [3]
    assert [u["update_id"] for u in await call(client, fake, "getUpdates")] == [3]


async def test_allowed_updates_filter(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.push_message("hello", user=ANN)
    fake.push_inline_query("trade", user=ANN)
    updates = await call(client, fake, "getUpdates", allowed_updates=["inline_query"])
    assert [("inline_query" in u) for u in updates] == [True]


async def test_a_second_long_poll_ends_the_first_with_409(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    first = asyncio.create_task(client.post(fake.method_url("getUpdates"), json={"timeout": 5}))
    await fake.wait_until(lambda: len(fake.calls("getUpdates")) == 1, 2, "the first long poll")
    second = asyncio.create_task(client.post(fake.method_url("getUpdates"), json={"timeout": 0.2}))
    response = await asyncio.wait_for(first, 2)
    assert response.status_code == 409
    assert "terminated by other getUpdates request" in response.json()["description"]
    assert (await asyncio.wait_for(second, 2)).json()["result"] == []


async def test_closing_ends_a_waiting_long_poll(client: httpx.AsyncClient) -> None:
    async with FakeBotApi() as fake:
        poll = asyncio.create_task(client.post(fake.method_url("getUpdates"), json={"timeout": 10}))
        await asyncio.sleep(0.05)
        start = loop_time()
    try:
        response = await asyncio.wait_for(poll, 3)
    except httpx.HTTPError:
        pass  # the connection closed before the answer: fine
    else:
        assert response.json()["result"] == []
    assert loop_time() - start < 2.5


async def test_fail_next_fails_exactly_count_calls(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.push_message("hi", user=ANN)
    fake.fail_next("sendMessage", 500, count=2)
    assert await error(client, fake, "sendMessage", chat_id=1001, text="a") == (500, "Internal Server Error")
    assert await error(client, fake, "sendMessage", chat_id=1001, text="b") == (500, "Internal Server Error")
    sent = await call(client, fake, "sendMessage", chat_id=1001, text="c")
    assert sent["text"] == "c"
    assert [c.status for c in fake.calls("sendMessage")] == [500, 500, 200]
    assert [m["text"] for m in fake.sent_messages(1001)] == ["c"]
    assert await call(client, fake, "getMe")  # other methods are not affected


async def test_fail_next_429_carries_retry_after(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.fail_next("getMe", 429, retry_after=3)
    response = await client.post(fake.method_url("getMe"))
    assert response.status_code == 429
    assert response.json()["parameters"] == {"retry_after": 3}
    assert response.json()["description"] == "Too Many Requests: retry after 3"


async def test_send_message_checks_the_rules_then_the_chat(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    fake.push_message("hi", user=ANN)
    assert await error(client, fake, "sendMessage", chat_id=999, text="x") == (
        400,
        "Bad Request: chat not found",
    )
    assert fake.calls()[-1].problems == []
    long_data = {"inline_keyboard": [[{"text": "x", "callback_data": "p" * 65}]]}
    for params in (
        {"text": "  "},
        {"text": "x" * 4097},
        {"text": "a < b", "parse_mode": "HTML"},
        {"text": "x", "reply_markup": long_data},
    ):
        problems = call_problems("sendMessage", {"chat_id": 1001, **params})
        assert problems
        assert await error(client, fake, "sendMessage", chat_id=1001, **params) == (
            400,
            "Bad Request: " + "; ".join(problems),
        )
        assert fake.calls()[-1].problems == problems
    assert fake.sent_messages() == fake.posted == []
    sent = await call(
        client, fake, "sendMessage", chat_id=1001, text="<b>1998</b> &amp; 2007", parse_mode="HTML"
    )
    assert sent["text"] == "1998 & 2007"
    assert sent["from"]["username"] == "KzItBot"
    other = await call(client, fake, "sendMessage", chat_id=1001, text="next")
    assert other["message_id"] > sent["message_id"]


def test_text_entities_use_utf16_offsets() -> None:
    assert text_entities("/trade@KzItBot 2013") == [{"type": "bot_command", "offset": 0, "length": 14}]
    assert text_entities("🇮🇹 @KzItBot hi") == [{"type": "mention", "offset": 5, "length": 8}]
    assert text_entities("a/b and mail@KzItBot") == []


async def test_callback_and_inline_queries_are_answered_once(
    fake: FakeBotApi, client: httpx.AsyncClient
) -> None:
    message = fake.push_message("agreement", user=ANN)
    query_id = fake.push_callback_query("pick:x", user=ANN, message=message)
    assert await call(client, fake, "answerCallbackQuery", callback_query_id=query_id) is True
    status, description = await error(client, fake, "answerCallbackQuery", callback_query_id=query_id)
    assert status == 400 and "query ID is invalid" in description

    inline_id = fake.push_inline_query("trade", user=ANN)
    article = {
        "type": "article",
        "id": "a" * 65,
        "title": "Trade",
        "input_message_content": {"message_text": "x"},
    }
    status, description = await error(
        client, fake, "answerInlineQuery", inline_query_id=inline_id, results=[article]
    )
    assert status == 400 and "1-64 bytes" in description
    ok = [{**article, "id": str(n)} for n in range(50)]
    assert await call(client, fake, "answerInlineQuery", inline_query_id=inline_id, results=ok) is True
    status, description = await error(
        client, fake, "answerInlineQuery", inline_query_id=inline_id, results=ok
    )
    assert status == 400 and "query ID is invalid" in description


async def test_edits_and_set_my_commands(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    fake.push_message("hi", user=ANN)
    feedback = [{"text": "👍", "callback_data": "fb:+:1"}]
    markup = {"inline_keyboard": [[{"text": "Source", "callback_data": "src:x"}], feedback]}
    sent = await call(client, fake, "sendMessage", chat_id=1001, text="answer", reply_markup=markup)
    fewer = {"inline_keyboard": markup["inline_keyboard"][:1]}
    edit = {"chat_id": 1001, "message_id": sent["message_id"]}
    edited = await call(client, fake, "editMessageReplyMarkup", **edit, reply_markup=fewer)
    assert edited["reply_markup"] == fewer and edited["text"] == "answer"
    _, description = await error(client, fake, "editMessageReplyMarkup", **edit, reply_markup=fewer)
    assert description.startswith("Bad Request: message is not modified")  # a double press
    assert "reply_markup" not in await call(client, fake, "editMessageReplyMarkup", **edit)
    _, description = await error(client, fake, "editMessageReplyMarkup", **edit)
    assert description.startswith("Bad Request: message is not modified")
    _, description = await error(client, fake, "editMessageReplyMarkup", chat_id=1001, message_id=1)
    assert description == "Bad Request: message can't be edited"  # message 1 is Ann's, not the bot's
    _, description = await error(client, fake, "editMessageReplyMarkup", chat_id=1001, message_id=99)
    assert description == "Bad Request: message to edit not found"

    commands = [{"command": "trade", "description": "Trade"}]
    assert await call(client, fake, "setMyCommands", commands=commands, scope={"type": "all_group_chats"})
    status, description = await error(
        client, fake, "setMyCommands", commands=[{"command": "Bad-Name", "description": "x"}]
    )
    assert status == 400 and "a-z 0-9" in description


async def test_webhook_and_get_updates_conflict(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    _, description = await error(client, fake, "setWebhook", url="http://127.0.0.1:1/hook")
    assert "HTTPS" in description
    assert fake.webhook is None
    assert await call(client, fake, "setWebhook", url="https://bot.example/hook", secret_token="s3cr3t_TOKEN")
    assert fake.webhook == {"url": "https://bot.example/hook", "secret_token": "s3cr3t_TOKEN"}
    status, description = await error(client, fake, "getUpdates")
    assert status == 409 and "webhook is active" in description
    assert await call(client, fake, "deleteWebhook") is True
    assert await call(client, fake, "getUpdates") == []


async def test_wait_for_and_assert_no_call(fake: FakeBotApi, client: httpx.AsyncClient) -> None:
    chat = group_chat(-100123)
    fake.push_message("hi all", user=ANN, chat=chat)

    async def later() -> None:
        await asyncio.sleep(0.05)
        await call(client, fake, "sendMessage", chat_id=-100123, text="answer")

    task = asyncio.create_task(later())
    (sent,) = await fake.wait_for("sendMessage", timeout=2)
    await task
    assert sent.result["chat"] == chat
    with pytest.raises(AssertionError, match=r"waited 0\.1s for 2 sendMessage"):
        await fake.wait_for("sendMessage", count=2, timeout=0.1)
    await fake.assert_no_call("sendMessage", within=0.05)
    task = asyncio.create_task(later())
    with pytest.raises(AssertionError, match="unexpected sendMessage"):
        await fake.assert_no_call("sendMessage", within=2)
    await task
