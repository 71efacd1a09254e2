"""End to end in webhook mode: the real application serves its webhook on 127.0.0.1.

The application starts as ``run_webhook`` does, with the webhook settings of ``bot.run``; it
registers the webhook with the fake Bot API (setWebhook, with the secret), and the test posts
updates to the webhook as Telegram would, with httpx.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from telegram import Update

from bot.app import build_application
from bot.settings import Settings
from knowledge import Engine
from tests.doubles.bot_api import FakeBotApi, running
from tests.doubles.objects import text_message, user

SECRET = "s3cr3t_TOKEN"
PATH = "hook"
# Telegram only accepts an https webhook URL; Telegram would post there, this test posts locally.
PUBLIC_URL = "https://bot.example.com/hook"
WAIT = 5.0
QUIET = 0.3
PRODI = "When did Prodi visit Kazakhstan?"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
async def webhook(
    engine: Engine, fake_settings: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> AsyncIterator[str]:
    """The application serving its webhook; yields the local URL to post updates to."""
    settings = fake_settings(
        webhook_url=PUBLIC_URL,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=free_port(),
        webhook_path=PATH,
    )
    app = build_application(settings, engine)
    updater = app.updater
    assert updater is not None and settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value()

    async def start_webhook() -> None:
        # The arguments bot.app.run gives run_webhook.
        await updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )

    with caplog.at_level(logging.WARNING):
        async with running(app, start_webhook):
            yield f"http://127.0.0.1:{settings.webhook_port}/{PATH}"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=WAIT) as http:
        yield http


def question(fake: FakeBotApi, text: str, user_id: int) -> dict[str, Any]:
    """An update with a private message, as Telegram posts it to a webhook."""
    return fake.new_update({"message": text_message(text, user=user(user_id))})


async def test_start_registers_the_webhook_with_the_secret(fake: FakeBotApi, webhook: str) -> None:
    (set_webhook,) = fake.calls("setWebhook")
    assert set_webhook.ok, set_webhook.error
    assert set_webhook.params["url"] == PUBLIC_URL
    assert set_webhook.params["secret_token"] == SECRET
    assert set(set_webhook.params["allowed_updates"]) == set(Update.ALL_TYPES)
    assert fake.calls("getUpdates") == []  # a webhook bot never polls
    assert fake.webhook is not None


async def test_an_update_without_the_secret_is_refused(
    fake: FakeBotApi, webhook: str, client: httpx.AsyncClient
) -> None:
    response = await client.post(webhook, json=question(fake, PRODI, 7001))
    assert response.status_code == 403
    await fake.assert_no_call("sendMessage", within=QUIET)


async def test_an_update_with_a_wrong_secret_is_refused(
    fake: FakeBotApi, webhook: str, client: httpx.AsyncClient
) -> None:
    for wrong in ("s3cr3t_token", "x", SECRET + "x"):
        headers = {"X-Telegram-Bot-Api-Secret-Token": wrong}
        response = await client.post(webhook, json=question(fake, PRODI, 7002), headers=headers)
        assert response.status_code == 403, wrong
    await fake.assert_no_call("sendMessage", within=QUIET)


async def test_an_update_with_the_secret_is_answered(
    fake: FakeBotApi, webhook: str, client: httpx.AsyncClient
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await client.post(webhook, json=question(fake, PRODI, 7003), headers=headers)
    assert response.status_code == 200
    (reply,) = await fake.wait_for("sendMessage", timeout=WAIT)
    assert reply.ok, reply.error
    assert reply.params["chat_id"] == 7003
    assert reply.params["parse_mode"] == "HTML"
    assert "1998" in reply.result["text"] and "2007" in reply.result["text"]
    await fake.assert_no_call("sendMessage", within=QUIET)


async def test_refused_then_accepted(fake: FakeBotApi, webhook: str, client: httpx.AsyncClient) -> None:
    update = question(fake, "trade turnover in 2013?", 7004)
    assert (await client.post(webhook, json=update)).status_code == 403
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    assert (await client.post(webhook, json=update, headers=headers)).status_code == 200
    (reply,) = await fake.wait_for("sendMessage", timeout=WAIT)
    assert "2013" in reply.result["text"]


async def test_another_path_is_not_the_webhook(webhook: str, client: httpx.AsyncClient) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    response = await client.post(webhook.removesuffix(PATH) + "other", json={}, headers=headers)
    assert response.status_code == 404
