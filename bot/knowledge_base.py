"""Where the runtime finds its knowledge base's engine, and what it says when the base is invalid.

Shared by the command line (``bot.cli``) and the Telegram runtime (``bot.app``), so that
neither imports the other.
"""

from __future__ import annotations

import shlex
from pathlib import Path

CACHE_FOLDER = "cache"  # under DATA_DIR: built engines, so that a command starts fast
CHECK_HINT = "The knowledge base is invalid; run `{command}` to list the problems."


def check_hint(data: Path | None) -> str:
    """The hint after an invalid knowledge base: the check command, with ``--data`` if given."""
    command = "python -m bot check"
    if data is not None:
        command += f" --data {shlex.quote(str(data))}"
    return CHECK_HINT.format(command=command)
