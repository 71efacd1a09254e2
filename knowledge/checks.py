"""Checks across a validated knowledge base: translations, placeholders, figures, terms, words.

Each check returns problems located by file and line, for ``python -m bot check``:

* a text, entry or topic missing in a language, or with too few phrasings in one;
* a placeholder that names no value, or that differs between the languages of one text;
* a figure written in a text that ``facts.yaml`` does not state, or that one language
  states differently from another;
* a glossary term that a text uses in English but not in another language;
* a word of the lexicon that stands for two things, or a reference to a concept that is not there;
* a topic whose id cannot be its shortcut command (``/trade``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from pydantic import BaseModel

from knowledge.analysis import COUNTRY_PREFIX
from knowledge.commands import RESERVED, valid_name
from knowledge.formatting import SCALES, fields
from knowledge.language import Language
from knowledge.problems import Loc, Located, Parsed, Problem
from knowledge.schema import Corpus, Phrasings, Texts
from knowledge.text_keys import TEXT_KEYS
from knowledge.textbook import AS_OF, TextBook
from knowledge.values import fact_values

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
# The kinds of text: what placeholders each may use.
ANSWER, FACT, TEXT, TOPIC = "answer", "fact", "text", "topic"


@dataclass(frozen=True)
class _Text:
    """A text of the knowledge base and where it is."""

    doc: Parsed
    loc: Loc
    texts: Texts
    kind: str
    key: str = ""  # for texts.yaml, its key


def check_corpus(corpus: Corpus, located: Located) -> list[Problem]:
    """Every problem the cross-checks find in ``corpus``."""
    languages = {code: Language(pack) for code, pack in corpus.languages.items()}  # no word lists needed
    texts = list(_texts(corpus, located))
    values = fact_values(corpus.facts)
    problems = _translations(corpus, located, texts)
    problems += _placeholders(corpus, texts, frozenset(values))
    problems += _figures(corpus, texts)
    problems += _glossary(corpus, located, texts, languages)
    problems += _lexicon(corpus, located, languages)
    problems += _as_of(corpus, located)
    problems += _unnamed(corpus, located)
    problems += _commands(corpus, located)
    return problems


def _unnamed(corpus: Corpus, located: Located) -> list[Problem]:
    """What an entry leaves unnamed is a concept of the lexicon ("university")."""
    problems = []
    concepts = corpus.lexicon.concepts
    for entry in corpus.entries:
        doc, loc = located.entries[entry.id]
        for index, unnamed in enumerate(entry.unnamed):
            if unnamed.concept not in concepts:
                message = (
                    f"unnamed: {unnamed.concept!r} is not a concept of the lexicon (lexicon.yaml, concepts)"
                )
                problems.append(doc.problem((*loc, "unnamed", index, "concept"), message))
        for field, named in (("doers_unnamed", entry.doers_unnamed), ("doers_of", entry.doers_of)):
            for index, concept in enumerate(named):
                if concept not in concepts:
                    message = f"{field}: {concept!r} is not a concept of the lexicon (lexicon.yaml, concepts)"
                    problems.append(doc.problem((*loc, field, index), message))
    return problems


def _commands(corpus: Corpus, located: Located) -> list[Problem]:
    """Every topic id is a command name Telegram accepts and no command of the bot's own."""
    doc = located.files["topics"]
    problems = []
    for index, topic in enumerate(corpus.topics):
        loc = ("topics", index, "id")
        if not valid_name(topic.id):
            problems.append(
                doc.problem(
                    loc,
                    f"topic id {topic.id!r} cannot be its command /{topic.id}: "
                    "use 1 to 32 lowercase Latin letters, digits or underscores",
                )
            )
        elif topic.id in RESERVED:
            problems.append(doc.problem(loc, f"topic id {topic.id!r} is the bot's own command /{topic.id}"))
    return problems


# -- where the texts are ----------------------------------------------------------------


def _walk(model: object, loc: Loc) -> Iterator[tuple[Loc, Texts | Phrasings]]:
    """Every ``Texts`` and ``Phrasings`` inside a model, with its location."""
    if isinstance(model, Texts | Phrasings):
        yield loc, model
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            yield from _walk(getattr(model, name), (*loc, name))
    elif isinstance(model, list | tuple):
        for index, item in enumerate(model):
            yield from _walk(item, (*loc, index))


def _texts(corpus: Corpus, located: Located) -> Iterator[_Text]:
    files = located.files
    for loc, found in _walk(corpus.facts, ()):
        if isinstance(found, Texts):
            yield _Text(files["facts"], loc, found, FACT)
    for entry in corpus.entries:
        doc, loc = located.entries[entry.id]
        if entry.answer is not None:
            yield _Text(doc, (*loc, "answer"), entry.answer, ANSWER)
    for index, topic in enumerate(corpus.topics):
        for name in ("title", "description"):
            yield _Text(files["topics"], ("topics", index, name), getattr(topic, name), TOPIC)
    for key, text in corpus.texts.items():
        yield _Text(files["texts"], ("texts", key), text, TEXT, key)
    for index, term in enumerate(corpus.glossary.terms):
        yield _Text(files["glossary"], ("terms", index, "term"), term.term, TOPIC)


def _phrasings(corpus: Corpus, located: Located) -> Iterator[tuple[Parsed, Loc, Phrasings, bool]]:
    """Every set of phrasings, and whether it is an entry's (which needs the packs' minimum)."""
    for entry in corpus.entries:
        doc, loc = located.entries[entry.id]
        yield doc, (*loc, "questions"), entry.questions, True
    for index, topic in enumerate(corpus.topics):
        yield located.files["topics"], ("topics", index, "examples"), topic.examples, False


# -- translations -------------------------------------------------------------------------


def _translations(corpus: Corpus, located: Located, texts: list[_Text]) -> list[Problem]:
    """Every text in every language; every entry asked at least the packs' minimum of ways."""
    codes = set(corpus.languages)
    problems = []
    for text in texts:
        missing = sorted(codes - text.texts.languages)
        unknown = sorted(text.texts.languages - codes)
        if missing:
            problems.append(text.doc.problem(text.loc, f"missing in {', '.join(missing)}"))
        if unknown:
            problems.append(text.doc.problem(text.loc, f"no language pack for {', '.join(unknown)}"))
    for doc, loc, phrasings, entry in _phrasings(corpus, located):
        for code, pack in corpus.languages.items():
            have = len(phrasings.get(code))
            need = pack.min_phrasings if entry else 1
            if have < need:
                problems.append(
                    doc.problem(
                        loc, f"{code}: {have} phrasing{'s' if have != 1 else ''}, at least {need} needed"
                    )
                )
        unknown = sorted(set(phrasings.root) - codes)
        if unknown:
            problems.append(doc.problem(loc, f"no language pack for {', '.join(unknown)}"))
    return problems


# -- placeholders -------------------------------------------------------------------------


def _placeholders(corpus: Corpus, texts: list[_Text], values: frozenset[str]) -> list[Problem]:
    """Placeholders name known values, are the same in every language, and can be filled."""
    book = TextBook(corpus.texts, corpus.languages, fact_values(corpus.facts), corpus.default_language)
    known = values | {AS_OF}
    problems = []
    for text in texts:
        allowed = known | TEXT_KEYS.get(text.key, frozenset()) if text.kind == TEXT else known
        names: dict[str, frozenset[str]] = {}
        for lang, template in text.texts.root.items():
            where = (*text.loc, lang)
            try:
                used = fields(template)
            except ValueError as error:
                problems.append(text.doc.problem(where, f"{lang}: {error}"))
                continue
            names[lang] = frozenset(name for name, _ in used)
            for name in sorted(names[lang] - allowed):
                problems.append(
                    text.doc.problem(where, f"{lang}: unknown placeholder {{{name}}}{_hint(text)}")
                )
            if text.kind != TEXT and names[lang] <= allowed and lang in corpus.languages:
                try:
                    book.fill(template, lang)
                except (KeyError, ValueError, IndexError) as error:
                    problems.append(text.doc.problem(where, f"{lang}: cannot fill {template!r}: {error!r}"))
        if len(set(names.values())) > 1:
            first, *others = sorted(names)
            for lang in others:
                if names[lang] != names[first]:
                    differ = sorted(names[lang] ^ names[first])
                    message = f"{lang}: placeholders differ from {first}'s ({', '.join(differ)})"
                    problems.append(text.doc.problem((*text.loc, lang), message))
    return problems + _text_keys(corpus, texts)


def _hint(text: _Text) -> str:
    if text.kind == TEXT:
        allowed = TEXT_KEYS.get(text.key, frozenset())
        return (
            f"; it may use {{{'}, {'.join(sorted(allowed))}}} or a value of facts.yaml"
            if allowed
            else ("; it may use a value of facts.yaml")
        )
    return "; see the README (For curators) for the values of facts.yaml"


def _text_keys(corpus: Corpus, texts: list[_Text]) -> list[Problem]:
    """Every text the code uses is in texts.yaml."""
    where = next((t for t in texts if t.kind == TEXT), None)
    if where is None:
        return []
    return [
        where.doc.problem(("texts",), f"text {key!r} is missing")
        for key in sorted(TEXT_KEYS.keys() - corpus.texts.keys())
    ]


# -- figures ------------------------------------------------------------------------------


def _facts_numbers(corpus: Corpus) -> frozenset[Decimal]:
    """Every number ``facts.yaml`` states, as a value, in a date, or in one of its texts."""
    found: set[Decimal] = set()

    def add(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            for factor in (1, 1000, 1_000_000):  # 0.959 billion is 959 million
                found.add(_round(Decimal(str(value)) * factor))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
            for part in value.split("-"):
                found.add(Decimal(int(part)))

    def walk(model: object) -> None:
        if isinstance(model, Texts):
            for text in model.root.values():
                for number in _NUMBER.findall(_PLACEHOLDER.sub(" ", text)):
                    found.add(_round(Decimal(int(number.split(".")[0].split(",")[0]))))
        elif isinstance(model, BaseModel):
            for name in type(model).model_fields:
                walk(getattr(model, name))
        elif isinstance(model, list | tuple):
            for item in model:
                walk(item)
        elif isinstance(model, dict):
            for item in model.values():
                walk(item)
        else:
            add(model)
            if hasattr(model, "isoformat"):
                iso = model.isoformat()
                add(iso)

    walk(corpus.facts)
    for project in corpus.facts.culture:
        if project.amount is not None:
            found.add(_round(Decimal(str(project.amount.value)) * SCALES[project.amount.scale]))
    return frozenset(found)


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.001")).normalize()


def _numbers(text: str, locale: str) -> list[Decimal]:
    """The numbers written in ``text`` (outside placeholders), read as the locale writes them."""
    found = []
    for raw in _NUMBER.findall(_PLACEHOLDER.sub(" ", text)):
        try:
            found.append(_round(Decimal(parse_decimal(raw.replace("\u202f", "\u00a0"), locale=locale))))
        except (NumberFormatError, InvalidOperation):
            found.append(_round(Decimal(int(re.sub(r"\D", "", raw) or 0))))
    return found


def _figures(corpus: Corpus, texts: list[_Text]) -> list[Problem]:
    """Figures in texts come from facts.yaml, and every language states the same ones."""
    stated = _facts_numbers(corpus)
    problems = []
    for text in texts:
        counts: dict[str, Counter[Decimal]] = {}
        for lang, template in text.texts.root.items():
            pack = corpus.languages.get(lang)
            if pack is None:
                continue
            numbers = _numbers(template, pack.locale)
            counts[lang] = Counter(numbers)
            if text.kind != FACT:
                for number in dict.fromkeys(numbers):
                    if number not in stated:
                        message = (
                            f"{lang}: states {number}, which no fact of facts.yaml gives; "
                            "write figures through placeholders ({trade.2012.turnover}, …)"
                        )
                        problems.append(text.doc.problem((*text.loc, lang), message))
        default = corpus.default_language
        for lang, count in counts.items():
            if lang != default and default in counts and count != counts[default]:
                differ = sorted(str(n) for n in (count - counts[default]) + (counts[default] - count))
                message = f"{lang}: states other figures than {default} ({', '.join(differ)})"
                problems.append(text.doc.problem((*text.loc, lang), message))
    return problems


# -- glossary -----------------------------------------------------------------------------


def _content_stems(text: str, language: Language) -> tuple[str, ...]:
    return tuple(language.stem(w) for w in language.words(text) if w not in language.stopwords)


def _has(stems: tuple[str, ...], term: tuple[str, ...]) -> bool:
    return bool(term) and set(term) <= set(stems)


def _glossary(
    corpus: Corpus, located: Located, texts: list[_Text], languages: Mapping[str, Language]
) -> list[Problem]:
    """A text that uses an official term in the default language uses it in every language."""
    default = corpus.default_language
    terms = [
        {
            lang: _content_stems(rendering, languages[lang])
            for lang, rendering in t.term.root.items()
            if lang in languages
        }
        for t in corpus.glossary.terms
    ]
    problems = []
    for text in texts:
        if text.doc.name == located.files["glossary"].name or default not in text.texts.root:
            continue
        stems = {
            lang: _content_stems(body, languages[lang])
            for lang, body in text.texts.root.items()
            if lang in languages
        }
        for term, renderings in zip(corpus.glossary.terms, terms, strict=True):
            if not _has(stems[default], renderings.get(default, ())):
                continue
            for lang, own in stems.items():
                if lang != default and lang in renderings and not _has(own, renderings[lang]):
                    english, rendering = term.term.get(default), term.term.get(lang)
                    message = f"{lang}: says {english!r} without the glossary's {rendering!r}"
                    problems.append(text.doc.problem((*text.loc, lang), message))
    return problems


# -- lexicon ------------------------------------------------------------------------------


def _lexicon(corpus: Corpus, located: Located, languages: Mapping[str, Language]) -> list[Problem]:
    """A word means one thing in each language; every concept the lexicon names is there."""
    lexicon = corpus.lexicon
    lex, facts_doc = located.files["lexicon"], located.files["facts"]
    glossary_doc = located.files["glossary"]
    forms: list[tuple[str, str | None, str, Parsed, Loc]] = []  # key, language, form, where
    for i, person in enumerate(corpus.facts.people):
        forms += [
            (person.id, None, f, facts_doc, ("people", i))
            for f in (*person.name.root.values(), *person.aliases)
        ]
    for canonical, variants in lexicon.aliases.items():
        forms += [(canonical, None, f, lex, ("aliases", canonical)) for f in (canonical, *variants)]
    for i, term in enumerate(corpus.glossary.terms):
        where = ("terms", i)
        forms += [(term.id, None, f, glossary_doc, where) for f in (*term.term.root.values(), *term.variants)]
    for key, by_language in lexicon.concepts.items():
        for lang, words in by_language.items():
            forms += [(key, lang, w, lex, ("concepts", key, lang)) for w in words]
    attributes = {
        lang: {f"attribute:{a}" for a in phrases} for lang, phrases in lexicon.unsupported_attributes.items()
    }
    for lang, phrases in lexicon.unsupported_attributes.items():
        forms += [
            (f"attribute:{a}", lang, a, lex, ("unsupported_attributes", lang, i))
            for i, a in enumerate(phrases)
        ]
    problems = []
    for code, language in languages.items():
        owner: dict[tuple[str, ...], tuple[str, str, Parsed, Loc]] = {}
        for key, form_lang, form, doc, loc in forms:
            if form_lang not in (None, code):
                continue
            # As written: the engine matches written forms before stems, so only a form
            # written the same way for two things is ambiguous.
            written = language.words(form)
            if not written:
                continue
            first = owner.setdefault(written, (key, form, doc, loc))
            if first[0] != key and not (
                key in attributes.get(code, ()) and first[0] in attributes.get(code, ())
            ):
                other_key, other_form, other_doc, other_loc = first
                problems.append(
                    doc.problem(
                        loc,
                        f"{code}: {form!r} stands for {key!r} and, as {other_form!r}, for {other_key!r} "
                        f"({other_doc.name}:{other_doc.line(other_loc)}); a word may mean one thing only",
                    )
                )
    concepts = set(lexicon.concepts)
    names = set(lexicon.aliases)
    for field in ("focus_terms", "anchors", "importing", "settlements", "homes"):
        for index, key in enumerate(getattr(lexicon, field)):
            if key not in concepts:
                problems.append(
                    lex.problem((field, index), f"{field}: {key!r} is not a concept of the lexicon")
                )
    unsupported = {phrase for phrases in lexicon.unsupported_attributes.values() for phrase in phrases}
    for listed in ("personal_attributes", "age_attributes"):
        for index, phrase in enumerate(getattr(lexicon, listed)):
            if phrase not in unsupported:
                message = f"{listed}: {phrase!r} is not one of unsupported_attributes"
                problems.append(lex.problem((listed, index), message))
    for detail, shown_by in lexicon.detail_shown_by.items():
        if detail not in lexicon.detail_concepts and detail not in unsupported:
            message = f"detail_shown_by: {detail!r} is not one of detail_concepts or unsupported_attributes"
            problems.append(lex.problem(("detail_shown_by", detail), message))
        for index, key in enumerate(shown_by):
            if key not in concepts:
                message = f"detail_shown_by: {key!r} is not a concept of the lexicon"
                problems.append(lex.problem(("detail_shown_by", detail, index), message))
    for country, key in lexicon.countries.items():
        if key not in names:
            problems.append(
                lex.problem(("countries", country), f"countries: {key!r} is not an alias of the lexicon")
            )
    for city in lexicon.cities:
        if city not in names:
            problems.append(lex.problem(("cities", city), f"cities: {city!r} is not an alias of the lexicon"))
    for index, project in enumerate(corpus.facts.culture):
        if project.kind not in concepts:
            message = f"kind {project.kind!r} is not a concept of the lexicon (lexicon.yaml, concepts)"
            problems.append(facts_doc.problem(("culture", index, "kind"), message))
    clashes = (set(lexicon.aliases) & concepts) | {p.id for p in corpus.facts.people} & (concepts | names)
    for key in sorted(clashes - {k for k in clashes if k.startswith(COUNTRY_PREFIX)}):
        problems.append(lex.problem(("concepts", key), f"{key!r} is both a concept and a name; rename one"))
    return problems


def _as_of(corpus: Corpus, located: Located) -> list[Problem]:
    """An entry dated "as of" says so, in every language, through {as_of}."""
    problems = []
    for entry in corpus.entries:
        if entry.as_of is None or entry.answer is None:
            continue
        doc, loc = located.entries[entry.id]
        for lang, text in entry.answer.root.items():
            if not re.search(r"\{" + AS_OF + r"(?::[^}]*)?\}", text):
                message = (
                    f"{lang}: an entry with 'as_of' states its date through {{{AS_OF}}} ('As of April 2014')"
                )
                problems.append(doc.problem((*loc, "answer", lang), message))
    return problems
