"""Logging for the Telegram bot, with every secret redacted from what is written.

The token is part of every Bot API URL, and python-telegram-bot puts it in some messages
(the API URL at DEBUG, a rejected token's error), so the redaction sits on the handler:
a filter on the root logger would not see records that propagate from child loggers.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TextIO
from urllib.parse import quote

from telegram.error import BadRequest, InvalidToken, NetworkError

REDACTED = "[REDACTED]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# These log every request URL, and a Bot API URL contains the token.
QUIET_LOGGERS = ("httpx", "httpcore")
# The part of a token after its colon is the secret itself; redact it alone too when it is
# this long, in case something logs it without the bot id.
MIN_TOKEN_SECRET = 16
# python-telegram-bot's webhook handler logs each request it refuses for its secret token at
# DEBUG, on this logger, with one of these messages (telegram/ext/_utils/webhookhandler.py).
WEBHOOK_LOGGER = "telegram.ext.Updater"
REFUSED_WEBHOOK = {
    "Request did not include the secret token": "without the secret token",
    "Request had the wrong secret token: %s": "with a wrong secret token",
}
REFUSED_INTERVAL = 60.0  # seconds between two warnings about refused webhook requests
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's message, exception and stack text with ``[REDACTED]``.

    The record's message is rendered (``msg % args``) first, so a secret passed as an
    argument is caught as well as one written into the message.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        forms: set[str] = set()
        for secret in secrets:
            if not secret:
                continue  # an empty string would match everywhere
            forms |= {secret, quote(secret, safe="")}
            _, colon, tail = secret.partition(":")
            if colon and len(tail) >= MIN_TOKEN_SECRET:
                forms.add(tail)
        # Longest first, so a secret that contains another is replaced whole. Ignoring case,
        # because some messages change it (PTB capitalises error texts, lower-casing the rest).
        alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        self._pattern = re.compile(alternatives, re.IGNORECASE) if alternatives else None
        self._formatter = logging.Formatter()

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced, in any letter case."""
        return self._pattern.sub(REDACTED, text) if self._pattern else text

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` in place; always keep it."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, without failing later
            message = f"{record.msg!s} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        # Formatters render exc_text; without exc_info none can re-render the raw exception.
        record.exc_info = None
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class OneLineNetworkErrors(logging.Filter):
    """A network error's record stays one line: its traceback is for ``LOG_LEVEL=DEBUG``.

    The Bot API out of reach, or a token it rejects, is no bug: python-telegram-bot logs
    each failed attempt with a traceback of 50 to 100 lines, which buries the line a person
    can act on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Fold the error into the message and drop the traceback."""
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, NetworkError | InvalidToken) and not isinstance(error, BadRequest):
            record.msg = f"{record.getMessage()} ({type(error).__name__}: {error})"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


class RefusedWebhookRequests(logging.Filter):
    """Makes python-telegram-bot's DEBUG lines about refused webhook requests a WARNING, rate-limited.

    An operator whose proxy drops the secret token header otherwise sees nothing while
    every update is refused. At most one warning per ``interval`` seconds, counting the
    refusals since the last one, by reason; the token a request sent is never logged. The
    logger it sits on is set to DEBUG so that those lines are made at all: its other records
    below ``threshold()`` are dropped here, as its level would have dropped them.

    Args:
        threshold: the level the logger's other records must reach (read on every record).
        interval: the least time between two warnings, in seconds.
        clock: a monotonic clock in seconds (a fake one in tests).
    """

    def __init__(
        self,
        threshold: Callable[[], int],
        interval: float = REFUSED_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._threshold = threshold
        self.interval = interval
        self._clock = clock
        self._counts: Counter[str] = Counter()
        self._last: float | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        """Count a refusal and warn when due; drop other records below the threshold."""
        reason = REFUSED_WEBHOOK.get(str(record.msg))
        if reason is None:
            return record.levelno >= self._threshold()
        self._counts[reason] += 1
        now = self._clock()
        if self._last is not None and now - self._last < self.interval:
            return False
        since = f" in the last {now - self._last:.0f} s" if self._last is not None else ""
        self._last = now
        reasons = ", ".join(f"{count} {why}" for why, count in self._counts.items())
        record.msg = "Refused %d webhook request(s)%s: %s. Does the proxy forward the %s header?"
        record.args = (self._counts.total(), since, reasons, SECRET_HEADER)
        record.levelno, record.levelname = logging.WARNING, logging.getLevelName(logging.WARNING)
        self._counts.clear()
        return True


def log_refused_webhooks(
    interval: float = REFUSED_INTERVAL, clock: Callable[[], float] = time.monotonic
) -> Callable[[], None]:
    """Warn about webhook requests refused for their secret token (:class:`RefusedWebhookRequests`).

    Returns:
        A function that undoes it.
    """
    logger = logging.getLogger(WEBHOOK_LOGGER)
    previous = logger.level
    parent = logger.parent
    assert parent is not None  # every logger but the root has one

    def threshold() -> int:
        return previous or parent.getEffectiveLevel()

    refused = RefusedWebhookRequests(threshold, interval, clock)
    logger.addFilter(refused)
    logger.setLevel(logging.DEBUG)

    def undo() -> None:
        logger.removeFilter(refused)
        logger.setLevel(previous)

    return undo


def setup_logging(level: str, secrets: Iterable[str], stream: TextIO | None = None) -> None:
    """Log to standard error at ``level``, with ``secrets`` redacted from every line.

    Replaces the root logger's handlers, so that no handler writes unredacted records.

    Args:
        level: a logging level name (``"INFO"``, ``"DEBUG"``, …).
        secrets: the values to redact (the bot token, the webhook secret).
        stream: where to write (default: standard error).
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    if level.upper() != "DEBUG":
        handler.addFilter(OneLineNetworkErrors())  # before the redaction, which renders tracebacks
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
