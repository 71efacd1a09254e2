"""End to end in webhook mode: the real application serves its webhook on 127.0.0.1.

The application starts as ``run_webhook`` does, with the webhook settings of ``bot.run``; it
registers the webhook with the fake Bot API (setWebhook, with the secret), and the test posts
updates to the webhook as Telegram would, with httpx.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from telegram import Update

from bot.app import build_application
from bot.logs import REFUSED_INTERVAL, SECRET_HEADER, log_refused_webhooks
from bot.settings import Settings
from knowledge import Engine
from tests.doubles.bot_api import FakeBotApi, running
from tests.doubles.objects import text_message, user
from tests.doubles.recording import FakeClock

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
            url_path=settings.webhook_url_path,
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


class Records(logging.Handler):
    """Every record that reaches the root logger, whatever its level (as the bot's own handler)."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def refusals(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.getMessage().startswith("Refused")]


@pytest.fixture
def refusals() -> Iterator[tuple[Records, FakeClock]]:
    """What reaches the root logger while refused webhook requests are warned about (as ``run`` does)."""
    clock, records, root = FakeClock(), Records(), logging.getLogger()
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(records)
    undo = log_refused_webhooks(clock=clock)
    yield records, clock
    undo()
    root.removeHandler(records)
    root.setLevel(level)


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


async def test_refused_requests_are_warned_about_once_a_minute_with_a_count(
    fake: FakeBotApi, webhook: str, client: httpx.AsyncClient, refusals: tuple[Records, FakeClock]
) -> None:
    records, clock = refusals
    wrong = {SECRET_HEADER: "not-the-secret"}
    for headers in ({}, {}, wrong, {}, wrong):
        response = await client.post(webhook, json=question(fake, PRODI, 7005), headers=headers)
        assert response.status_code == 403
    (first,) = records.refusals()  # the first at once, the next four counted
    assert first == (
        "Refused 1 webhook request(s): 1 without the secret token. "
        "Does the proxy forward the X-Telegram-Bot-Api-Secret-Token header?"
    )
    clock.now += REFUSED_INTERVAL
    assert (await client.post(webhook, json=question(fake, PRODI, 7005), headers=wrong)).status_code == 403
    warnings = [r for r in records.records if r.getMessage().startswith("Refused")]
    assert [r.levelno for r in warnings] == [logging.WARNING, logging.WARNING]
    counted = "2 without the secret token, 3 with a wrong secret token."
    assert warnings[1].getMessage().startswith(f"Refused 5 webhook request(s) in the last 60 s: {counted}")
    assert all("not-the-secret" not in r.getMessage() for r in records.records)  # what was sent is not logged
    # The DEBUG lines the logger now makes go no further than its level used to let them.
    assert [r.getMessage() for r in records.records if r.levelno < logging.INFO] == []
    headers = {SECRET_HEADER: SECRET}
    assert (await client.post(webhook, json=question(fake, PRODI, 7005), headers=headers)).status_code == 200
    await fake.wait_for("sendMessage", timeout=WAIT)
    assert len(records.refusals()) == 2
