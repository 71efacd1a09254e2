"""The command line run as users run it: ``python -m bot`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.settings import Settings

SETTING_VARIABLES = frozenset(name.upper() for name in Settings.model_fields)


def run_bot(
    cwd: Path,
    *args: str,
    stdin: str = "",
    env: Mapping[str, str] | None = None,
    python_options: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot ARGS`` from ``cwd``, with no setting (no token) from the test's environment.

    ``env`` adds variables: a setting, say, or PYTHONPATH to run from outside the repository.
    """
    environ = {k: v for k, v in os.environ.items() if k not in SETTING_VARIABLES}
    environ["PYTHONIOENCODING"] = "utf-8"
    # The built engines the commands cache, out of the repository (shared by the tests).
    environ["DATA_DIR"] = str(Path(tempfile.gettempdir()) / "kz-it-bot-tests")
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, *python_options, "-m", "bot", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environ,
        timeout=120,
    )
