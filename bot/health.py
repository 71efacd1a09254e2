"""A heartbeat in ``DATA_DIR``, for Docker's ``HEALTHCHECK`` (``python -m bot health``).

While serving, the bot writes the time to ``DATA_DIR/heartbeat`` every :data:`BEAT_SECONDS`
from its event loop; a bot whose loop is stuck, or that stopped, lets it grow old.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from bot.periodic import Periodic

logger = logging.getLogger(__name__)

HEARTBEAT_FILE = "heartbeat"
BEAT_SECONDS = 30.0
MAX_AGE_SECONDS = 120.0  # older than this: unhealthy (four beats missed)


class Heartbeat:
    """Writes the time to ``path`` every ``every`` seconds while started."""

    def __init__(self, path: Path, every: float = BEAT_SECONDS) -> None:
        self.path = path
        self._beating = Periodic("heartbeat", self.beat, every, now=True)

    def beat(self) -> None:
        """Write the time now (a failure is logged: the heartbeat must never stop the bot)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(f"{time.time():.0f}\n", encoding="ascii")
        except OSError as error:
            logger.warning("Could not write the heartbeat %s: %s", self.path, error)

    async def start(self) -> None:
        """Beat now, then every ``every`` seconds."""
        await self._beating.start()

    async def stop(self) -> None:
        """Stop beating and remove the file: a stopped bot is not healthy."""
        await self._beating.stop()
        self.path.unlink(missing_ok=True)


def check(path: Path, max_age: float = MAX_AGE_SECONDS, now: float | None = None) -> tuple[bool, str]:
    """Whether the heartbeat at ``path`` is fresh, and a line that says so."""
    try:
        last = float(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return False, f"No heartbeat in {path}: the bot is not serving Telegram (or has not started yet)."
    age = max(0.0, (time.time() if now is None else now) - last)  # whole seconds are written
    if age > max_age:
        return (
            False,
            f"The last heartbeat is {age:.0f} s old (over {max_age:.0f} s): the bot is stuck or stopped.",
        )
    return True, f"OK: heartbeat {age:.0f} s ago."
