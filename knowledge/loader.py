"""Load the YAML knowledge base, validate it, and report problems by file and line."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.analysis import stem
from knowledge.schema import Corpus, EntryFile, Facts, Lexicon, Strict, Texts, Topic
from knowledge.text_keys import TEXT_KEYS

DATA_DIR = Path(__file__).resolve().parent / "data"

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


# libyaml's parser when PyYAML has it: five times faster, with the same marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base, located by file and line (1-based)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class _Topics(Strict):
    topics: list[Topic]


class _Texts(Strict):
    texts: dict[str, Texts]


@dataclass
class _Document:
    """A parsed YAML file and the line of every node in it."""

    name: str
    data: Any
    lines: dict[Loc, int]

    def line(self, loc: Loc) -> int:
        """The line of ``loc`` or of its nearest enclosing node that has one."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


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


def _parse(path: Path, problems: list[Problem]) -> _Document | None:
    # Relative to where the command runs, so a person can open "file:line" directly.
    name = str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(name, 1, f"cannot read: {exc}"))
        return None
    loader = _Loader(text)
    try:
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
    return _Document(name, data, lines)


def _validate(doc: _Document, model: type[M], problems: list[Problem]) -> M | None:
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


def _check_references(
    corpus: Corpus,
    where: dict[str, tuple[_Document, Loc]],
    facts_doc: _Document,
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


def _stems(text: str) -> str:
    return " ".join(stem(w) for w in phrasing_key(text).split())


def _check_lexicon(lexicon: Lexicon, doc: _Document, problems: list[Problem]) -> None:
    """A variant may mean one thing only: one canonical form, and never an unsupported attribute."""
    owner: dict[str, tuple[str, Loc]] = {}
    for group in ("aliases", "synonyms"):
        for canonical, variants in getattr(lexicon, group).items():
            for index, form in enumerate([canonical, *variants]):
                key = _stems(form)
                if not key:
                    continue  # symbols such as "%" are read with the number they follow
                loc: Loc = (group, canonical) if index == 0 else (group, canonical, index - 1)
                if key in owner and owner[key][0] != canonical:
                    other, other_loc = owner[key]
                    problems.append(
                        Problem(
                            doc.name,
                            doc.line(loc),
                            f"{form!r} also stands for {other!r} "
                            f"(line {doc.line(other_loc)}); a variant may mean one thing only",
                        )
                    )
                owner.setdefault(key, (canonical, loc))
    for index, attribute in enumerate(lexicon.unsupported_attributes):
        key = _stems(attribute)
        if key in owner and owner[key][0] != attribute:
            problems.append(
                Problem(
                    doc.name,
                    doc.line(("unsupported_attributes", index)),
                    f"unsupported attribute {attribute!r} is also a form of {owner[key][0]!r}",
                )
            )


def _check_texts(texts: dict[str, Texts], doc: _Document, problems: list[Problem]) -> None:
    """Every text the code uses is there, and uses only the placeholders it is given."""
    for key in sorted(TEXT_KEYS.keys() - texts.keys()):
        problems.append(Problem(doc.name, doc.line(("texts",)), f"text {key!r} is missing"))
    for key, text in texts.items():
        allowed = TEXT_KEYS.get(key)
        if allowed is None:
            continue  # a text no code uses yet is harmless
        for lang in ("en", "ru", "it"):
            template = getattr(text, lang)
            try:
                used = {field for _, field, _, _ in string.Formatter().parse(template or "") if field}
            except ValueError as error:
                problems.append(Problem(doc.name, doc.line(("texts", key, lang)), f"{key}.{lang}: {error}"))
                continue
            for field in sorted(used - allowed):
                hint = f"; it may use {{{'}, {'.join(sorted(allowed))}}}" if allowed else "; it takes none"
                line = doc.line(("texts", key, lang))
                problems.append(
                    Problem(doc.name, line, f"{key}.{lang}: unknown placeholder {{{field}}}{hint}")
                )


def _check_unique(items: list[tuple[str, Loc]], doc: _Document, what: str, problems: list[Problem]) -> None:
    first: dict[str, int] = {}
    for key, loc in items:
        line = doc.line(loc)
        if key in first:
            problems.append(Problem(doc.name, line, f"duplicate {what} {key!r} (first at line {first[key]})"))
        else:
            first[key] = line


def load_corpus(root: Path = DATA_DIR) -> Corpus:
    """Read and validate every knowledge file under ``root``.

    Raises:
        KnowledgeError: listing every problem found, each with its file and line.
    """
    problems: list[Problem] = []
    docs = {name: _parse(root / f"{name}.yaml", problems) for name in ("topics", "facts", "lexicon", "texts")}
    topics = _validate(docs["topics"], _Topics, problems) if docs["topics"] else None
    facts = _validate(docs["facts"], Facts, problems) if docs["facts"] else None
    lexicon = _validate(docs["lexicon"], Lexicon, problems) if docs["lexicon"] else None
    texts = _validate(docs["texts"], _Texts, problems) if docs["texts"] else None

    entries = []
    where: dict[str, tuple[_Document, Loc]] = {}
    phrasings: dict[str, tuple[str, str, int]] = {}
    files = _entry_files(root)
    if not files:
        problems.append(Problem(str(root / "entries"), 1, "no entry files (*.yaml) found"))
    for path in files:
        doc = _parse(path, problems)
        parsed = _validate(doc, EntryFile, problems) if doc else None
        if doc is None or parsed is None:
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
            for lang in ("en", "ru", "it"):
                for q_index, question in enumerate(getattr(entry.questions, lang)):
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

    if topics and facts and lexicon and texts and not problems:
        corpus = Corpus(
            topics=topics.topics, entries=entries, facts=facts, lexicon=lexicon, texts=texts.texts
        )
        facts_doc = docs["facts"]
        assert facts_doc is not None
        _check_references(corpus, where, facts_doc, problems)
        lexicon_doc = docs["lexicon"]
        assert lexicon_doc is not None
        _check_lexicon(corpus.lexicon, lexicon_doc, problems)
        texts_doc = docs["texts"]
        assert texts_doc is not None
        _check_texts(corpus.texts, texts_doc, problems)
        topics_doc = docs["topics"]
        assert topics_doc is not None
        _check_unique(
            [(t.id, ("topics", i)) for i, t in enumerate(corpus.topics)], topics_doc, "topic id", problems
        )
        if not problems:
            return corpus
    raise KnowledgeError(problems)
