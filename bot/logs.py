"""Logging for the Telegram bot, with every secret redacted from what is written.

The token is part of every Bot API URL, and python-telegram-bot puts it in some messages
(the API URL at DEBUG, a rejected token's error), so the redaction sits on the handler:
a filter on the root logger would not see records that propagate from child loggers.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
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
