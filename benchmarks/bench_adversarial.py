"""Adversarial input: the engine's worst case over generated messages of up to 4,096 characters.

Telegram delivers messages of up to 4,096 characters, and the engine runs on the event loop:
one slow question delays every user. This benchmark generates, from a fixed seed, families of
input built to make the engine work (random and misspelt words, a keyword or a name repeated,
many years and numbers, chains of "how long between … and …", mixed scripts, emoji, one very
long token, 4,096 digits …) in each language's script, and times every path a front end
takes per message on each:

* ``ask``: :meth:`Engine.ask`, the language detected;
* ``follow-up``: :func:`handlers.questions.question_reply` with a conversation's last answer
  as context (the chat's path: the language, the length check, the engine, the HTML reply);
* ``command``: :meth:`Engine.command` for a topic with the text as its argument
  (``/visits …``);
* ``inline``: :func:`handlers.inline.inline_results` with the text cut to an inline query's 256
  characters.

Each input is timed cold (a new word is corrected and stemmed on first sight, so a repeat
would flatter the engine), in CPU time of the thread and in wall time, on two freshly built
engines in turn: the lower figure counts, since another process on the machine can only add
time. Run it alone with ``python -m benchmarks.bench_adversarial``.
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from knowledge import Engine
from knowledge.commands import answer_command
from knowledge.followup import Frame
from knowledge.language import WORDS_DIR

SEED = 20261129
MAX_CHARS = 4_096  # the longest message Telegram delivers
INLINE_CHARS = 256  # the longest inline query
TARGET_MS = 5.0  # every input of up to MAX_CHARS costs at most this, on every path
DEFAULT_PER_FAMILY = 6  # inputs per family and language (one of them MAX_CHARS long)
QUICK_PER_FAMILY = 3
SLOWEST = 5  # the slowest inputs shown
PASSES = 2  # fresh engines each input is timed on (the lowest counts)
COMMON_WORDS = 3_000  # ordinary words of a language drawn from, beside the knowledge base's

# Letters of each script, to make words nobody wrote (each corrected against the vocabulary).
_LATIN = "abcdefghijklmnopqrstuvwxyzàèéìòù"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"
_EMOJI = "😀🇰🇿🇮🇹🎉👍🏽❤️‍🔥🤔🧐💶📈🏛️✈️🕌🍕"
_MARKS = "\u0301\u0308\u200b\u200d\u00ad\u202e\ufeff"  # combining accents, invisible characters
_PUNCTUATION = "?!.,;:-—()«»\"'/@#№%&*"


@dataclass(frozen=True)
class Material:
    """What one language gives the generators: its words, names and span phrases."""

    lang: str
    script: str
    words: tuple[str, ...]  # the knowledge base's words in the language, and common ones
    keywords: tuple[str, ...]
    names: tuple[str, ...]  # people, the two countries, cities, other countries
    years: tuple[str, ...]
    starts: tuple[str, ...]  # "how long", "сколько лет" …
    between: tuple[str, ...]
    joins: tuple[str, ...]
    postposition: bool
    phrasings: tuple[str, ...]


def materials(engine: Engine) -> dict[str, Material]:
    """Per language, the material of its inputs, read from the knowledge base itself."""
    corpus = engine.corpus
    lexicon, facts = corpus.lexicon, corpus.facts
    names = [n for p in facts.people for n in (*p.name.root.values(), *p.aliases)]
    names += [*lexicon.cities, *lexicon.foreign_places, *lexicon.countries.values()]
    years = sorted(
        {y for e in corpus.entries for y in engine.index.mentions(e.id) if y.isdigit() and len(y) == 4}
    )
    found = {}
    for code, language in engine.languages.items():
        pack = language.pack
        phrasings = [t for e in corpus.entries for lang, t in e.questions.all() if lang == code]
        words = sorted({w for t in phrasings for w in t.replace("?", " ").split()})
        if pack.common_words:  # the language's commonest words, as its list ranks them
            words += (WORDS_DIR / pack.common_words).read_text(encoding="utf-8").split()[:COMMON_WORDS]
        found[code] = Material(
            lang=code,
            script=language.script,
            words=tuple(words),
            keywords=tuple(sorted({k for e in corpus.entries for k in e.keywords})),
            names=tuple(sorted(set(names))),
            years=tuple(years) or ("1992", "2014"),
            starts=tuple(pack.span.starts),
            between=tuple(pack.span.between),
            joins=tuple(pack.span.joins),
            postposition=pack.span.postposition,
            phrasings=tuple(phrasings),
        )
    return found


def _fill(rng: random.Random, length: int, piece: Callable[[], str], sep: str = " ") -> str:
    """Pieces joined by ``sep`` until the text is ``length`` characters long."""
    parts: list[str] = []
    size = 0
    while size < length:
        part = piece()
        parts.append(part)
        size += len(part) + len(sep)
    return sep.join(parts)[:length]


def _letters(m: Material) -> str:
    return _LATIN if m.script == "latin" else _CYRILLIC


def _random_words(rng: random.Random, m: Material, n: int) -> str:
    return _fill(rng, n, lambda: rng.choice(m.words))


def _gibberish(rng: random.Random, m: Material, n: int) -> str:
    letters = _letters(m)
    return _fill(rng, n, lambda: "".join(rng.choice(letters) for _ in range(rng.randint(3, 14))))


def _misspelt(rng: random.Random, m: Material, n: int) -> str:
    """The knowledge base's words, each with one letter changed: every one is a typo to correct."""
    letters = _letters(m)

    def typo() -> str:
        word = rng.choice(m.words)
        if len(word) < 4:
            return word
        i = rng.randrange(1, len(word))
        return word[:i] + rng.choice(letters) + word[i + 1 :]

    return _fill(rng, n, typo)


def _repeated(rng: random.Random, m: Material, n: int) -> str:
    chosen = rng.sample(m.keywords, k=min(3, len(m.keywords)))
    return _fill(rng, n, lambda: rng.choice(chosen))


def _numbers(rng: random.Random, m: Material, n: int) -> str:
    def number() -> str:
        kind = rng.randrange(4)
        if kind == 0:
            return rng.choice(m.years)
        if kind == 1:
            return str(rng.randint(1900, 2099))
        if kind == 2:
            return f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}.{rng.randint(0, 99)}%"
        return str(rng.randint(0, 10**9))

    return _fill(rng, n, number)


def _names(rng: random.Random, m: Material, n: int) -> str:
    return _fill(rng, n, lambda: rng.choice(m.names).title(), sep=rng.choice([" ", ", ", " and "]))


def _capitals(rng: random.Random, m: Material, n: int) -> str:
    """Capitalized words nobody knows, inside sentences: each may be a name."""
    letters = _letters(m)

    def name() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(4, 10))).capitalize()

    return rng.choice(m.words) + " " + _fill(rng, n, name)


def _spans(rng: random.Random, m: Material, n: int) -> str:
    """ "how long between A and how long between B and …", in the language's word order."""
    if not (m.starts and m.between and m.joins):
        return _random_words(rng, m, n)

    def side() -> str:
        return rng.choice([rng.choice(m.phrasings).rstrip("?"), rng.choice(m.names), rng.choice(m.years)])

    def link() -> str:
        start, between, join = rng.choice(m.starts), rng.choice(m.between), rng.choice(m.joins)
        if m.postposition:
            return f"{side()} {join} {side()} {between} {start}"
        return f"{start} {between} {side()} {join} {side()} {join}"

    return _fill(rng, n, link)


def _mixed(rng: random.Random, m: Material, n: int, others: Sequence[Material] = ()) -> str:
    """Words of every language, and words whose letters mix Latin and Cyrillic."""

    def piece() -> str:
        if rng.random() < 0.3:
            word = rng.choice(m.words)
            return "".join(rng.choice((c, rng.choice(_LATIN + _CYRILLIC))) for c in word)
        return rng.choice(rng.choice([m, *others]).words)

    return _fill(rng, n, piece)


def _emoji(rng: random.Random, m: Material, n: int) -> str:
    def piece() -> str:
        word = rng.choice(m.words)
        return rng.choice(_EMOJI) + word + rng.choice(_MARKS) + rng.choice(_EMOJI)

    return _fill(rng, n, piece, sep=rng.choice(["", " "]))


def _long_token(rng: random.Random, m: Material, n: int) -> str:
    letters = _letters(m)
    if rng.random() < 0.5:
        return rng.choice(letters) * n
    return "".join(rng.choice(letters) for _ in range(n))


def _digits(rng: random.Random, m: Material, n: int) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice("0123456789") for _ in range(n))
    return _fill(rng, n, lambda: str(rng.randint(0, 999)), sep=rng.choice([",", ".", ""]))


def _punctuation(rng: random.Random, m: Material, n: int) -> str:
    return _fill(rng, n, lambda: rng.choice(m.words) + rng.choice(_PUNCTUATION) * rng.randint(1, 5), sep="")


Generator = Callable[[random.Random, Material, int], str]
FAMILIES: dict[str, Generator] = {
    "random words": _random_words,
    "gibberish": _gibberish,
    "misspelt": _misspelt,
    "repeated keyword": _repeated,
    "years and numbers": _numbers,
    "entity names": _names,
    "unknown capitals": _capitals,
    "span chains": _spans,
    "mixed scripts": _mixed,
    "emoji and marks": _emoji,
    "one long token": _long_token,
    "digits": _digits,
    "punctuation": _punctuation,
}


@dataclass(frozen=True)
class Input:
    """One generated message."""

    family: str
    lang: str
    text: str


def generate(engine: Engine, per_family: int = DEFAULT_PER_FAMILY, seed: int = SEED) -> list[Input]:
    """``per_family`` inputs per family and language: one ``MAX_CHARS`` long, the rest shorter."""
    rng = random.Random(seed)
    found = materials(engine)
    inputs = []
    for family, make in FAMILIES.items():
        for lang, material in found.items():
            for i in range(per_family):
                length = (
                    MAX_CHARS if i == 0 else rng.choice([rng.randint(20, 300), rng.randint(300, MAX_CHARS)])
                )
                if make is _mixed:
                    text = _mixed(rng, material, length, list(found.values()))
                else:
                    text = make(rng, material, length)
                inputs.append(Input(family, lang, unicodedata.normalize("NFC", text)[:MAX_CHARS]))
    return inputs


# -- timing ----------------------------------------------------------------------------------


@dataclass
class Timing:
    """One path's times over the inputs, in milliseconds (CPU of the thread, and wall)."""

    path: str
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    inputs: list[Input] = field(default_factory=list)

    def add(self, item: Input, cpu_ms: float, wall_ms: float) -> None:
        """Record one input's times."""
        self.inputs.append(item)
        self.cpu.append(cpu_ms)
        self.wall.append(wall_ms)


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(percent / 100 * len(ordered))) - 1]


def _paths(engine: Engine) -> dict[str, Callable[[str, str], object]]:
    """Every path a front end takes per message, each a call of (text, language)."""
    from handlers.inline import inline_results
    from handlers.questions import question_reply

    topics = [t.id for t in engine.topics]
    first = engine.ask(engine.topics[0].examples.first(engine.default, engine.default))
    frame = first.frame or Frame(engine.default, None, engine.analyzer.analyze("", engine.default))
    frames = {lang: Frame(lang, frame.entry_id, frame.analysis) for lang in engine.languages}
    turn = iter(range(10**9))
    return {
        "ask": lambda text, lang: engine.ask(text),
        "follow-up": lambda text, lang: question_reply(engine, text, lang, frames[lang]),
        "command": lambda text, lang: answer_command(engine, topics[next(turn) % len(topics)], text, lang),
        "inline": lambda text, lang: inline_results(engine, text[:INLINE_CHARS], lang, "bench_bot"),
    }


@dataclass
class AdversarialResult:
    """Every path's timings over the inputs."""

    inputs: int
    timings: list[Timing]
    longest: int
    passes: int = 1

    @property
    def worst_ms(self) -> float:
        """The slowest input on any path, CPU time."""
        return max(max(t.cpu) for t in self.timings)


def _pass(engine: Engine, inputs: Sequence[Input]) -> dict[str, list[tuple[float, float]]]:
    """Per path, the (CPU, wall) milliseconds of each input on ``engine``, its caches cold."""
    paths = _paths(engine)
    gc.collect()
    gc.freeze()  # the engine's objects: a collection then scans only what a question makes
    found: dict[str, list[tuple[float, float]]] = {name: [] for name in paths}
    try:
        for item in inputs:
            for name, call in paths.items():
                cpu, wall = time.thread_time_ns(), time.perf_counter_ns()
                call(item.text, item.lang)
                found[name].append(
                    ((time.thread_time_ns() - cpu) / 1e6, (time.perf_counter_ns() - wall) / 1e6)
                )
    finally:
        gc.unfreeze()
    return found


def measure(
    per_family: int = DEFAULT_PER_FAMILY, seed: int = SEED, passes: int = PASSES
) -> AdversarialResult:
    """Generate the inputs and time every path on each, cold, in ``passes`` fresh engines.

    Each input's figure is its lowest over the passes: every pass reads it with cold caches,
    and another process taking the core can only add time.
    """
    inputs = generate(Engine.load(), per_family, seed)
    runs = [_pass(Engine.load(), inputs) for _ in range(passes)]
    timings = []
    for name in runs[0]:
        timing = Timing(name)
        for i, item in enumerate(inputs):
            cpu = min(run[name][i][0] for run in runs)
            wall = min(run[name][i][1] for run in runs)
            timing.add(item, cpu, wall)
        timings.append(timing)
    return AdversarialResult(len(inputs), timings, max(len(i.text) for i in inputs), passes)


def path_table(result: AdversarialResult) -> list[list[str]]:
    """Per path: mean, p99 and worst, CPU and wall."""
    rows = []
    for t in result.timings:
        rows.append(
            [
                t.path,
                f"{len(t.cpu):,}",
                f"{statistics.fmean(t.cpu):.3f}",
                f"{percentile(t.cpu, 99):.3f}",
                f"{max(t.cpu):.3f}",
                f"{statistics.fmean(t.wall):.3f} / {percentile(t.wall, 99):.3f} / {max(t.wall):.3f}",
            ]
        )
    return rows


PATH_HEADER = ["path", "inputs", "mean ms", "p99 ms", "worst ms", "wall mean / p99 / worst ms"]


def family_table(result: AdversarialResult) -> list[list[str]]:
    """Per family: the worst input on any path, and where."""
    worst: dict[str, tuple[float, str, Input]] = {}
    means: dict[str, list[float]] = {}
    for t in result.timings:
        for item, cpu in zip(t.inputs, t.cpu, strict=True):
            means.setdefault(item.family, []).append(cpu)
            if item.family not in worst or cpu > worst[item.family][0]:
                worst[item.family] = (cpu, t.path, item)
    return [
        [
            family,
            f"{statistics.fmean(means[family]):.3f}",
            f"{ms:.3f}",
            f"{path}, {item.lang}, {len(item.text):,} chars",
        ]
        for family, (ms, path, item) in worst.items()
    ]


FAMILY_HEADER = ["family", "mean ms (all paths)", "worst ms", "worst on"]


def slowest(result: AdversarialResult, count: int = SLOWEST) -> list[str]:
    """The slowest inputs, shown by their start."""
    every = [(cpu, t.path, item) for t in result.timings for item, cpu in zip(t.inputs, t.cpu, strict=True)]
    every.sort(key=lambda e: -e[0])
    return [
        f"{cpu:.2f} ms {path} [{item.family}, {item.lang}] {item.text[:60]!r}…"
        for cpu, path, item in every[:count]
    ]


def summary(result: AdversarialResult) -> dict[str, object]:
    """The figures, for ``--json``: per path and per family, mean, p99 and worst (CPU ms)."""
    by_family: dict[str, list[float]] = {}
    for t in result.timings:
        for item, cpu in zip(t.inputs, t.cpu, strict=True):
            by_family.setdefault(item.family, []).append(cpu)
    figures = {t.path: t.cpu for t in result.timings} | by_family
    return {
        "inputs": result.inputs,
        "worst_ms": result.worst_ms,
        "figures": {
            name: {"mean_ms": statistics.fmean(v), "p99_ms": percentile(v, 99), "worst_ms": max(v)}
            for name, v in figures.items()
        },
    }


def describe(result: AdversarialResult) -> str:
    """A line for the progress log."""
    paths = len(result.timings)
    return f"adversarial: {result.inputs} inputs × {paths} paths, worst {result.worst_ms:.2f} ms CPU"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_adversarial", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--per-family", type=int, default=DEFAULT_PER_FAMILY, help="inputs per family and language"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--passes", type=int, default=PASSES, help="fresh engines to time each input on")
    args = parser.parse_args(argv)
    from benchmarks.__main__ import table

    result = measure(args.per_family, args.seed, args.passes)
    print(table(PATH_HEADER, path_table(result)))
    print()
    print(table(FAMILY_HEADER, family_table(result)))
    print()
    print("\n".join(slowest(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
