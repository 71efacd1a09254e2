"""Users as keyed hashes: the log counts people and serves /forget without knowing who they are."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "log_secret"


def log_secret(data_dir: Path, configured: str | None = None) -> bytes:
    """``LOG_SECRET`` if set, else the one generated into ``data_dir`` on first start."""
    if configured:
        return configured.encode("utf-8")
    path = data_dir / SECRET_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip().encode("utf-8")
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    # Readable by the bot's user only: whoever has it can tell whether a user id asked.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret.encode("utf-8")


def user_key(secret: bytes, user_id: int) -> str:
    """The key that stands for a Telegram user in the log (HMAC-SHA256, 128 bits)."""
    return hmac.new(secret, str(user_id).encode("ascii"), hashlib.sha256).hexdigest()[:32]
