"""The engine at scale: build time, peak memory and latency at the real size and beyond.

Each size runs in a fresh Python process (``python -m benchmarks.bench_scale --child SIZE``),
so that its peak memory is its own. The child reports as it goes, one JSON object a line on
standard output; the parent (``measure``) watches each stage against a deadline and kills a
child that overruns, reporting the size as not measured and why.

At the real size the corpus is the knowledge base itself, asked the development questions.
At N entries the corpus is the real one grown with synthetic entries (``benchmarks.synthetic``)
to N entries in all, asked the development questions and ``PARAPHRASES_PER_LANGUAGE``
paraphrases of synthetic entries in each of English, Russian, Italian and Kazakh (in words
no phrasing has; half with a typo). Every size is also asked, in each language, a question
whose every word is common (the two countries alone): the index's slowest path.

Figures, per size:

* build: the construction of ``Engine(corpus)`` (the corpus is loaded or generated
  beforehand and not counted), in wall and CPU time;
* collection pause: how long a full ``gc.collect()`` takes after the build and after the
  asks (the longer is reported), and how many objects it walks after the build;
* peak RSS: the most memory the process ever held (``VmHWM``, see ``_rss_mib``), which
  includes the interpreter and its libraries (about 39 MiB before any knowledge is loaded),
  the corpus, the engine and the asking;
* build RSS: how far the build raised that peak;
* latency: p50, p90, p99 and the maximum of ``engine.ask`` in wall time over at least
  ``MIN_ASKS`` calls, each on cold caches (the engine's typo corrections and stems are
  emptied before every ask, so no question is timed as a repeat), overall and per group
  of questions (the real ones, each language's paraphrases, the common-word questions);
  and p50 and p99 of the process's CPU time per call, which other work on the machine
  barely changes (on an idle machine the two agree; on a busy one the wall time is what a
  user waits).

Run one size alone with ``python -m benchmarks.bench_scale 10000`` (``real`` for the
knowledge base itself).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.bench_engine import DEFAULT_QUESTIONS, percentile
from benchmarks.synthetic import COMMON_ONLY, paraphrase_questions, synthetic_base
from knowledge import Engine
from knowledge.loader import DATA_DIR, load_corpus
from knowledge.text import words_of

REPO_ROOT = Path(__file__).resolve().parents[1]
REAL = 0  # the size that stands for the real knowledge base as it is
SERVED = -1  # the real knowledge base as the bot serves it: its built engine loaded from the cache
CACHE_ENV = "BENCH_ENGINE_CACHE"
MIN_ASKS = 500
DEFAULT_ASKS = 3_000
DEFAULT_ASK_SECONDS = 60.0
DEFAULT_BUILD_CAP = 180.0
CORPUS_SECONDS = 300.0  # loading or generating the corpus, at any size
NO_CAP = 1e6  # seconds: a build cap of 0 means this
SLOWEST = 3  # questions named as the slowest, per size
GC_RUNS = 5  # full collections timed in a row, for their median
PARAPHRASES_PER_LANGUAGE = 60  # beside the development questions, at a synthetic size


def size_label(size: int) -> str:
    """How a size is shown: "real KB", "real KB, cached" or the number of entries."""
    return {REAL: "real KB", SERVED: "real KB, cached"}.get(size, f"{size:,}")


def parse_size(text: str) -> int:
    """A size from the command line: ``real`` or a number of entries (``10000``, ``10k``, ``10_000``)."""
    text = text.strip().lower().replace(",", "").replace("_", "")
    if text in ("real", "kb", "0"):
        return REAL
    if text in ("served", "cached"):
        return SERVED
    factor = 1_000 if text.endswith("k") else 1
    value = int(text.removesuffix("k")) * factor
    if value < 1:
        raise ValueError(f"not a size: {text!r}")
    return value


def peak_rss_mib(pid: int | str = "self") -> float | None:
    """A process's peak resident set so far (``VmHWM``), in MiB; None where /proc has none."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _rss_mib() -> float:
    """This process's peak resident set so far, in MiB.

    ``VmHWM`` where Linux gives it. ``ru_maxrss`` is the same figure, except that Linux
    carries it over ``fork`` and ``exec``: a child started by a process larger than itself
    would report its parent's size. Elsewhere ``ru_maxrss`` it is (KiB, bytes on macOS).
    """
    peak = peak_rss_mib()
    if peak is not None:
        return peak
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / 1024 / 1024 if sys.platform == "darwin" else maxrss / 1024


def _emit(event: str, **data: Any) -> None:
    print(json.dumps({"event": event, **data}), flush=True)


def development_questions() -> list[str]:
    """The questions of ``../shared/eval/questions.yaml``, or none if the file is missing."""
    if not DEFAULT_QUESTIONS.exists():
        return []
    from bot.evaluate import load_items  # pure: reads YAML, never imports telegram

    return [item.question for item in load_items(DEFAULT_QUESTIONS)]


def _slowest(per_question: dict[str, list[int]], count: int = SLOWEST) -> list[tuple[str, float]]:
    """The questions with the highest median CPU time per call, with that median in ms."""
    medians = [(statistics.median(times) / 1e6, question) for question, times in per_question.items()]
    return [(question, ms) for ms, question in sorted(medians, reverse=True)[:count]]


def _cold(engine: Engine) -> None:
    """Empty the engine's caches of corrections and stems, as a fresh engine has them."""
    engine.analyzer.forget()
    words_of.cache_clear()


def _ask_all(engine: Engine, questions: list[tuple[str, str]], asks: int, ask_seconds: float) -> int:
    """Timed asks, each on cold caches; reports "round" (the first pass) and "done".

    ``questions`` are (group, question): the figures are also given per group, so the
    worst language shows. Every ask starts with the caches emptied: a question is timed as
    its first asking, with typo correction and stemming done anew, never as a repeat. Then,
    for comparison with earlier runs, the same questions on warm caches (``warm_p99_ms``):
    a pass over them all, then as many timed asks.
    """
    timings: list[int] = []
    cpu_timings: list[int] = []
    per_question: dict[str, list[int]] = {}
    per_group: dict[str, list[int]] = {}
    per_group_cpu: dict[str, list[int]] = {}
    answered = 0
    gc.collect()
    start = time.perf_counter()
    deadline = start + ask_seconds
    while len(timings) < asks and (len(timings) < MIN_ASKS or time.perf_counter() < deadline):
        group, question = questions[len(timings) % len(questions)]
        _cold(engine)
        began, cpu_began = time.perf_counter_ns(), time.process_time_ns()
        answer = engine.ask(question)
        took, cpu_took = time.perf_counter_ns() - began, time.process_time_ns() - cpu_began
        if len(timings) < len(questions):
            answered += answer.answered
            if len(timings) == len(questions) - 1:
                _emit("round", seconds=time.perf_counter() - start, answered=answered)
        timings.append(took)
        cpu_timings.append(cpu_took)
        per_question.setdefault(question, []).append(cpu_took)
        per_group.setdefault(group, []).append(took)
        per_group_cpu.setdefault(group, []).append(cpu_took)
    if len(timings) < len(questions):
        _emit("round", seconds=time.perf_counter() - start, answered=answered)
    ordered, cpu_ordered = sorted(timings), sorted(cpu_timings)
    warm = _warm_timings(engine, [q for _, q in questions], len(timings), ask_seconds)
    pause_ms, _ = _gc_pause()
    groups = {
        group: [
            len(times),
            percentile(sorted(times), 99) / 1e6,
            max(times) / 1e6,
            percentile(sorted(per_group_cpu[group]), 99) / 1e6,
        ]
        for group, times in per_group.items()
    }
    _emit(
        "done",
        asks=len(ordered),
        p50_ms=percentile(ordered, 50) / 1e6,
        p90_ms=percentile(ordered, 90) / 1e6,
        p99_ms=percentile(ordered, 99) / 1e6,
        max_ms=ordered[-1] / 1e6,
        cpu_p50_ms=percentile(cpu_ordered, 50) / 1e6,
        cpu_p99_ms=percentile(cpu_ordered, 99) / 1e6,
        slowest=_slowest(per_question),
        groups=groups,
        warm_p50_ms=percentile(warm, 50) / 1e6,
        warm_p99_ms=percentile(warm, 99) / 1e6,
        gc_pause_ms=pause_ms,
        rss_mib=_rss_mib(),
    )
    return 0


def _warm_timings(engine: Engine, questions: list[str], asks: int, ask_seconds: float) -> list[int]:
    """``asks`` timed asks (ns, sorted) after a pass over ``questions`` has warmed the caches."""
    for question in questions:
        engine.ask(question)
    timings: list[int] = []
    deadline = time.perf_counter() + ask_seconds
    while len(timings) < asks and (len(timings) < MIN_ASKS or time.perf_counter() < deadline):
        question = questions[len(timings) % len(questions)]
        began = time.perf_counter_ns()
        engine.ask(question)
        timings.append(time.perf_counter_ns() - began)
    return sorted(timings)


def _gc_pause() -> tuple[float, int]:
    """How long a full collection takes now (ms), and how many objects it would walk.

    The median of ``GC_RUNS`` collections in a row: each does the same work, and on a busy
    machine one of them may wait for the CPU.
    """
    tracked = len(gc.get_objects())
    pauses = []
    for _ in range(GC_RUNS):
        began = time.perf_counter()
        gc.collect()
        pauses.append((time.perf_counter() - began) * 1e3)
    return statistics.median(pauses), tracked


def _run_served(questions: list[str], asks: int, ask_seconds: float) -> int:
    """The engine as ``run`` starts it: loaded from the cache (``$BENCH_ENGINE_CACHE``), then asked."""
    from knowledge.cache import load_engine

    start = time.perf_counter()
    engine = load_engine(cache_dir=Path(os.environ[CACHE_ENV]))
    _emit(
        "corpus",
        seconds=time.perf_counter() - start,
        entries=len(engine.entries),
        synthetic=0,
        questions=len(questions),
        real_questions=len(questions),
        rss_mib=_rss_mib(),
    )
    pause_ms, tracked = _gc_pause()
    _emit(
        "built",
        seconds=0.0,
        cpu_seconds=0.0,
        rss_mib=_rss_mib(),
        build_rss_mib=0.0,
        gc_pause_ms=pause_ms,
        gc_tracked=tracked,
    )
    return _ask_all(engine, [("real", q) for q in questions], asks, ask_seconds)


def run_child(size: int, asks: int, ask_seconds: float, traced: bool) -> int:
    """Measure one size in this process, reporting each stage as a JSON line."""
    _emit("started", rss_mib=_rss_mib())
    start = time.perf_counter()
    real_questions = development_questions()
    if size == SERVED:
        return _run_served(real_questions, asks, ask_seconds)
    probes = [("common words", text) for text in COMMON_ONLY.values()]
    if size == REAL:
        corpus = load_corpus(DATA_DIR)
        own = real_questions or [q for t in corpus.topics for q in t.examples.get("en")]
        questions = [("real", q) for q in own] + probes
        synthetic = 0
    else:
        base = synthetic_base(size)
        corpus = base.corpus
        drawn = paraphrase_questions(base.paraphrases, PARAPHRASES_PER_LANGUAGE)
        questions = [("real", q) for q in real_questions] + [(p.lang, p.text) for p in drawn] + probes
        synthetic = len(base.entries)
    _emit(
        "corpus",
        seconds=time.perf_counter() - start,
        entries=len(corpus.entries),
        synthetic=synthetic,
        questions=len(questions),
        real_questions=len(real_questions),
        rss_mib=_rss_mib(),
    )

    gc.collect()
    before = _rss_mib()
    start, cpu_start = time.perf_counter(), time.process_time()
    engine = Engine(corpus)
    build, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = _rss_mib()
    pause_ms, tracked = _gc_pause()
    _emit(
        "built",
        seconds=build,
        cpu_seconds=cpu,
        rss_mib=peak,
        build_rss_mib=peak - before,
        gc_pause_ms=pause_ms,
        gc_tracked=tracked,
    )

    _ask_all(engine, questions, asks, ask_seconds)
    if traced:
        # A second build, traced: tracing slows a build several times over, so the timed
        # build above is never traced. The first engine is dropped beforehand.
        del engine
        gc.collect()
        tracemalloc.start()
        Engine(corpus)
        _emit("traced", traced_mib=tracemalloc.get_traced_memory()[1] / 1024 / 1024)
        tracemalloc.stop()
    return 0


@dataclass
class ScaleResult:
    """What one size measured; ``missing`` says why a figure is absent, if one is."""

    size: int
    entries: int | None = None
    synthetic: int | None = None
    questions: int | None = None
    real_questions: int | None = None
    corpus_s: float | None = None
    build_s: float | None = None
    build_cpu_s: float | None = None
    gc_pause_ms: float | None = None  # the longest full collection, after the build or the asks
    gc_tracked: int | None = None  # objects a full collection walks after the build
    build_rss_mib: float | None = None
    traced_mib: float | None = None
    peak_rss_mib: float | None = None
    round_s: float | None = None  # the first round of asks, one per question
    answered: int | None = None
    asks: int | None = None
    p50_ms: float | None = None
    p90_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    cpu_p50_ms: float | None = None  # the CPU time of this process (as if the machine were idle)
    cpu_p99_ms: float | None = None
    slowest: list[tuple[str, float]] = field(default_factory=list)  # question, median CPU ms
    groups: dict[str, list[float]] = field(default_factory=dict)  # group: [asks, p99, max, CPU p99] (ms)
    warm_p50_ms: float | None = None  # the same questions again, on warm caches
    warm_p99_ms: float | None = None
    wall_s: float = 0.0
    missing: str | None = None
    traced_note: str | None = None
    log: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The size as shown in the table."""
        return size_label(self.size)


def _reader(stream: Any, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def measure(
    size: int,
    *,
    asks: int = DEFAULT_ASKS,
    ask_seconds: float = DEFAULT_ASK_SECONDS,
    build_cap: float = DEFAULT_BUILD_CAP,
    traced: bool = False,
) -> ScaleResult:
    """Measure ``size`` in a fresh process; a stage that overruns its deadline ends it.

    The real knowledge base's build is always traced too (a second build, see
    ``run_child``): it takes a second there, and the memory target is set there.

    Deadlines: the corpus ``CORPUS_SECONDS``; the build ``build_cap`` (0: none); the
    first round twice ``ask_seconds`` plus a minute and the timed asks ``ask_seconds`` plus a
    minute (the child stops asking after ``ask_seconds`` once it has ``MIN_ASKS``).
    """
    traced = (traced or size == REAL) and size != SERVED  # cheap at the real size
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    if size == SERVED:  # the engine built and cached beforehand, in a process of its own
        cache = Path(tempfile.mkdtemp(prefix="bench-engine-"))
        environment[CACHE_ENV] = str(cache)
        build = "import pathlib, knowledge.cache as c; c.load_engine(cache_dir=pathlib.Path(%r))"
        subprocess.run([sys.executable, "-c", build % str(cache)], cwd=REPO_ROOT, check=True)
    command = [
        sys.executable,
        "-m",
        "benchmarks.bench_scale",
        "--child",
        "served" if size == SERVED else str(size),
    ]
    command += ["--asks", str(asks), "--ask-seconds", str(ask_seconds)]
    if traced:
        command.append("--tracemalloc")
    result = ScaleResult(size)
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    assert process.stdout is not None and process.stderr is not None
    threading.Thread(target=_reader, args=(process.stdout, lines), daemon=True).start()
    errors: list[str] = []
    stderr_reader = threading.Thread(target=lambda: errors.extend(process.stderr or ()), daemon=True)
    stderr_reader.start()

    def next_stage(event: str) -> tuple[str, float]:
        """The stage that starts after ``event``, and how long it may take."""
        return {
            "started": ("corpus", CORPUS_SECONDS),
            "corpus": ("build", build_cap or NO_CAP),
            "built": ("first round of asks", 2 * ask_seconds + 60),
            "round": ("timed asks, cold then warm", 2 * ask_seconds + 120),
            "done": ("traced build", 10 * (result.build_s or 0.0) + 60),
        }[event]

    last = "traced" if traced else "done"
    stage, limit = "start", 60.0
    stage_began = time.perf_counter()
    try:
        while True:
            remaining = limit - (time.perf_counter() - stage_began)
            try:
                line = lines.get(timeout=remaining) if remaining > 0 else None
            except queue.Empty:
                line = None
            if line is None:
                if process.poll() is None:
                    problem = _overrun(stage, limit)
                else:
                    process.wait()
                    stderr_reader.join(timeout=5)
                    tail = "".join(errors[-3:]).strip() or f"exit code {process.returncode}"
                    problem = f"the {stage} failed: {tail}"
                if stage == "traced build":
                    result.traced_note = problem  # the timed figures stand
                else:
                    result.missing = problem
                break
            event = json.loads(line)
            result.log.append(line.strip())
            _record(result, event)
            if event["event"] == last:
                break
            stage, limit = next_stage(event["event"])
            stage_began = time.perf_counter()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        result.wall_s = time.perf_counter() - began
    return result


def _overrun(stage: str, limit: float) -> str:
    if stage == "build":
        return f"the build took over the {limit:g} s cap (stopped)"
    return f"the {stage} took over {limit:g} s (stopped)"


def _record(result: ScaleResult, event: dict[str, Any]) -> None:
    kind = event["event"]
    if kind == "corpus":
        result.corpus_s = event["seconds"]
        result.entries = event["entries"]
        result.synthetic = event["synthetic"]
        result.questions = event["questions"]
        result.real_questions = event["real_questions"]
    elif kind == "built":
        result.build_s = event["seconds"]
        result.build_cpu_s = event["cpu_seconds"]
        result.build_rss_mib = event["build_rss_mib"]
        result.peak_rss_mib = event["rss_mib"]
        result.gc_pause_ms = event["gc_pause_ms"]
        result.gc_tracked = event["gc_tracked"]
    elif kind == "round":
        result.round_s = event["seconds"]
        result.answered = event["answered"]
    elif kind == "done":
        keys = (
            "asks",
            "p50_ms",
            "p90_ms",
            "p99_ms",
            "max_ms",
            "cpu_p50_ms",
            "cpu_p99_ms",
            "slowest",
            "groups",
            "warm_p50_ms",
            "warm_p99_ms",
        )
        for key in keys:
            setattr(result, key, event[key])
        result.gc_pause_ms = max(result.gc_pause_ms or 0.0, event["gc_pause_ms"])
        result.peak_rss_mib = event["rss_mib"]
    elif kind == "traced":
        result.traced_mib = event["traced_mib"]


def _fmt(value: float | None, digits: int = 2, unit: str = "") -> str:
    return "—" if value is None else f"{value:,.{digits}f}{unit}"


def describe(result: ScaleResult) -> str:
    """One size's figures on a few lines."""
    lines = [f"{result.label}: {result.entries or '?'} entries ({result.wall_s:.1f} s in all)"]
    lines.append(
        f"  corpus {_fmt(result.corpus_s)} s, build {_fmt(result.build_s)} s "
        f"(CPU {_fmt(result.build_cpu_s)} s, +{_fmt(result.build_rss_mib, 1)} MiB), "
        f"peak RSS {_fmt(result.peak_rss_mib, 1)} MiB"
        + (f", tracemalloc peak {_fmt(result.traced_mib, 1)} MiB" if result.traced_mib is not None else "")
        + f"; full collection {_fmt(result.gc_pause_ms, 1)} ms ({result.gc_tracked or 0:,} objects)"
    )
    if result.asks:
        lines.append(
            f"  {result.asks:,} asks: p50 {_fmt(result.p50_ms, 3)} ms, p90 {_fmt(result.p90_ms, 3)} ms, "
            f"p99 {_fmt(result.p99_ms, 3)} ms, max {_fmt(result.max_ms, 3)} ms; "
            f"answered {result.answered}/{result.questions} in the first round"
        )
        groups = ", ".join(
            f"{g} {p99:.2f}/{most:.2f}/{cpu:.2f}" for g, (_, p99, most, cpu) in sorted(result.groups.items())
        )
        lines.append(f"  cold p99/max/CPU p99 ms by group: {groups}")
        lines.append(
            f"  warm caches: p50 {_fmt(result.warm_p50_ms, 3)} ms, p99 {_fmt(result.warm_p99_ms, 3)} ms"
        )
    if result.missing:
        lines.append(f"  not measured: {result.missing}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure the sizes given (as the parent) or one size in this process (``--child``)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_scale")
    parser.add_argument("sizes", nargs="*", type=parse_size, help="real, 1000, 10k, …")
    parser.add_argument("--child", type=parse_size, help=argparse.SUPPRESS)
    parser.add_argument("--asks", type=int, default=DEFAULT_ASKS, help="timed asks per size")
    parser.add_argument("--ask-seconds", type=float, default=DEFAULT_ASK_SECONDS, help="time for the asks")
    parser.add_argument("--build-cap", type=float, default=DEFAULT_BUILD_CAP, help="seconds; 0 for none")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the build's allocations")
    args = parser.parse_args(argv)
    if args.child is not None:
        return run_child(args.child, args.asks, args.ask_seconds, args.tracemalloc)
    for size in args.sizes or [REAL]:
        result = measure(
            size,
            asks=args.asks,
            ask_seconds=args.ask_seconds,
            build_cap=args.build_cap,
            traced=args.tracemalloc,
        )
        print(describe(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
