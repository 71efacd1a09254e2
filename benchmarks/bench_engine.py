"""Benchmark the engine: knowledge base load time and per-question latency.

Run from the repository root::

    python -m benchmarks.bench_engine [FILE]

FILE is a question file in the evaluation format (default: ../shared/eval/questions.yaml
beside the repository). Without it, the topics' example questions are timed instead.
The figures are a report: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bot.evaluate import EvalFileError, EvalItem, build_report, load_items
from knowledge import Answer, Engine, KnowledgeError
from knowledge.loader import DATA_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = REPO_ROOT.parent / "shared" / "eval" / "questions.yaml"
LOAD_RUNS = 5
MIN_CALLS = 5_000
PERCENTILES = (50, 90, 99)


def percentile(sorted_values: Sequence[int], percent: float) -> int:
    """The nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(percent / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def time_load(root: Path = DATA_DIR, runs: int = LOAD_RUNS) -> tuple[Engine, list[int]]:
    """Load the engine ``runs`` times; return the last engine and each duration in ns."""
    durations = []
    engine = None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter_ns()
        engine = Engine.load(root)
        durations.append(time.perf_counter_ns() - start)
    assert engine is not None
    return engine, durations


def time_questions(
    engine: Engine, questions: Sequence[str], min_calls: int = MIN_CALLS
) -> tuple[list[Answer], list[tuple[int, int]]]:
    """Ask every question once to warm up, then in passes until ``min_calls`` are timed.

    Returns:
        The warm-up answers (one per question) and ``(duration_ns, question_index)`` per call.
    """
    answers = [engine.ask(q) for q in questions]
    passes = math.ceil(min_calls / len(questions))
    timings: list[tuple[int, int]] = []
    gc.collect()
    for _ in range(passes):
        for index, question in enumerate(questions):
            start = time.perf_counter_ns()
            engine.ask(question)
            timings.append((time.perf_counter_ns() - start, index))
    return answers, timings


def _ms(ns: float) -> str:
    return f"{ns / 1e6:.3f}"


def _questions(file: Path | None, engine: Engine) -> tuple[list[str], list[EvalItem], str]:
    """The questions to time, the eval items when a question file was read, and a label."""
    path = file or DEFAULT_QUESTIONS
    if file is None and not path.exists():
        print(f"note: {path} not found; timing the topics' example questions", file=sys.stderr)
        questions = [q for topic in engine.topics for q in topic.examples.get("en")]
        return questions, [], "the topics' example questions"
    items = load_items(path)
    return [item.question for item in items], items, str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_engine")
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a question file")
    parser.add_argument("--data", type=Path, default=DATA_DIR, metavar="DIR", help="knowledge base")
    args = parser.parse_args(argv)
    try:
        engine, loads = time_load(args.data)
        questions, items, label = _questions(args.file, engine)
    except (KnowledgeError, EvalFileError) as error:
        print(error, file=sys.stderr)
        return 1
    if not questions:
        print("no questions to time", file=sys.stderr)
        return 1

    answers, timings = time_questions(engine, questions)
    ordered = sorted(ns for ns, _ in timings)
    slowest_ns, slowest_index = max(timings)
    print(f"Engine benchmark: {len(questions)} questions from {label}")
    print(f"load (Engine.load, median of {len(loads)}): {_ms(statistics.median(loads))} ms")
    print(f"ask latency over {len(timings):,} calls (after one warm-up pass), in ms:")
    columns = [f"p{p}" for p in PERCENTILES] + ["max"]
    values = [_ms(percentile(ordered, p)) for p in PERCENTILES] + [_ms(slowest_ns)]
    print("  " + "".join(f"{c:>10}" for c in columns))
    print("  " + "".join(f"{v:>10}" for v in values))
    print(f"slowest call: {questions[slowest_index]!r}")
    if items:
        overall = dict(build_report(items, answers).summary())["overall"]
        print(f"accuracy: {overall.correct}/{overall.total} ({overall.percent or 0:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
