"""Cold start: the wall time of a whole ``python -m bot ask "…"`` process.

What a user waits for when asking from the command line, and a lower bound of the bot's
start: the interpreter, the imports, the built engine loaded from ``DATA_DIR``'s cache,
one answer. Each run is a fresh process from the repository root, with no setting (no
token) from the environment but a ``DATA_DIR`` of its own. The first run finds the cache
empty, builds the engine and caches it (as after an edit of the knowledge base): it is
reported apart, and not counted in the median.

Run it alone with ``python -m benchmarks.bench_cold_start [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
QUESTION = "When were diplomatic relations between Kazakhstan and Italy established?"
DEFAULT_RUNS = 10
TIMEOUT = 60.0


@dataclass(frozen=True)
class ColdStart:
    """The wall time of each counted run, in seconds."""

    command: tuple[str, ...]
    times: tuple[float, ...]
    first: float = 0.0  # the run that built the engine and filled the cache

    @property
    def median(self) -> float:
        """The median wall time."""
        return statistics.median(self.times)


def command(question: str = QUESTION) -> list[str]:
    """The command timed: this interpreter running ``-m bot ask QUESTION``."""
    return [sys.executable, "-m", "bot", "ask", question]


def _environment(data_dir: Path) -> dict[str, str]:
    settings = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k not in settings}
    env["DATA_DIR"] = str(data_dir)  # the built engine's cache, empty at first
    return env


def run_once(argv: Sequence[str], env: dict[str, str]) -> float:
    """Run ``argv`` once from the repository root; its wall time in seconds.

    Raises:
        RuntimeError: when it fails or prints no answer.
    """
    start = time.perf_counter()
    done = subprocess.run(
        argv, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    took = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{' '.join(argv[1:])} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return took


def measure(runs: int = DEFAULT_RUNS, question: str = QUESTION) -> ColdStart:
    """A first run with an empty cache (it builds the engine), then ``runs`` timed runs."""
    argv = command(question)
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder))
        first = run_once(argv, env)
        return ColdStart(tuple(argv), tuple(run_once(argv, env) for _ in range(runs)), first)


def main(argv: Sequence[str] | None = None) -> int:
    """Time the cold start and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_cold_start")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs (after the first)")
    args = parser.parse_args(argv)
    result = measure(args.runs)
    times = sorted(result.times)
    print(f'cold start of `python -m bot ask "{QUESTION}"` over {len(times)} runs after the first:')
    print(f"  median {result.median:.3f} s, min {times[0]:.3f} s, max {times[-1]:.3f} s")
    print(f"  first run (builds and caches the engine): {result.first:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
