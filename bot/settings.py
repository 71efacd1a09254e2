"""The bot's configuration: environment variables, plus a ``.env`` file in the working directory.

Secrets (the bot token, the webhook secret) are held as ``SecretStr`` so that printing the
settings never shows them, and no error message ever repeats them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")
# Telegram's rule for the secret_token of setWebhook.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

MISSING_TOKEN = """\
TELEGRAM_BOT_TOKEN is not set, so the bot cannot connect to Telegram.
To get a token, open a chat with @BotFather in Telegram, send /newbot and follow the steps;
BotFather replies with the token (it looks like 123456789:AAH...). Then either
  export TELEGRAM_BOT_TOKEN=...   (in the shell that starts the bot)
or put the line TELEGRAM_BOT_TOKEN=... in a file named .env in the folder you start the bot from.
To chat in the terminal instead, run `python -m bot` without the token."""

MALFORMED_TOKEN = (
    "TELEGRAM_BOT_TOKEN looks malformed: a token from @BotFather is the bot's numeric id, a colon "
    "and at least 30 letters, digits, '_' or '-' (like 123456789:AAH...). Copy it again from "
    "@BotFather (/mybots → your bot → API Token), without quotes or spaces."
)

MALFORMED_WEBHOOK_SECRET = (
    "WEBHOOK_SECRET must be 1–256 characters, each a letter, a digit, '_' or '-' (Telegram's rule "
    "for a webhook secret token)."
)

MISSING_WEBHOOK_SECRET = (
    "WEBHOOK_URL is set but WEBHOOK_SECRET is not. Telegram sends this secret with every update, "
    "so the bot can reject requests that do not come from Telegram. Set WEBHOOK_SECRET to a long "
    "random string of letters, digits, '_' or '-', for example:\n"
    "  export WEBHOOK_SECRET=$(python -c 'import secrets; print(secrets.token_urlsafe(32))')\n"
    "or put WEBHOOK_SECRET=... in .env."
)


class SettingsError(Exception):
    """Invalid or missing configuration, with a message a person can act on.

    The message never contains a secret.
    """


class Settings(BaseSettings):
    """The bot's settings, one environment variable per field (the name in upper case)."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # An empty variable (as `TELEGRAM_BOT_TOKEN=` copied from .env.example) means "not set".
        env_ignore_empty=True,
        # Validation errors must never show a value: it may be a secret.
        hide_input_in_errors=True,
    )

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"  # all interfaces: in a container the proxy is another host
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = ""
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    flood_limit: int = Field(default=12, ge=1)
    flood_window: float = Field(default=60.0, gt=0)
    knowledge_dir: Path | None = None
    # Everything the bot writes: the users' language choices (a volume in Docker).
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    # The question log (bot/store): on by default, in SQLite under DATA_DIR unless
    # DATABASE_URL names a PostgreSQL database (which then keeps the users' choices too).
    log_questions: bool = True
    database_url: SecretStr | None = None
    retention_days: int = Field(default=90, ge=0)
    # The key of the users' hashes in the log; generated into DATA_DIR when not set.
    log_secret: SecretStr | None = None

    @field_validator("telegram_bot_token", mode="after")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        token = value.get_secret_value().strip()
        if not TOKEN_PATTERN.fullmatch(token):
            raise ValueError(MALFORMED_TOKEN)
        return SecretStr(token)

    @field_validator("webhook_secret", mode="after")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        if not WEBHOOK_SECRET_PATTERN.fullmatch(secret):
            raise ValueError(MALFORMED_WEBHOOK_SECRET)
        return SecretStr(secret)

    @field_validator("telegram_base_url", mode="after")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                "must be an http(s) URL to which the token is appended, like https://api.telegram.org/bot"
            )
        return value.strip()

    @field_validator("webhook_url", mode="after")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in value.strip()):
            raise ValueError(
                "must be the public https URL Telegram posts updates to, like https://bot.example.com/telegram"
            )
        return value.strip()

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        ids = [part.strip() for part in value.split(",") if part.strip()]
        bad = [part for part in ids if not part.isdecimal()]
        if bad:
            raise ValueError(
                f"must be numeric Telegram user ids separated by commas, like 12345,67890 (not {bad[0]!r})"
            )
        return frozenset(int(part) for part in ids)

    @field_validator("log_level", mode="after")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("data_dir", mode="after")
    @classmethod
    def _check_data_dir(cls, value: Path) -> Path:
        # The folder is made on first use: here only what would stop that, said up front.
        existing = next((p for p in (value, *value.absolute().parents) if p.exists()), None)
        if existing is not None and not existing.is_dir():
            raise ValueError(f"must be a folder the bot can write to, but {existing} is a file")
        if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
            raise ValueError(f"must be a folder the bot can write to, but {existing} is not writable")
        return value

    @field_validator("database_url", mode="after")
    @classmethod
    def _check_database_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        url = value.get_secret_value().strip()
        scheme = url.split("://", 1)[0].split("+", 1)[0] if "://" in url else ""
        if scheme not in ("postgresql", "postgres", "sqlite"):
            raise ValueError(
                "must be a PostgreSQL URL like postgresql://user:password@host:5432/dbname "
                "(or sqlite:////path/to/file.db)"
            )
        return SecretStr(url)

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError(MISSING_WEBHOOK_SECRET)
        return self

    @property
    def webhook_url_path(self) -> str:
        """Where the bot's webhook server listens: WEBHOOK_PATH, else the path of WEBHOOK_URL.

        A proxy usually forwards https://host/hook to http://bot:8443/hook, so without an
        explicit WEBHOOK_PATH the URL's own path is the one Telegram's posts arrive on.
        ``WEBHOOK_PATH=/`` is the root, for a proxy that forwards to ``/``.
        """
        if self.webhook_path or not self.webhook_url:
            return self.webhook_path.strip("/")
        return urlsplit(self.webhook_url).path.strip("/")

    def secrets(self) -> list[str]:
        """The plain values of the secrets that are set, for the log redaction."""
        found = [
            s.get_secret_value() for s in (self.telegram_bot_token, self.webhook_secret, self.log_secret) if s
        ]
        if self.database_url is not None:  # the password inside the URL
            password = urlsplit(self.database_url.get_secret_value()).password
            found += [password] if password else []
        return found


def load_settings(*, require_token: bool) -> Settings:
    """Read the settings from the environment and ``.env``.

    Args:
        require_token: whether a missing ``TELEGRAM_BOT_TOKEN`` is an error.

    Raises:
        SettingsError: a setting is invalid, or the token is required and missing; the
            message says which variable and what to do, and never contains a secret.
    """
    try:
        settings = Settings()
    except ValidationError as error:
        raise SettingsError("\n".join(_describe(error.errors(include_input=False)))) from None
    if require_token and settings.telegram_bot_token is None:
        raise SettingsError(MISSING_TOKEN)
    return settings


def _describe(errors: Iterable[ErrorDetails]) -> list[str]:
    """One line per problem, naming the environment variable; values are never repeated."""
    lines = []
    for error in errors:
        message = error["msg"].removeprefix("Value error, ")
        field = str(error["loc"][0]) if error["loc"] else ""
        if not field or message.startswith(field.upper()):
            lines.append(message)  # a message that names its variables itself
        else:
            lines.append(f"{field.upper()}: {message}")
    return lines
