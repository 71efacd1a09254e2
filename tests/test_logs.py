"""Log redaction: no secret reaches a log line, whatever logs it and however."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.logs import REDACTED, RedactingFilter, setup_logging
from tests.doubles.objects import BOT_USER
from tests.doubles.recording import RecordingRequest

TOKEN = "123456:" + "A1b2C3d4E5" * 4
SECRET = "webhook_secret-" + "x" * 20


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """Put back the root logger and the quiet loggers as they were before the test."""
    root = logging.getLogger()
    level = root.level
    others = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "telegram")}
    yield
    # Remove only ours: pytest adds and removes its own capture handlers around each phase.
    for handler in root.handlers[:]:
        if any(isinstance(f, RedactingFilter) for f in handler.filters):
            root.removeHandler(handler)
    root.setLevel(level)
    for name, old in others.items():
        logging.getLogger(name).setLevel(old)


@pytest.fixture
def stream(restore_logging: None) -> io.StringIO:
    """The real pipeline (``setup_logging``) at DEBUG, writing to a string."""
    out = io.StringIO()
    setup_logging("DEBUG", [TOKEN, SECRET], stream=out)
    return out


def assert_clean(text: str) -> None:
    assert text  # something was logged
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    assert quote(TOKEN, safe="") not in text
    assert SECRET not in text


def test_secret_in_the_message(stream: io.StringIO) -> None:
    logging.getLogger("some.module").info(f"calling https://api.telegram.org/bot{TOKEN}/getMe")
    logging.getLogger("other").warning("secret is " + SECRET)
    assert_clean(stream.getvalue())
    assert stream.getvalue().count(REDACTED) == 2
    assert "calling https://api.telegram.org/bot[REDACTED]/getMe" in stream.getvalue()


def test_secret_in_the_arguments(stream: io.StringIO) -> None:
    logger = logging.getLogger("telegram.ext.something")
    logger.debug("url %s and %r", f"https://x/bot{TOKEN}/", {"secret_token": SECRET})
    logger.info("dict %(token)s", {"token": TOKEN})
    logger.info("url-encoded %s", quote(TOKEN, safe=""))
    logger.info("just the secret part %s", TOKEN.split(":")[1])
    assert_clean(stream.getvalue())
    assert len(stream.getvalue().splitlines()) == 4


def test_secret_in_an_exception(stream: io.StringIO) -> None:
    logger = logging.getLogger("telegram.ext.Application")
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError:
        logger.exception("failed with %s", SECRET)
    try:
        raise ValueError(SECRET)
    except ValueError as error:
        logger.error("failed", exc_info=error)
    text = stream.getvalue()
    assert_clean(text)
    assert "Traceback" in text
    assert "RuntimeError: The token `[REDACTED]` was rejected by the server." in text


def test_secret_in_the_stack_info(stream: io.StringIO) -> None:
    def deep(token: str) -> None:
        logging.getLogger("x").info("here", stack_info=True)

    deep(TOKEN)
    logging.getLogger("x").info("stack", stack_info=True, extra={"unrelated": 1})
    assert_clean(stream.getvalue())


def test_a_broken_format_string_does_not_leak(stream: io.StringIO) -> None:
    logging.getLogger("x").info("two %s %s", TOKEN)  # one argument short
    assert_clean(stream.getvalue())


def test_setup_quietens_httpx_and_httpcore(stream: io.StringIO) -> None:
    assert logging.getLogger("httpx").level == logging.WARNING
    assert logging.getLogger("httpcore").level == logging.WARNING
    assert logging.getLogger().level == logging.DEBUG
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)


def test_setup_replaces_the_root_handlers(restore_logging: None) -> None:
    setup_logging("INFO", [TOKEN], stream=io.StringIO())
    setup_logging("WARNING", [TOKEN], stream=io.StringIO())
    root = logging.getLogger()
    assert len(root.handlers) == 1
    assert root.level == logging.WARNING
    assert any(isinstance(f, RedactingFilter) for f in root.handlers[0].filters)


def test_empty_secrets_are_ignored() -> None:
    redacting = RedactingFilter(["", TOKEN])
    assert redacting.redact("plain text") == "plain text"
    assert redacting.redact(f"a{TOKEN}b") == f"a{REDACTED}b"


def test_secrets_are_redacted_in_any_case() -> None:
    redacting = RedactingFilter([TOKEN])
    text = f"Token {TOKEN.lower()} and {TOKEN.upper()}"
    assert redacting.redact(text) == f"Token {REDACTED} and {REDACTED}"


def test_a_longer_secret_is_redacted_whole() -> None:
    redacting = RedactingFilter(["abcdef", "abcdefghijkl"])
    assert redacting.redact("xabcdefghijklx") == f"x{REDACTED}x"


async def test_a_real_bot_at_debug_logs_no_token(
    stream: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    request = RecordingRequest()
    async with Bot(TOKEN, request=request, get_updates_request=RecordingRequest()) as bot:
        await bot.send_message(chat_id=42, text="hello")
        await bot.set_my_commands([("start", "Start")])
    assert any(TOKEN in url for url in request.urls)  # the URLs do carry the token
    assert any("Set Bot API URL" in r.getMessage() for r in caplog.records)  # PTB logs it at DEBUG
    assert_clean(stream.getvalue())
    for record in caplog.records:  # the filter rewrote the records themselves
        assert TOKEN not in record.getMessage()


async def test_httpx_request_urls_are_redacted_even_when_httpx_is_verbose(stream: io.StringIO) -> None:
    """Even if someone turns httpx's request log back on, the URL's token is redacted."""
    logging.getLogger("httpx").setLevel(logging.DEBUG)

    def answer(request: httpx.Request) -> httpx.Response:
        result: Any = BOT_USER if request.url.path.endswith("/getMe") else True
        return httpx.Response(200, json={"ok": True, "result": result})

    def transport() -> HTTPXRequest:
        return HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(answer)})

    async with Bot(TOKEN, request=transport(), get_updates_request=transport()) as bot:
        await bot.get_me()
    text = stream.getvalue()
    assert "HTTP Request: POST https://api.telegram.org/bot[REDACTED]/getMe" in text
    assert_clean(text)


def _network_failure(level: str) -> str:
    from telegram.error import NetworkError

    out = io.StringIO()
    setup_logging(level, [TOKEN], stream=out)
    try:
        raise NetworkError("httpx.ConnectError: All connection attempts failed")
    except NetworkError:
        logging.getLogger("telegram.ext").exception("Network Retry Loop: Failed run number 0 of 0")
    return out.getvalue()


def test_a_network_error_is_one_line_unless_debugging(restore_logging: None) -> None:
    text = _network_failure("INFO")
    assert text.count("\n") == 1 and "Traceback" not in text
    assert text.rstrip().endswith(
        "Failed run number 0 of 0 (NetworkError: httpx.ConnectError: All connection attempts failed)"
    )
    assert "Traceback" in _network_failure("DEBUG")


def test_other_errors_keep_their_traceback(restore_logging: None) -> None:
    out = io.StringIO()
    setup_logging("INFO", [TOKEN], stream=out)
    try:
        raise ValueError("a bug")
    except ValueError:
        logging.getLogger("bot").exception("Something broke")
    assert "Traceback" in out.getvalue() and "ValueError: a bug" in out.getvalue()
