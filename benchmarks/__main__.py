"""``python -m benchmarks`` (``make bench``): every benchmark, then one table of results and targets.

Parts (``--parts``, all by default):

* ``scale``: the engine at the real knowledge base and at 1,000, 10,000 and 100,000 entries
  (``--sizes``), each in a fresh process (``benchmarks.bench_scale``);
* ``cold``: the wall time of ``python -m bot ask "…"`` (``benchmarks.bench_cold_start``);
* ``e2e``: messages per second through the real bot beside a bare echo bot, against the local
  fake Bot API server, and the real bot with its question log on and off
  (``benchmarks.bench_e2e``);
* ``store``: the question log's write rate and the size of a day of records, in SQLite and
  PostgreSQL (``benchmarks.bench_store``);
* ``adversarial``: the engine's worst case over generated input of up to 4,096 characters, on
  every path a front end takes per message (``benchmarks.bench_adversarial``).

``--quick`` runs smaller versions of each (no 100,000 entries, fewer asks, runs and
messages) in about a minute. Progress goes to standard error; the tables to standard
output, as Markdown. Nothing here asserts: a target missed is reported, not raised.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import bench_adversarial, bench_cold_start, bench_e2e, bench_scale, bench_store
from benchmarks.bench_scale import REAL, SERVED, ScaleResult, parse_size, size_label

PARTS = ("scale", "cold", "e2e", "store", "adversarial")
DEFAULT_SIZES = (REAL, SERVED, 1_000, 10_000, 100_000)
QUICK_SIZES = (REAL, SERVED, 1_000, 10_000)

# The targets: the "Hardening" issue's, with the "Languages" issue's for the real knowledge base.
P99_REAL_MS = 1.0
P99_LARGE_MS = 10.0  # on cold caches, paraphrases in four languages: the worst group's p99
LARGE_SIZE = 100_000
# The "Operator-grade" issue's targets for the build: size, seconds, MiB the build adds.
BUILD_TARGETS = ((10_000, 2.0, 150.0), (100_000, 20.0, 600.0))
GC_PAUSE_MS = 10.0  # a full collection after the build or the asks, at every size
COLD_START_S = 0.3  # issue 10: at most 0.3 s on an unchanged knowledge base (the engine from the cache)
PEAK_REAL_MIB = 80.0
E2E_RATIO = 0.9
LOG_RATIO = 0.95  # throughput with the question log on, over off
BUSY = 0.2  # the share of CPU busy before the run above which the figures are flagged


@dataclass(frozen=True)
class Verdict:
    """One target: what it asks, the figure measured, and PASS, MISS or why neither."""

    target: str
    figure: str
    verdict: str


def _at_most(target: str, value: float | None, limit: float, unit: str, missing: str | None) -> Verdict:
    """A target of the form "value ≤ limit"."""
    if value is None:
        return Verdict(target, "not measured", f"MISS: not measured ({missing or 'no figure'})")
    digits = 3 if limit < 10 else 1
    figure = f"{value:,.{digits}f} {unit}"
    if value <= limit:
        return Verdict(
            target,
            figure,
            f"PASS: {limit - value:,.{digits}f} {unit} under ({1 - value / limit:.0%} headroom)",
        )
    return Verdict(
        target, figure, f"MISS: {value - limit:,.{digits}f} {unit} over ({value / limit:.2f}× the target)"
    )


def _at_least(target: str, value: float | None, floor: float, missing: str | None) -> Verdict:
    """A target of the form "ratio ≥ floor"."""
    if value is None:
        return Verdict(target, "not measured", f"MISS: not measured ({missing or 'no figure'})")
    figure = f"{value:.3f}×"
    if value >= floor:
        return Verdict(target, figure, f"PASS: {value - floor:.3f} above")
    return Verdict(target, figure, f"MISS: {floor - value:.3f} short ({value / floor:.0%} of the target)")


def _not_run(target: str, why: str) -> Verdict:
    return Verdict(target, "not run", f"— ({why})")


def _worst_p99(result: ScaleResult) -> float | None:
    """The highest p99 of any group of questions (the overall p99 when there are no groups)."""
    p99s = [group[1] for group in result.groups.values()]
    return max(p99s) if p99s else result.p99_ms


def _build_verdicts(scale: dict[int, ScaleResult] | None) -> list[Verdict]:
    """The build's time and memory at 10,000 and 100,000 entries, and the collection pause."""
    found: list[Verdict] = []
    for size, seconds, mib in BUILD_TARGETS:
        result = (scale or {}).get(size)
        time_target = f"build, {size:,} entries ≤ {seconds:g} s"
        memory_target = f"build, {size:,} entries: memory it adds (RSS) ≤ {mib:g} MiB"
        if result is None:
            found += [_not_run(t, "part or size not selected") for t in (time_target, memory_target)]
            continue
        found.append(_at_most(time_target, result.build_s, seconds, "s", result.missing))
        found.append(_at_most(memory_target, result.build_rss_mib, mib, "MiB", result.missing))
    measured = [r for r in (scale or {}).values() if r.gc_pause_ms is not None]
    target = f"full garbage collection after the build or the asks, any size ≤ {GC_PAUSE_MS:g} ms"
    if not measured:
        found.append(_not_run(target, "part not selected"))
    else:
        worst = max(measured, key=lambda r: r.gc_pause_ms or 0.0)
        found.append(_at_most(target, worst.gc_pause_ms, GC_PAUSE_MS, "ms", None))
    return found


def verdicts(
    scale: dict[int, ScaleResult] | None,
    cold: bench_cold_start.ColdStart | None,
    e2e: list[bench_e2e.E2EPair] | None,
    adversarial: bench_adversarial.AdversarialResult | None = None,
) -> list[Verdict]:
    """Every target against what was measured."""
    found: list[Verdict] = []
    p99_real = f"engine p99 latency, real knowledge base, warm caches ≤ {P99_REAL_MS:g} ms"
    p99_large = (
        f"engine p99 latency, {LARGE_SIZE:,} entries, cold caches, worst of real questions, "
        f"paraphrases in en/ru/it/kk and common-word questions ≤ {P99_LARGE_MS:g} ms"
    )
    peak = f"peak memory (RSS), real knowledge base, built in the process ≤ {PEAK_REAL_MIB:g} MiB"
    served = f"peak memory (RSS), real knowledge base, engine from the cache ≤ {PEAK_REAL_MIB:g} MiB"
    for target, size, limit in ((p99_real, REAL, P99_REAL_MS), (p99_large, LARGE_SIZE, P99_LARGE_MS)):
        result = (scale or {}).get(size)
        if result is None:
            found.append(_not_run(target, "part or size not selected"))
        else:
            value = result.warm_p99_ms if size == REAL else _worst_p99(result)
            found.append(_at_most(target, value, limit, "ms", result.missing))
    found += _build_verdicts(scale)
    for target, size in ((peak, REAL), (served, SERVED)):
        real = (scale or {}).get(size)
        if real is None:
            found.append(_not_run(target, "part or size not selected"))
        else:
            value = real.peak_rss_mib if real.missing is None else None
            found.append(_at_most(target, value, PEAK_REAL_MIB, "MiB", real.missing))
    target = f"cold start of `python -m bot ask`, median ≤ {COLD_START_S:g} s"
    if cold is None:
        found.append(_not_run(target, "part not selected"))
    else:
        found.append(_at_most(target, cold.median, COLD_START_S, "s", None))
    for mode in ("off", "deployed"):
        target = f"end-to-end throughput ≥ {E2E_RATIO:g} × the echo bot's (rate limits {mode})"
        pair = next((p for p in e2e or [] if p.mode == mode), None)
        if pair is None:
            found.append(_not_run(target, "part not selected or no messages"))
        else:
            missing = pair.real.missing or pair.echo.missing
            found.append(_at_least(target, pair.ratio, E2E_RATIO, missing))
    target = f"end-to-end throughput with the question log on ≥ {LOG_RATIO:g} × off (rate limits off)"
    pair = next((p for p in e2e or [] if p.mode == "off" and p.unlogged), None)
    if pair is None or pair.unlogged is None:
        found.append(_not_run(target, "part not selected or no messages"))
    else:
        missing = pair.real.missing or pair.unlogged.missing
        found.append(_at_least(target, pair.log_ratio, LOG_RATIO, missing))
    target = (
        f"every input ≤ {bench_adversarial.MAX_CHARS:,} chars ≤ {bench_adversarial.TARGET_MS:g} ms "
        "(worst case, engine CPU, every front-end path)"
    )
    if adversarial is None:
        found.append(_not_run(target, "part not selected"))
    else:
        found.append(_at_most(target, adversarial.worst_ms, bench_adversarial.TARGET_MS, "ms", None))
    return found


# -- tables -------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, its columns padded to line up in a terminal."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def _n(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def scale_table(results: Sequence[ScaleResult]) -> str:
    """The engine at each size."""
    header = ["size", "entries", "corpus s", "build s (CPU)", "build +MiB", "gc ms", "peak RSS MiB", "asks"]
    header += ["p50 ms", "p90 ms", "p99 ms", "max ms", "CPU p50 / p99 ms", "warm p50 / p99 ms"]
    rows = []
    for r in results:
        entries = "—" if r.entries is None else f"{r.entries:,}"
        build = f"{_n(r.build_s)} ({_n(r.build_cpu_s)})"
        row = [r.label, entries, _n(r.corpus_s), build, _n(r.build_rss_mib, 1), _n(r.gc_pause_ms, 1)]
        if r.missing:
            row += [_n(r.peak_rss_mib, 1) if r.build_s is not None else "—", f"not measured: {r.missing}"]
            row += [""] * (len(header) - len(row))
        else:
            row += [_n(r.peak_rss_mib, 1), f"{r.asks or 0:,}"]
            row += [_n(r.p50_ms, 3), _n(r.p90_ms, 3), _n(r.p99_ms, 3), _n(r.max_ms, 3)]
            row += [f"{_n(r.cpu_p50_ms, 3)} / {_n(r.cpu_p99_ms, 3)}"]
            row += [f"{_n(r.warm_p50_ms, 3)} / {_n(r.warm_p99_ms, 3)}"]
        rows.append(row)
    notes = []
    for r in results:
        if r.traced_mib is not None:
            notes.append(f"{r.label}: tracemalloc peak of a second, traced build {r.traced_mib:.1f} MiB")
        if r.traced_note:
            notes.append(f"{r.label}: traced build not measured: {r.traced_note}")
        if r.questions and not r.missing:
            counts = {group: int(figures[0]) for group, figures in r.groups.items()}
            kinds = ", ".join(f"{group} {n:,}" for group, n in sorted(counts.items()))
            notes.append(
                f"{r.label}: {r.questions} questions ({r.answered} answered in the first round), every ask "
                f"on cold caches; asks by group: {kinds}"
            )
            worst = "; ".join(
                f"{group} {p99:.2f} / {most:.2f} / {cpu:.2f}"
                for group, (_, p99, most, cpu) in sorted(r.groups.items())
            )
            notes.append(f"{r.label}: cold caches, p99 / max / CPU p99 ms by group: {worst}")
        if r.gc_tracked is not None and not r.missing:
            notes.append(f"{r.label}: a full collection after the build walks {r.gc_tracked:,} objects")
        if r.slowest and not r.missing:
            slow = "; ".join(f"{question!r} {ms:.1f} ms" for question, ms in r.slowest)
            notes.append(f"{r.label}: slowest questions (median CPU per call): {slow}")
    return table(header, rows) + "".join(f"\n- {n}" for n in notes)


def cold_table(cold: bench_cold_start.ColdStart) -> str:
    """The cold start's runs."""
    times = sorted(cold.times)
    command = 'python -m bot ask "…"'
    return table(
        ["command", "runs", "median s", "min s", "max s", "first run s (builds the cache)"],
        [
            [
                command,
                str(len(times)),
                _n(cold.median, 3),
                _n(times[0], 3),
                _n(times[-1], 3),
                _n(cold.first, 3),
            ]
        ],
    )


def e2e_table(pairs: Sequence[bench_e2e.E2EPair]) -> str:
    """Both bots under each limiter setting."""
    header = ["rate limits", "bot", "messages", "seconds", "msg/s", "bot CPU ms/msg", "real / echo"]
    rows = []
    notes = []
    for pair in pairs:
        for run in pair.runs:
            if run.rate is None:
                rows.append(
                    [pair.mode, run.kind, f"{run.messages:,}", f"not measured: {run.missing}", "", "", ""]
                )
                continue
            cpu = _n(run.bot_cpu_s * 1000 / run.messages) if run.bot_cpu_s is not None else "—"
            ratio = _n(pair.ratio, 3) if run.kind == "real" else ""
            if run.kind in ("unlogged", "echo-aiohttp") and run.rate and pair.echo.rate:
                ratio = _n(run.rate / pair.echo.rate, 3)
            rows.append(
                [pair.mode, run.kind, f"{run.messages:,}", _n(run.seconds), _n(run.rate, 1), cpu, ratio]
            )
        same = "the same for both" if pair.same_limiter else "DIFFERENT between the bots"
        notes.append(f"limits {pair.mode}: AIORateLimiter arguments {pair.real.limiter or '?'}, {same}")
        if pair.real.peak_rss_mib:
            notes.append(
                f"limits {pair.mode}: the real bot's process peaked at {pair.real.peak_rss_mib:.1f} MiB RSS"
            )
        if pair.mode == "deployed":
            notes.append(
                "limits deployed: both bots are held to Telegram's 30 messages a second; "
                "a ratio near 1 says the real bot keeps up with that cap"
            )
        elif pair.real.rate and pair.echo.rate:
            extra = 1000 / pair.real.rate - 1000 / pair.echo.rate
            note = (
                f"limits off: the real bot takes {extra:.2f} ms more per message than the echo bot; "
                f"question_reply (engine + rendering) alone takes {pair.answer_ms:.2f} ms"
            )
            if pair.real.bot_cpu_s and pair.echo.bot_cpu_s:
                cpu_ratio = (pair.echo.bot_cpu_s / pair.echo.messages) / (
                    pair.real.bot_cpu_s / pair.real.messages
                )
                note += f"; by the bots' CPU time per message the ratio would be {cpu_ratio:.3f}"
            notes.append(note)
            if len(pair.round_ratios) > 1:
                each = ", ".join(f"{r:.3f}" for r in pair.round_ratios)
                notes.append(f"limits off: real / echo in each round alone: {each}")
        if pair.transport_ratio is not None and pair.echo_aiohttp is not None:
            notes.append(
                "limits off: the real bot talks to the Bot API through aiohttp with JSON bodies "
                "(bot/transport.py), the echo bot through python-telegram-bot's httpx; on the "
                f"real bot's transport the echo bot runs at {pair.echo_aiohttp.rate:,.1f} msg/s "
                f"and real / echo-aiohttp = {pair.transport_ratio:.3f}"
            )
        if pair.log_ratio is not None:
            sent = pair.real.messages + bench_e2e.WARMUP_MESSAGES * pair.real.rounds
            notes.append(
                f"limits {pair.mode}: the real bot records every question (SQLite in its DATA_DIR); "
                f"unlogged is the same bot with LOG_QUESTIONS=false; log on / off = "
                f"{pair.log_ratio:.3f}; {pair.real.recorded} of {sent} questions (warm-up included) "
                "were in its log after it stopped"
            )
        failed = pair.echo.failed + pair.real.failed
        if failed:
            notes.append(f"limits {pair.mode}: {failed} replies were refused by the fake server")
        if pair.real.errors_logged:
            notes.append(f"limits {pair.mode}: the real bot logged {pair.real.errors_logged} error line(s)")
    return table(header, rows) + "".join(f"\n- {n}" for n in notes)


def store_table(results: Sequence[bench_store.StoreResult]) -> str:
    """The question log's figures per database."""
    header = [
        "database",
        "records written",
        "seconds",
        "records/s",
        f"a day of {bench_store.DAY:,} questions",
    ]
    rows = []
    for r in results:
        if r.missing or r.rate is None or r.day_bytes is None:
            rows.append([r.database, f"not measured: {r.missing}", "", "", ""])
            continue
        day = f"{r.day_bytes / 2**20:.1f} MiB ({r.day_bytes / bench_store.DAY:.0f} bytes a question)"
        rows.append([r.database, f"{r.records:,}", _n(r.write_seconds), f"{r.rate:,.0f}", day])
    return table(header, rows)


def adversarial_table(result: bench_adversarial.AdversarialResult) -> str:
    """Per path, then per family of input: mean, p99 and the worst case."""
    paths = table(bench_adversarial.PATH_HEADER, bench_adversarial.path_table(result))
    families = table(bench_adversarial.FAMILY_HEADER, bench_adversarial.family_table(result))
    slowest = "".join(f"\n- {line}" for line in bench_adversarial.slowest(result))
    return f"{paths}\n\n{families}\n\nSlowest inputs (CPU):{slowest}"


def targets_table(found: Sequence[Verdict]) -> str:
    """Each target, its figure and verdict."""
    return table(["target", "figure", "verdict"], [[v.target, v.figure, v.verdict] for v in found])


# -- running --------------------------------------------------------------------------------


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [
            line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        ]
        if names:
            cpu = names[0].split(":", 1)[1].strip()
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def _load() -> str:
    try:
        return " / ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "?"


def _cpu_busy(seconds: float = 1.0) -> float | None:
    """The share of the machine's CPU time spent busy over the next ``seconds`` (/proc/stat)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = values[3] + values[4]  # idle and iowait
        return sum(values) - idle, sum(values)

    try:
        busy_before, total_before = sample()
        time.sleep(seconds)
        busy_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    total = total_after - total_before
    return (busy_after - busy_before) / total if total else None


def _progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _timed(name: str, timings: dict[str, float], run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    try:
        return run()
    finally:
        timings[name] = time.perf_counter() - start
        _progress(f"{name} done in {timings[name]:.1f} s")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line of ``python -m benchmarks``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated: {','.join(PARTS)} (default: all)"
    )
    parser.add_argument(
        "--sizes",
        help="comma-separated sizes for scale: real, 1000, 10k, … (default: real,1000,10000,100000)",
    )
    parser.add_argument("--quick", action="store_true", help="smaller runs: about a minute in all")
    parser.add_argument("--build-cap", type=float, help="seconds a build may take (default 180; 0: none)")
    parser.add_argument("--asks", type=int, help="timed asks per size (default 3000, at least 500)")
    parser.add_argument("--ask-seconds", type=float, help="time for the asks of one size (default 60)")
    parser.add_argument("--tracemalloc", action="store_true", help="trace a second build at every size")
    parser.add_argument("--cold-runs", type=int, help="timed cold starts (default 10)")
    parser.add_argument("--e2e-messages", type=int, help="messages per run, limits off (default 2000)")
    parser.add_argument("--e2e-rounds", type=int, help="runs of each bot, limits off (default 2)")
    parser.add_argument(
        "--e2e-deployed-messages", type=int, help="messages, limits as deployed (default 300; 0: skip)"
    )
    parser.add_argument(
        "--per-family", type=int, help="adversarial inputs per family and language (default 6)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    args.parts = parts
    try:
        sizes = [parse_size(s) for s in args.sizes.split(",")] if args.sizes else None
    except ValueError as error:
        parser.error(str(error))
    quick = args.quick
    args.sizes = sizes or list(QUICK_SIZES if quick else DEFAULT_SIZES)
    defaults = {
        "build_cap": (60.0, bench_scale.DEFAULT_BUILD_CAP),
        "asks": (1_000, bench_scale.DEFAULT_ASKS),
        "ask_seconds": (15.0, bench_scale.DEFAULT_ASK_SECONDS),
        "cold_runs": (5, bench_cold_start.DEFAULT_RUNS),
        "e2e_messages": (500, bench_e2e.DEFAULT_MESSAGES),
        "e2e_rounds": (1, bench_e2e.DEFAULT_ROUNDS),
        "e2e_deployed_messages": (100, bench_e2e.DEFAULT_DEPLOYED_MESSAGES),
        "per_family": (bench_adversarial.QUICK_PER_FAMILY, bench_adversarial.DEFAULT_PER_FAMILY),
    }
    for name, (short, full) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, short if quick else full)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the parts asked for and print the tables."""
    args = parse_args(argv)
    began = time.perf_counter()
    started = dt.datetime.now().astimezone()
    load_before = _load()
    busy_before = _cpu_busy()
    timings: dict[str, float] = {}
    scale: dict[int, ScaleResult] | None = None
    cold = None
    e2e = None
    if "scale" in args.parts:
        scale = {}
        for size in args.sizes:
            _progress(f"engine at {size_label(size)} …")
            result = _timed(
                f"scale {size_label(size)}",
                timings,
                functools.partial(
                    bench_scale.measure,
                    size,
                    asks=args.asks,
                    ask_seconds=args.ask_seconds,
                    build_cap=args.build_cap,
                    traced=args.tracemalloc,
                ),
            )
            scale[size] = result
            _progress(bench_scale.describe(result))
    if "cold" in args.parts:
        _progress("cold start …")
        cold = _timed("cold start", timings, lambda: bench_cold_start.measure(args.cold_runs))
    if "e2e" in args.parts:
        _progress("end to end …")
        e2e = _timed(
            "end to end",
            timings,
            lambda: bench_e2e.measure(args.e2e_messages, args.e2e_deployed_messages, args.e2e_rounds),
        )
    store = None
    if "store" in args.parts:
        _progress("question log store …")
        store = _timed("store", timings, bench_store.measure)
    adversarial = None
    if "adversarial" in args.parts:
        _progress("adversarial input …")
        adversarial = _timed("adversarial", timings, lambda: bench_adversarial.measure(args.per_family))
        _progress(bench_adversarial.describe(adversarial))
    total = time.perf_counter() - began

    print(f"# Benchmarks, {started:%Y-%m-%d %H:%M %Z}")
    busy = "?" if busy_before is None else f"{busy_before:.0%}"
    print(
        f"\nMachine: {_machine()}. CPU busy in the second before the run: {busy}; "
        f"load average (1/5/15 min) {load_before} before, {_load()} after."
    )
    if busy_before is not None and busy_before > BUSY:
        print(
            "\n**The machine was busy before the run began** (other processes): wall times are "
            "inflated by waiting for a core; the CPU-time figures (engine CPU p50 / p99, bots' CPU "
            "ms per message) are much less affected. Run again on a quiet machine to judge the targets."
        )
    if scale is not None:
        print("\n## Engine at scale (each size in a fresh process)\n")
        print(scale_table(list(scale.values())))
    if cold is not None:
        print(
            f"\n## Cold start (whole process; {len(cold.times)} runs after the one that builds the cache)\n"
        )
        print(cold_table(cold))
    if e2e is not None:
        print("\n## End to end (fake Bot API server on 127.0.0.1, long polling, one process per bot)\n")
        print(e2e_table(e2e))
    if store is not None:
        print("\n## The question log's store (batches of the recorder, on this machine's disk)\n")
        print(store_table(store))
    if adversarial is not None:
        print(
            f"\n## Adversarial input ({adversarial.inputs:,} generated messages of up to "
            f"{adversarial.longest:,} characters, each timed cold on {adversarial.passes} fresh engines, "
            "the lower counting)\n"
        )
        print(adversarial_table(adversarial))
    found = verdicts(scale, cold, e2e, adversarial)
    print("\n## Targets\n")
    print(targets_table(found))
    spent = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
    print(f"\nWhole run: {total:.1f} s ({spent}).")
    if args.json:
        record = {
            "started": started.isoformat(),
            "machine": _machine(),
            "seconds": total,
            "timings": timings,
            "scale": [{**asdict(r), "log": None} for r in (scale or {}).values()],
            "cold_start": asdict(cold) if cold else None,
            "e2e": [asdict(p) | {"ratio": p.ratio, "log_ratio": p.log_ratio} for p in e2e or []],
            "store": [asdict(r) | {"rate": r.rate} for r in store or []],
            "adversarial": bench_adversarial.summary(adversarial) if adversarial else None,
            "targets": [asdict(v) for v in found],
        }
        args.json.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
