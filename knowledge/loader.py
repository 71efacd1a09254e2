"""Load the YAML knowledge base, validate it, and report problems by file and line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.checks import check_corpus
from knowledge.coverage import COVERAGE_FILE, Coverage, missing_entries
from knowledge.paths import DATA_DIR as DATA_DIR  # where it was defined before: still importable here
from knowledge.problems import KnowledgeError, Loc, Located, Parsed, Problem
from knowledge.schema import (
    Corpus,
    EntryFile,
    Facts,
    Glossary,
    LanguagePack,
    Lexicon,
    Sheet,
    Strict,
    Texts,
    Topic,
)
from knowledge.text import words_of

M = TypeVar("M", bound=BaseModel)


# libyaml's parser when PyYAML has it: five times faster, with the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 2 * 2**20  # the largest file today is 135 KB


class _Topics(Strict):
    topics: list[Topic]


class _Texts(Strict):
    texts: dict[str, Texts]


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], problems: list[Problem], name: str) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(name, line, f"duplicate key {key!r} (first at line {seen[key]})"))
            seen[key] = line
            child = (*loc, key)
            _walk(value_node, child, lines, problems, name)
            lines[child] = line  # point at the key, where a person would look
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines, problems, name)


def _first_alias(text: str) -> int | None:
    """The line of the first alias in ``text``, if any (from the parser's events: cheap)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1 if event.start_mark else 1
    return None


def _parse(path: Path, problems: list[Problem]) -> Parsed | None:
    # Relative to where the command runs, so a person can open "file:line" directly.
    name = str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refused before it is read: a reload must not exhaust memory
            limit = MAX_FILE_BYTES // 2**20
            problems.append(
                Problem(name, 1, f"the file is {size:,} bytes; a knowledge file may hold {limit} MiB")
            )
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 1, f"cannot read: {exc}"))
        return None
    loader = _Loader(text)
    try:
        alias = _first_alias(text)
        if alias is not None:  # before composing: nested aliases expand exponentially
            problems.append(Problem(name, alias, "YAML aliases (*name) are not allowed: write the value out"))
            return None
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(name, 1, "the file is empty"))
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.append(Problem(name, line, f"invalid YAML: {exc.problem or exc}"))
        return None
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    _walk(node, (), lines, problems, name)
    return Parsed(name, data, lines)


def _validate(doc: Parsed, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            where = ".".join(str(part) for part in loc) or "file"
            problems.append(Problem(doc.name, doc.line(loc), f"{where}: {error['msg']}"))
        return None


_PHRASE_KEY = re.compile(r"[\W_]+", re.UNICODE)


def phrasing_key(text: str) -> str:
    """Reduce a phrasing to what makes it the same question (case, punctuation, spacing)."""
    return _PHRASE_KEY.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _entry_files(root: Path) -> list[Path]:
    return sorted((root / "entries").glob("*.yaml"))


def _check_sources(
    corpus: Corpus, where: dict[str, tuple[Parsed, Loc]], sheet_doc: Parsed, problems: list[Problem]
) -> None:
    """Every entry names passages of the sheet, and every passage is named by an entry."""
    passages = corpus.sheet.passages()
    used: set[str] = set()
    for entry in corpus.entries:
        doc, loc = where[entry.id]
        for index, cited in enumerate(entry.source):
            used.add(cited)
            if cited not in passages:
                message = f"source {cited!r} is not a passage of the fact sheet (source.yaml)"
                problems.append(doc.problem((*loc, "source", index), message))
    for i, section in enumerate(corpus.sheet.sections):
        for j, passage in enumerate(section.passages):
            if passage.id not in used:
                message = f"passage {passage.id!r} is the source of no entry: name it in one (its 'source')"
                problems.append(sheet_doc.problem(("sections", i, "passages", j, "id"), message))
    ids: list[tuple[str, Loc]] = [
        (p.id, ("sections", i, "passages", j, "id"))
        for i, s in enumerate(corpus.sheet.sections)
        for j, p in enumerate(s.passages)
    ]
    _check_unique(ids, sheet_doc, "passage id", problems)


def _check_references(
    corpus: Corpus,
    where: dict[str, tuple[Parsed, Loc]],
    facts_doc: Parsed,
    problems: list[Problem],
) -> None:
    topic_ids = {t.id for t in corpus.topics}
    entry_ids = {e.id for e in corpus.entries}
    for entry in corpus.entries:
        doc, loc = where[entry.id]
        if entry.topic not in topic_ids:
            problems.append(Problem(doc.name, doc.line((*loc, "topic")), f"unknown topic {entry.topic!r}"))
        for index, ref in enumerate(entry.related):
            if ref not in entry_ids:
                line = doc.line((*loc, "related", index))
                problems.append(Problem(doc.name, line, f"related entry {ref!r} does not exist"))
    people = {p.id for p in corpus.facts.people}

    def person_refs() -> Iterator[tuple[Loc, str | None]]:
        for i, visit in enumerate(corpus.facts.visits):
            yield ("visits", i, "person"), visit.person
            yield ("visits", i, "with_person"), visit.with_person
        for i, official in enumerate(corpus.facts.officials):
            yield ("officials", i, "person"), official.person
        for i, ambassador in enumerate(corpus.facts.ambassadors):
            yield ("ambassadors", i, "person"), ambassador.person

    events = {e.id for e in corpus.facts.events}
    for i, project in enumerate(corpus.facts.culture):
        for j, event in enumerate(project.events):
            if event not in events:
                problems.append(facts_doc.problem(("culture", i, "events", j), f"unknown event {event!r}"))
    for loc, person in person_refs():
        if person is not None and person not in people:
            problems.append(Problem(facts_doc.name, facts_doc.line(loc), f"unknown person {person!r}"))
    _check_unique(
        [(p.id, ("people", i)) for i, p in enumerate(corpus.facts.people)], facts_doc, "person id", problems
    )
    _check_unique(
        [(c.id, ("culture", i)) for i, c in enumerate(corpus.facts.culture)],
        facts_doc,
        "culture id",
        problems,
    )


def _check_unique(items: list[tuple[str, Loc]], doc: Parsed, what: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for key, loc in items:
        line = doc.line(loc)
        if key in first:
            problems.append(Problem(doc.name, line, f"duplicate {what} {key!r} (first at line {first[key]})"))
        else:
            first[key] = line


def _load_languages(root: Path, problems: list[Problem]) -> tuple[dict[str, LanguagePack], dict[str, Parsed]]:
    """The language packs under ``root/languages``, each named by its code."""
    packs: dict[str, LanguagePack] = {}
    docs: dict[str, Parsed] = {}
    files = sorted((root / "languages").glob("*.yaml"))
    if not files:
        problems.append(Problem(str(root / "languages"), 1, "no language packs (*.yaml) found"))
    for path in files:
        doc = _parse(path, problems)
        pack = _validate(doc, LanguagePack, problems) if doc else None
        if doc is None or pack is None:
            continue
        if pack.code != path.stem:
            problems.append(
                Problem(doc.name, doc.line(("code",)), f"code {pack.code!r} differs from the file name")
            )
            continue
        packs[pack.code] = pack
        docs[pack.code] = doc
    defaults = [code for code, pack in packs.items() if pack.default]
    if packs and len(defaults) != 1:
        where = docs[defaults[1]] if len(defaults) > 1 else next(iter(docs.values()))
        problems.append(
            Problem(
                where.name, where.line(("default",)), "exactly one language pack must say 'default: true'"
            )
        )
    return packs, docs


def load_corpus(root: Path = DATA_DIR) -> Corpus:
    """Read and validate every knowledge file under ``root``.

    Raises:
        KnowledgeError: listing every problem found, each with its file and line.
    """
    problems: list[Problem] = []
    packs, pack_docs = _load_languages(root, problems)
    names = ("topics", "facts", "lexicon", "texts", "glossary", "source")
    docs = {name: _parse(root / f"{name}.yaml", problems) for name in names}
    topics = _validate(docs["topics"], _Topics, problems) if docs["topics"] else None
    facts = _validate(docs["facts"], Facts, problems) if docs["facts"] else None
    lexicon = _validate(docs["lexicon"], Lexicon, problems) if docs["lexicon"] else None
    texts = _validate(docs["texts"], _Texts, problems) if docs["texts"] else None
    glossary = _validate(docs["glossary"], Glossary, problems) if docs["glossary"] else None
    sheet = _validate(docs["source"], Sheet, problems) if docs["source"] else None

    entries = []
    where: dict[str, tuple[Parsed, Loc]] = {}
    phrasings: dict[str, tuple[str, str, int]] = {}
    files = _entry_files(root)
    unread = False  # an entry file that could not be read: which entries are gone is unknown
    if not files:
        problems.append(Problem(str(root / "entries"), 1, "no entry files (*.yaml) found"))
    for path in files:
        doc = _parse(path, problems)
        parsed = _validate(doc, EntryFile, problems) if doc else None
        if doc is None or parsed is None:
            unread = True
            continue
        for index, entry in enumerate(parsed.entries):
            loc: Loc = ("entries", index)
            if entry.id in where:
                first_doc, first_loc = where[entry.id]
                problems.append(
                    Problem(
                        doc.name,
                        doc.line((*loc, "id")),
                        f"duplicate entry id {entry.id!r} "
                        f"(first at {first_doc.name}:{first_doc.line(first_loc)})",
                    )
                )
                continue
            where[entry.id] = (doc, loc)
            entries.append(entry)
            for lang, questions in entry.questions.root.items():
                for q_index, question in enumerate(questions):
                    key = f"{lang}:{phrasing_key(question)}"
                    line = doc.line((*loc, "questions", lang, q_index))
                    if key in phrasings and phrasings[key][0] != entry.id:
                        other, other_file, other_line = phrasings[key]
                        problems.append(
                            Problem(
                                doc.name,
                                line,
                                f"phrasing {question!r} also belongs to entry {other!r} "
                                f"({other_file}:{other_line})",
                            )
                        )
                    phrasings.setdefault(key, (entry.id, doc.name, line))

    coverage = read_coverage(root, problems)
    if coverage is not None and not unread:  # said even when other problems stop the load
        problems += missing_entries(*coverage, set(where))

    if topics and facts and lexicon and texts and glossary and sheet and packs and not problems:
        corpus = Corpus(
            languages=packs,
            topics=topics.topics,
            entries=entries,
            facts=facts,
            lexicon=lexicon,
            glossary=glossary,
            texts=texts.texts,
            sheet=sheet,
        )
        found = {name: doc for name, doc in docs.items() if doc is not None}
        _check_references(corpus, where, found["facts"], problems)
        _check_sources(corpus, where, found["source"], problems)
        _check_unique(
            [(t.id, ("topics", i)) for i, t in enumerate(corpus.topics)],
            found["topics"],
            "topic id",
            problems,
        )
        problems += check_corpus(corpus, Located(found, where, pack_docs))
        words_of.cache_clear()  # the checks' words: the engine reads its own
        if not problems:
            return corpus
    raise KnowledgeError(problems)


def read_coverage(root: Path, problems: list[Problem]) -> tuple[Parsed, Coverage] | None:
    """The coverage list under ``root`` (:mod:`knowledge.coverage`), if it has a valid one.

    A base without the file promises nothing: no problem. An unreadable or invalid one adds
    its problems to ``problems``.
    """
    path = root / COVERAGE_FILE
    if not path.is_file():
        return None
    doc = _parse(path, problems)
    coverage = _validate(doc, Coverage, problems) if doc is not None else None
    return (doc, coverage) if doc is not None and coverage is not None else None
