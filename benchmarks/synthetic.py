"""Synthetic knowledge bases of any size, for measuring the engine at scale.

Nothing here is committed data: the entries are generated in code, deterministically from a
seed, out of vocabularies (content words of the packs' word lists in ``knowledge/resources/
words``, and for Kazakh the Kazakh words of the real knowledge base), generated Kazakh and
Italian names, real places, and sentence templates. Each entry is a real, validated
:class:`knowledge.schema.Entry` with 4–6 English phrasings (the first a question, as the
schema requires) and two or three in Russian, Italian and Kazakh, keywords and an answer;
phrasings are unique across the whole corpus, per language, as the loader requires.

Content words are drawn by a Zipf law over their frequency rank, so entries share
vocabulary the way real ones do: a few words are in thousands of entries, most in a few.

A synthetic corpus keeps the real knowledge base's topics, facts, lexicon and texts, and its
real entries, so the engine indexes real plus synthetic entries and the real development
questions still find their answers.

Questions: ``synthetic_questions`` draws stored phrasings with one or two typos, as users
type them; ``paraphrase_questions`` asks about the same entries in words no phrasing has
(other templates, other function words, a surname for a full name), in all four
languages, half of them with a typo.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from knowledge.language import WORDS_DIR
from knowledge.loader import DATA_DIR, load_corpus, phrasing_key
from knowledge.schema import Corpus, Entry, Phrasings, Texts
from knowledge.text import script_of, words_of

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
# The same places in each language: en, it, ru, kk (the other languages' phrasings, the paraphrases).
_PLACE_ROWS = (
    ("Astana", "Astana", "Астана", "Астана"),
    ("Almaty", "Almaty", "Алматы", "Алматы"),
    ("Karaganda", "Karaganda", "Караганда", "Қарағанды"),
    ("Shymkent", "Shymkent", "Шымкент", "Шымкент"),
    ("Aktau", "Aktau", "Актау", "Ақтау"),
    ("Atyrau", "Atyrau", "Атырау", "Атырау"),
    ("Pavlodar", "Pavlodar", "Павлодар", "Павлодар"),
    ("Kostanay", "Kostanay", "Костанай", "Қостанай"),
    ("Milan", "Milano", "Милан", "Милан"),
    ("Turin", "Torino", "Турин", "Турин"),
    ("Naples", "Napoli", "Неаполь", "Неаполь"),
    ("Florence", "Firenze", "Флоренция", "Флоренция"),
    ("Venice", "Venezia", "Венеция", "Венеция"),
    ("Bologna", "Bologna", "Болонья", "Болонья"),
    ("Genoa", "Genova", "Генуя", "Генуя"),
    ("Verona", "Verona", "Верона", "Верона"),
)
PLACES = {lang: tuple(row[i] for row in _PLACE_ROWS) for i, lang in enumerate(("en", "it", "ru", "kk"))}
# The two countries, for an entry about no one.
COUNTRIES = {
    "en": "Kazakhstan and Italy",
    "it": "Kazakistan e Italia",
    "ru": "Казахстан и Италия",
    "kk": "Қазақстан мен Италия",
}
# The other languages' phrasings: {w1} {w2} are content words of the language, {who} a
# surname or the two countries.
STORED = {
    "ru": (
        "Что известно о {w1} {w2} в {place}?",
        "{w1} {w2} {who} {year}",
        "Когда {who} и {w1} {w2}?",
        "{w1} {w2} {place} Казахстан Италия",
    ),
    "it": (
        "Che cosa si sa di {w1} {w2} a {place}?",
        "{w1} {w2} {who} {year}",
        "Quando {who} e {w1} {w2}?",
        "{w1} {w2} {place} Kazakistan Italia",
    ),
    "kk": (
        "{place} {w1} {w2} туралы не белгілі?",
        "{w1} {w2} {who} {year}",
        "{who} {w1} {w2} қашан болды?",
        "{w1} {w2} {place} Қазақстан Италия",
    ),
}
# Paraphrases: what users ask about an entry in words none of its phrasings has.
PARAPHRASES = {
    "en": (
        "what do you know about the {w1} {w2} of {who}",
        "In which year was the {w1} {w2} in {place}?",
        "tell me about {who} and the {w2} {w1}",
        "{w1} {w2} in {place}: who and when?",
    ),
    "ru": (
        "расскажи про {w1} {w2} {who}",
        "В каком году было {w1} {w2} в {place}?",
        "{who}: что с {w2} {w1}?",
        "кто стоит за {w1} {w2} в {place}",
    ),
    "it": (
        "raccontami di {w1} {w2} di {who}",
        "In che anno c'è stato {w1} {w2} a {place}?",
        "{who} e {w2} {w1}?",
        "chi c'è dietro {w1} {w2} a {place}",
    ),
    "kk": (
        "{who} {w1} {w2} туралы айтып бер",
        "{place} {w1} {w2} қай жылы болды?",
        "{who}: {w2} {w1} қалай?",
        "{place} {w1} {w2} кім басқарады",
    ),
}
# Questions whose every word is common: the slow path of the index (no rare term to gather by).
COMMON_ONLY = {
    "en": "Kazakhstan and Italy?",
    "it": "Kazakistan e Italia?",
    "ru": "Казахстан и Италия?",
    "kk": "Қазақстан мен Италия?",
}
_CYRILLIC = (
    ("zh", "ж"), ("kh", "х"), ("sh", "ш"), ("ch", "ч"), ("ts", "ц"), ("ya", "я"), ("yu", "ю"),
    ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"),
    ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"),
    ("y", "ы"), ("z", "з"),
)  # fmt: skip
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


ZIPF_OFFSET = 20  # a word's weight is 1 / (rank + this): shared, but no single word everywhere
LANGUAGES = ("ru", "it", "kk")  # beside English, each entry's other languages


@dataclass(frozen=True)
class Vocabulary:
    """The words synthetic entries are built from: content words by language, most frequent first."""

    words: tuple[str, ...]
    surnames_kz: tuple[str, ...]
    surnames_it: tuple[str, ...]
    others: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ru, it, kk

    @classmethod
    def build(cls, corpus: Corpus, english: Sequence[str]) -> Vocabulary:
        """Content words from ``english`` (no stopword, foreign place or unsupported attribute).

        Surnames are generated from syllables: a few thousand, so that names are as varied
        as in a large real knowledge base.
        """
        others = {lang: _content_words(corpus, lang, _common_words(corpus, lang)) for lang in LANGUAGES}
        return cls(
            _content_words(corpus, "en", english),
            _surnames(_KZ_STEMS, _KZ_MIDDLES, _KZ_ENDS),
            _surnames(_IT_STEMS, _IT_MIDDLES, _IT_ENDS),
            others,
        )


def _common_words(corpus: Corpus, lang: str) -> list[str]:
    """A language's common words, most frequent first; for a pack without a list (Kazakh),
    the words of the real entries in that language, most used first."""
    name = corpus.languages[lang].common_words
    if name:
        return (WORDS_DIR / name).read_text(encoding="utf-8").split()
    used = Counter(
        w
        for entry in corpus.entries
        for text in (*entry.questions.get(lang), *(entry.answer.root.get(lang, "") if entry.answer else "",))
        for w in words_of(text)
    )
    return [w for w, _ in used.most_common()]


def _content_words(corpus: Corpus, lang: str, common: Sequence[str]) -> tuple[str, ...]:
    lexicon = corpus.lexicon
    banned = set(corpus.languages[lang].stopwords) | set(lexicon.unsupported_attributes.get(lang, []))
    for country, forms in lexicon.foreign_places.items():
        banned |= {country, *forms}
    banned = {word for text in banned for word in text.lower().split()}
    pack = corpus.languages[lang]
    low, high = CONTENT_RANKS if pack.common_words else (0, len(common))
    shortest, longest = CONTENT_LENGTH
    return tuple(
        w
        for w in dict.fromkeys(common[low:high])
        if w.isalpha() and shortest <= len(w) <= longest and w not in banned and script_of(w) == pack.script
    )


def _surnames(stems: Sequence[str], middles: Sequence[str], ends: Sequence[str]) -> tuple[str, ...]:
    names = {(s + m + e).capitalize() for s in stems for m in middles for e in ends}
    names |= {(s + e).capitalize() for s in stems for e in ends}
    return tuple(sorted(names))


def _zipf(rng: random.Random, size: int) -> int:
    """A rank below ``size``, drawn with weight 1 / (rank + ZIPF_OFFSET)."""
    # The inverse of the weights' cumulative sum, which grows as log(rank + offset).
    low, high = math.log(ZIPF_OFFSET), math.log(size + ZIPF_OFFSET)
    return min(size - 1, int(math.exp(low + rng.random() * (high - low))) - ZIPF_OFFSET)


@dataclass
class _Draw:
    """One entry's random material."""

    rng: random.Random
    vocabulary: Vocabulary

    def word(self, lang: str = "en") -> str:
        words = self.vocabulary.words if lang == "en" else self.vocabulary.others[lang]
        return words[_zipf(self.rng, len(words))]

    def person(self) -> tuple[str, str]:
        if self.rng.random() < 0.5:
            return self.rng.choice(KZ_FIRST), self.rng.choice(self.vocabulary.surnames_kz)
        return self.rng.choice(IT_FIRST), self.rng.choice(self.vocabulary.surnames_it)

    def place(self) -> int:
        """A place, as its row in ``PLACES``."""
        return self.rng.randrange(len(PLACES["en"]))

    def year(self) -> int:
        return self.rng.randint(1992, 2014)


@dataclass(frozen=True)
class _Draft:
    kind: str
    phrasings: list[str]
    keywords: list[str]
    answer: str
    words: tuple[str, str]  # the English content words
    who: str  # a surname, or "" for the two countries
    place: int  # a row of PLACES
    year: int
    as_of: dt.date | None = None
    actor: str | None = None


def _event(d: _Draw) -> _Draft:
    """A dated event: who did what, where and when."""
    first, last = d.person()
    w1, w2 = d.word(), d.word()
    verb, past = d.rng.choice(VERBS)
    where, year, month = d.place(), d.year(), d.rng.choice(MONTHS)
    place = PLACES["en"][where]
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
    keywords = [f"{w1} {w2}", f"{first} {last}"]
    return _Draft("event", phrasings, keywords, answer, (w1, w2), last, where, year, actor=actor)


def _organisation(d: _Draw) -> _Draft:
    """A project, centre or festival: what it is, who leads it, since when."""
    first, last = d.person()
    w1, w2 = d.word(), d.word()
    kind = d.rng.choice(ORGANISATIONS)
    where, year = d.place(), d.year()
    place = PLACES["en"][where]
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
    return _Draft("organisation", phrasings, [name, f"{w1} {w2}"], answer, (w1, w2), last, where, year)


def _figure(d: _Draw) -> _Draft:
    """A quantity for a year: how much of a good, as of a date."""
    w1, w2 = d.word(), d.word()
    verb, noun = d.rng.choice(GOODS_VERBS)
    year, where = d.year(), d.place()
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
        return _Draft("figure", phrasings, [f"{w1} {w2}"], answer, (w1, w2), "", where, year, as_of=as_of)
    answer = (
        f"In {year}, {noun} of {w1} {w2} between Kazakhstan and Italy came to {amount} million US dollars."
    )
    return _Draft("figure", phrasings, [f"{w1} {w2}", f"{w1} {noun}"], answer, (w1, w2), "", where, year)


KINDS: tuple[Callable[[_Draw], _Draft], ...] = (_event, _organisation, _figure)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class Paraphrase(NamedTuple):
    """A question about a synthetic entry in words none of its phrasings has."""

    lang: str
    text: str
    entry_id: str


def generate(
    count: int,
    corpus: Corpus,
    english: Sequence[str],
    *,
    seed: int = SEED,
    taken_keys: set[str] | None = None,
) -> tuple[list[Entry], list[Paraphrase]]:
    """``count`` validated synthetic entries, and a paraphrase of each in each language.

    Topics and sources are the real ones (each topic with the source its real entries use
    most), so the entries spread over the real topic commands. No phrasing repeats one of
    ``corpus`` or of another entry in its language.
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
    paraphrases: list[Paraphrase] = []
    while len(entries) < count:
        draft = rng.choice(KINDS)(draw)
        size = rng.randint(MIN_PHRASINGS, min(MAX_PHRASINGS, len(draft.phrasings)))
        english_phrasings = [draft.phrasings[0], *rng.sample(draft.phrasings[1:], size - 1)]
        by_language = {"en": english_phrasings}
        material = {"en": _material(draft, "en", draft.words)}
        for lang in LANGUAGES:
            material[lang] = _material(draft, lang, (draw.word(lang), draw.word(lang)))
            chosen = [STORED[lang][0], *rng.sample(STORED[lang][1:], rng.randint(1, 2))]  # a question first
            by_language[lang] = [template.format(**material[lang]) for template in chosen]
        new_keys = {f"{lang}:{phrasing_key(p)}" for lang, texts in by_language.items() for p in texts}
        if len(new_keys) < sum(map(len, by_language.values())) or not keys.isdisjoint(new_keys):
            continue  # the same words drawn twice: draw again
        keys |= new_keys
        topic, source = rng.choice(topics)
        number = len(entries)
        entry_id = f"syn-{draft.kind}-{number:06d}"
        related = [entries[rng.randrange(number)].id] if number and rng.random() < 0.2 else []
        questions = {lang: [_first_upper(texts[0]), *texts[1:]] for lang, texts in by_language.items()}
        entries.append(
            Entry.model_validate(
                {
                    "id": entry_id,
                    "topic": topic,
                    "questions": Phrasings(questions),
                    "keywords": draft.keywords,
                    "answer": Texts({"en": draft.answer}),
                    "source": [source],
                    "as_of": draft.as_of,
                    "actor": draft.actor,
                    "related": related,
                }
            )
        )
        for lang, fill in material.items():
            paraphrases.append(Paraphrase(lang, rng.choice(PARAPHRASES[lang]).format(**fill), entry_id))
    return entries, paraphrases


def _material(draft: _Draft, lang: str, words: tuple[str, str]) -> dict[str, str]:
    """What fills a template of ``lang`` for ``draft``."""
    cyrillic = lang in ("ru", "kk")
    who = (_cyrillic(draft.who) if cyrillic else draft.who) if draft.who else COUNTRIES[lang]
    return {
        "w1": words[0],
        "w2": words[1],
        "who": who,
        "place": PLACES[lang][draft.place],
        "year": str(draft.year),
    }


def _cyrillic(name: str) -> str:
    """A Latin name in Cyrillic letters, roughly as a Russian or Kazakh text would write it."""
    text, out = name.lower(), []
    i = 0
    while i < len(text):
        for latin, letters in _CYRILLIC:
            if text.startswith(latin, i):
                out.append(letters)
                i += len(latin)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out).capitalize()


def _phrasing_keys(entries: Sequence[Entry]) -> set[str]:
    return {f"{lang}:{phrasing_key(q)}" for e in entries for lang, q in e.questions.all()}


def english_words() -> list[str]:
    """The ordinary English words, most frequent first (the English pack's list)."""
    return (WORDS_DIR / "en.txt").read_text(encoding="utf-8").split()


@dataclass(frozen=True)
class SyntheticBase:
    """A real knowledge base grown with synthetic entries, and paraphrases to ask it."""

    corpus: Corpus
    entries: list[Entry]  # the synthetic entries alone
    paraphrases: list[Paraphrase]


def synthetic_base(total: int, root: Path = DATA_DIR, *, seed: int = SEED) -> SyntheticBase:
    """The real knowledge base under ``root`` grown to ``total`` entries with synthetic ones.

    The corpus keeps the real languages, topics, facts, lexicon, glossary and texts, and
    lists the real entries, then the synthetic ones. When ``total`` is not more than the
    real entries, the corpus is the real one.
    """
    real = load_corpus(root)
    count = max(0, total - len(real.entries))
    synthetic, paraphrases = generate(count, real, english_words(), seed=seed)
    corpus = real.model_copy(update={"entries": [*real.entries, *synthetic]})
    return SyntheticBase(corpus, synthetic, paraphrases)


def synthetic_corpus(total: int, root: Path = DATA_DIR, *, seed: int = SEED) -> tuple[Corpus, list[Entry]]:
    """The corpus of :func:`synthetic_base`, and its synthetic entries alone."""
    base = synthetic_base(total, root, seed=seed)
    return base.corpus, base.entries


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
    # Off by one key on a Latin keyboard; elsewhere, another letter of the word itself.
    neighbours = _NEIGHBOURS.get(word[i].lower()) or (string.ascii_lowercase if word.isascii() else word)
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


def paraphrase_questions(
    paraphrases: Sequence[Paraphrase], per_language: int, *, seed: int = SEED
) -> list[Paraphrase]:
    """``per_language`` paraphrases in each language, half of them with a typo."""
    rng = random.Random(seed + 2)
    chosen: list[Paraphrase] = []
    for lang in ("en", *LANGUAGES):
        own = [p for p in paraphrases if p.lang == lang]
        for paraphrase in rng.sample(own, min(per_language, len(own))):
            text = with_typos(paraphrase.text, rng, 1) if rng.random() < 0.5 else paraphrase.text
            chosen.append(paraphrase._replace(text=text))
    return chosen
