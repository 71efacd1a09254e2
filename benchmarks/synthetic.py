"""Synthetic knowledge bases of any size, for measuring the engine at scale.

Nothing here is committed data: the entries are generated in code, deterministically from a
seed, out of a vocabulary (content words of ``knowledge/resources/words/en.txt``, generated
Kazakh and Italian names, real places) and a handful of sentence templates. Each entry is a
real, validated :class:`knowledge.schema.Entry` with 4–6 English phrasings (the first a
question, as the schema requires), keywords and an answer; phrasings are unique across the
whole corpus, as the loader requires of a real knowledge base.

A synthetic corpus keeps the real knowledge base's topics, facts, lexicon and texts, and its
real entries, so the engine indexes real plus synthetic entries and the real development
questions still find their answers.

Questions drawn from the synthetic entries get one or two typos, as users type them.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from knowledge.language import WORDS_DIR
from knowledge.loader import DATA_DIR, load_corpus, phrasing_key
from knowledge.schema import Corpus, Entry, Phrasings, Texts

SEED = 20141804
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Real places of the two countries (not "foreign places", which make the engine decline).
KZ_PLACES = (
    "Astana",
    "Almaty",
    "Karaganda",
    "Shymkent",
    "Aktau",
    "Atyrau",
    "Pavlodar",
    "Semey",
    "Kostanay",
    "Taraz",
    "Oral",
    "Turkestan",
    "Aktobe",
    "Kokshetau",
    "Taldykorgan",
)
IT_PLACES = (
    "Rome",
    "Milan",
    "Turin",
    "Naples",
    "Florence",
    "Venice",
    "Bologna",
    "Genoa",
    "Palermo",
    "Verona",
    "Bari",
    "Trieste",
    "Padua",
    "Perugia",
    "Cagliari",
)
KZ_FIRST = (
    "Askar",
    "Aigerim",
    "Bauyrzhan",
    "Dana",
    "Daulet",
    "Gulnara",
    "Kairat",
    "Madina",
    "Marat",
    "Nurlan",
    "Saule",
    "Serik",
    "Timur",
    "Yerlan",
    "Zhanna",
    "Aidos",
    "Assel",
    "Berik",
    "Dinara",
    "Ruslan",
)
IT_FIRST = (
    "Alessandro",
    "Chiara",
    "Davide",
    "Elena",
    "Francesca",
    "Giorgio",
    "Giulia",
    "Luca",
    "Marco",
    "Paola",
    "Roberto",
    "Sara",
    "Stefano",
    "Valentina",
    "Andrea",
    "Federica",
    "Lorenzo",
    "Matteo",
    "Silvia",
    "Tommaso",
)
_KZ_STEMS = ("abd", "akh", "bay", "dos", "erm", "kas", "kun", "mak", "nur", "sar", "tok", "zhan", "ysk")
_KZ_MIDDLES = ("a", "e", "i", "u", "ay", "ym", "ul", "ib", "ar", "en")
_KZ_ENDS = ("bekov", "bayev", "ov", "uly", "kyzy", "zhanov", "baev", "ev", "in", "tayev")
_IT_STEMS = ("bel", "cal", "fer", "gal", "lom", "mar", "ros", "san", "ter", "vit", "cor", "pel", "ric")
_IT_MIDDLES = ("a", "e", "i", "o", "an", "er", "ol", "in", "ar", "ell")
_IT_ENDS = ("ini", "elli", "etti", "one", "ardi", "ucci", "ato", "esi", "otti", "aro")
# (present, past) of the verbs of event entries.
VERBS = (
    ("sign", "signed"),
    ("open", "opened"),
    ("launch", "launched"),
    ("host", "hosted"),
    ("present", "presented"),
    ("organise", "organised"),
    ("chair", "chaired"),
    ("fund", "funded"),
    ("restore", "restored"),
    ("publish", "published"),
    ("attend", "attended"),
    ("inaugurate", "inaugurated"),
)
GOODS_VERBS = (("export", "exports"), ("import", "imports"), ("supply", "supplies"), ("buy", "purchases"))
ORGANISATIONS = ("project", "programme", "centre", "foundation", "festival", "society", "institute")
# Content words: rank window in the English word list (most frequent first) and length.
CONTENT_RANKS = (250, 25_000)
CONTENT_LENGTH = (4, 12)
MIN_PHRASINGS, MAX_PHRASINGS = 4, 6


@dataclass(frozen=True)
class Vocabulary:
    """The words synthetic entries are built from."""

    words: tuple[str, ...]
    surnames_kz: tuple[str, ...]
    surnames_it: tuple[str, ...]

    @classmethod
    def build(cls, corpus: Corpus, english: Sequence[str]) -> Vocabulary:
        """Content words from ``english`` (no stopword, foreign place or unsupported attribute).

        Surnames are generated from syllables: a few thousand, so that names are as varied
        as in a large real knowledge base.
        """
        lexicon = corpus.lexicon
        english_pack = corpus.languages["en"]
        banned = set(english_pack.stopwords) | set(lexicon.unsupported_attributes.get("en", []))
        for country, forms in lexicon.foreign_places.items():
            banned |= {country, *forms}
        banned = {word for text in banned for word in text.lower().split()}
        low, high = CONTENT_RANKS
        shortest, longest = CONTENT_LENGTH
        words = tuple(
            w
            for w in dict.fromkeys(english[low:high])
            if w.isascii() and w.isalpha() and shortest <= len(w) <= longest and w not in banned
        )
        return cls(
            words,
            _surnames(_KZ_STEMS, _KZ_MIDDLES, _KZ_ENDS),
            _surnames(_IT_STEMS, _IT_MIDDLES, _IT_ENDS),
        )


def _surnames(stems: Sequence[str], middles: Sequence[str], ends: Sequence[str]) -> tuple[str, ...]:
    names = {(s + m + e).capitalize() for s in stems for m in middles for e in ends}
    names |= {(s + e).capitalize() for s in stems for e in ends}
    return tuple(sorted(names))


@dataclass
class _Draw:
    """One entry's random material."""

    rng: random.Random
    vocabulary: Vocabulary

    def word(self) -> str:
        return self.rng.choice(self.vocabulary.words)

    def person(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            return self.rng.choice(KZ_FIRST), self.rng.choice(self.vocabulary.surnames_kz)
        return self.rng.choice(IT_FIRST), self.rng.choice(self.vocabulary.surnames_it)

    def place(self) -> str:
        return self.rng.choice(KZ_PLACES + IT_PLACES)

    def year(self) -> int:
        return self.rng.randint(1992, 2014)


@dataclass(frozen=True)
class _Draft:
    kind: str
    phrasings: list[str]
    keywords: list[str]
    answer: str
    as_of: dt.date | None = None
    actor: str | None = None


def _event(d: _Draw) -> _Draft:
    """A dated event: who did what, where and when."""
    first, last = d.person()
    w1, w2 = d.word(), d.word()
    verb, past = d.rng.choice(VERBS)
    place, year, month = d.place(), d.year(), d.rng.choice(MONTHS)
    phrasings = [
        f"When did {first} {last} {verb} the {w1} {w2} in {place}?",
        f"{last.lower()} {w1} {w2} {year}",
        f"who {past} the {w1} {w2} in {place.lower()}",
        f"What was the {w1} {w2} that {last} {past}?",
        f"{w1} {w2} {place.lower()} date",
        f"tell me about {last.lower()}'s {w1} {w2}",
    ]
    answer = f"{first} {last} {past} the {w1} {w2} in {place} in {month} {year}."
    actor = d.rng.choice(("KZ", "IT", None, None))
    return _Draft("event", phrasings, [f"{w1} {w2}", f"{first} {last}"], answer, actor=actor)


def _organisation(d: _Draw) -> _Draft:
    """A project, centre or festival: what it is, who leads it, since when."""
    first, last = d.person()
    w1, w2 = d.word(), d.word()
    kind = d.rng.choice(ORGANISATIONS)
    place, year = d.place(), d.year()
    name = f"{w1} {w2} {kind}"
    phrasings = [
        f"What is the {name.capitalize()}?",
        f"{name}",
        f"Who runs the {name} in {place}?",
        f"when was the {name} founded",
        f"{w1} {w2} {kind} partners {place.lower()}",
        f"who leads the {w1} {w2} {kind}",
    ]
    answer = f"The {name} was founded in {place} in {year}; {first} {last} has led it since {year + 1}."
    return _Draft("organisation", phrasings, [name, f"{w1} {w2}"], answer)


def _figure(d: _Draw) -> _Draft:
    """A quantity for a year: how much of a good, as of a date."""
    w1, w2 = d.word(), d.word()
    verb, noun = d.rng.choice(GOODS_VERBS)
    year = d.year()
    amount = d.rng.randint(2, 990)
    phrasings = [
        f"How much {w1} {w2} did Kazakhstan {verb} from Italy in {year}?",
        f"{w1} {w2} {noun} volume {year}",
        f"what was the value of {w1} {w2} {noun}",
        f"{w1} {w2} {noun} figures",
        f"Kazakhstan Italy {w1} {w2} trade",
    ]
    if d.rng.random() < 0.3:
        as_of = dt.date(year, d.rng.randint(1, 12), d.rng.randint(1, 28))
        answer = (
            f"As of {as_of.day} {MONTHS[as_of.month - 1]} {year}, "
            f"{noun} of {w1} {w2} came to {amount} million US dollars."
        )
        return _Draft("figure", phrasings, [f"{w1} {w2}"], answer, as_of=as_of)
    answer = (
        f"In {year}, {noun} of {w1} {w2} between Kazakhstan and Italy came to {amount} million US dollars."
    )
    return _Draft("figure", phrasings, [f"{w1} {w2}", f"{w1} {noun}"], answer)


KINDS: tuple[Callable[[_Draw], _Draft], ...] = (_event, _organisation, _figure)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def generate_entries(
    count: int,
    corpus: Corpus,
    english: Sequence[str],
    *,
    seed: int = SEED,
    taken_keys: set[str] | None = None,
) -> list[Entry]:
    """``count`` validated synthetic entries, none repeating a phrasing of ``corpus`` or of another.

    Topics and sources are the real ones (each topic with the source its real entries use
    most), so the entries spread over the real topic commands.
    """
    rng = random.Random(seed)
    vocabulary = Vocabulary.build(corpus, english)
    draw = _Draw(rng, vocabulary)
    sources: dict[str, dict[str, int]] = {}
    for real in corpus.entries:
        counts = sources.setdefault(real.topic, {})
        for passage in real.source:
            counts[passage] = counts.get(passage, 0) + 1
    topics = [(topic, max(counts, key=counts.__getitem__)) for topic, counts in sources.items()]
    keys = taken_keys if taken_keys is not None else _phrasing_keys(corpus.entries)
    entries: list[Entry] = []
    while len(entries) < count:
        draft = rng.choice(KINDS)(draw)
        size = rng.randint(MIN_PHRASINGS, min(MAX_PHRASINGS, len(draft.phrasings)))
        phrasings = [draft.phrasings[0], *rng.sample(draft.phrasings[1:], size - 1)]
        new_keys = {phrasing_key(p) for p in phrasings}
        if len(new_keys) < len(phrasings) or not keys.isdisjoint(new_keys):
            continue  # the same words drawn twice: draw again
        keys |= new_keys
        topic, source = rng.choice(topics)
        number = len(entries)
        related = [entries[rng.randrange(number)].id] if number and rng.random() < 0.2 else []
        entries.append(
            Entry.model_validate(
                {
                    "id": f"syn-{draft.kind}-{number:06d}",
                    "topic": topic,
                    "questions": Phrasings({"en": [_first_upper(phrasings[0]), *phrasings[1:]]}),
                    "keywords": draft.keywords,
                    "answer": Texts({"en": draft.answer}),
                    "source": [source],
                    "as_of": draft.as_of,
                    "actor": draft.actor,
                    "related": related,
                }
            )
        )
    return entries


def _phrasing_keys(entries: Sequence[Entry]) -> set[str]:
    return {phrasing_key(q) for e in entries for q in e.questions.get("en")}


def english_words() -> list[str]:
    """The ordinary English words, most frequent first (the English pack's list)."""
    return (WORDS_DIR / "en.txt").read_text(encoding="utf-8").split()


def synthetic_corpus(total: int, root: Path = DATA_DIR, *, seed: int = SEED) -> tuple[Corpus, list[Entry]]:
    """The real knowledge base under ``root`` grown to ``total`` entries with synthetic ones.

    Returns:
        The corpus (real languages, topics, facts, lexicon, glossary, texts; real then
        synthetic entries) and the synthetic entries alone. When ``total`` is not more than
        the real entries, the corpus is the real one.
    """
    real = load_corpus(root)
    synthetic = generate_entries(max(0, total - len(real.entries)), real, english_words(), seed=seed)
    corpus = real.model_copy(update={"entries": [*real.entries, *synthetic]})
    return corpus, synthetic


# -- questions with typos -------------------------------------------------------------------

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    c: "".join(
        row[j]
        for r, row in enumerate(_KEYBOARD_ROWS)
        for j in range(len(row))
        if abs(r - i) <= 1 and abs(j - k) <= 1 and row[j] != c
    )
    for i, keys in enumerate(_KEYBOARD_ROWS)
    for k, c in enumerate(keys)
}


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one slip of the fingers: two letters swapped, one dropped, doubled or mistyped.

    The first letter is kept, as people rarely get it wrong.
    """
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    neighbours = _NEIGHBOURS.get(word[i].lower()) or string.ascii_lowercase
    return word[:i] + rng.choice(neighbours) + word[i + 1 :]


def with_typos(text: str, rng: random.Random, count: int) -> str:
    """``text`` with ``count`` typos, each in a different word of five letters or more."""
    words = text.split(" ")
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(long_words, min(count, len(long_words))):
        words[i] = typo(words[i], rng)
    return " ".join(words)


def synthetic_questions(entries: Sequence[Entry], count: int, *, seed: int = SEED) -> list[str]:
    """``count`` questions drawn from the phrasings of ``entries``, each with one or two typos."""
    if not entries:
        return []
    rng = random.Random(seed + 1)
    questions = []
    for _ in range(count):
        entry = rng.choice(entries)
        questions.append(with_typos(rng.choice(entry.questions.get("en")), rng, rng.randint(1, 2)))
    return questions
