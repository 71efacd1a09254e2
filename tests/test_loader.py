"""Validation of the knowledge files: every problem is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.loader import load_corpus
from tests.conftest import knowledge_problems


def _at(problems: list[str], suffix: str, line: int | None = None) -> list[str]:
    """The problems reported in a file ending with ``suffix`` (and at ``line``)."""
    found = []
    for problem in problems:
        file, number, _ = problem.split(":", 2)
        if file.endswith(suffix) and (line is None or int(number) == line):
            found.append(problem)
    return found


def _line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def _first_entry_file(root: Path) -> Path:
    return sorted((root / "entries").glob("*.yaml"))[0]


def test_real_knowledge_base_is_valid() -> None:
    corpus = load_corpus()
    assert corpus.entries and corpus.topics and corpus.facts.people


def test_unknown_key_names_file_and_line(data: Path) -> None:
    path = _first_entry_file(data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    topic:", "    colour: red\n    topic:", 1), encoding="utf-8")
    line = _line_of(path, "colour: red")
    problems = knowledge_problems(data)
    assert any("colour" in p for p in _at(problems, f"entries/{path.name}", line)), problems


def test_missing_field_is_reported(data: Path) -> None:
    path = _first_entry_file(data)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("    source:"))
    del lines[index]
    path.write_text("".join(lines), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("source" in p and "Field required" in p for p in _at(problems, f"entries/{path.name}")), (
        problems
    )


def test_says_why_is_refused_on_a_facts_entry(data: Path) -> None:
    # A facts template says why itself (the visits' notes): the flag would be ignored.
    path = data / "entries" / "culture.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    facts: culture\n", "    facts: culture\n    says_why: true\n", 1), encoding="utf-8"
    )
    problems = knowledge_problems(data)
    assert any("says_why" in p for p in _at(problems, "entries/culture.yaml")), problems


def test_duplicate_id_names_both_places(data: Path) -> None:
    path = _first_entry_file(data)
    text = path.read_text(encoding="utf-8")
    ids = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("  - id:")]
    text = text.replace(f"  - id: {ids[1]}\n", f"  - id: {ids[0]}\n", 1)
    path.write_text(text, encoding="utf-8")
    line = _line_of(path, f"  - id: {ids[0]}", occurrence=2)
    problems = knowledge_problems(data)
    found = _at(problems, f"entries/{path.name}", line)
    assert any("duplicate entry id" in p and "first at" in p for p in found), problems


def test_same_phrasing_under_two_entries(data: Path) -> None:
    corpus = load_corpus(data)
    first, second = corpus.entries[0], corpus.entries[1]
    phrasing = first.questions.first("en")
    path = next(p for p in (data / "entries").glob("*.yaml") if f"id: {second.id}\n" in p.read_text("utf-8"))
    text = path.read_text(encoding="utf-8")
    anchor = f"id: {second.id}\n"
    head, tail = text.split(anchor, 1)
    tail = tail.replace("      en:\n", f"      en:\n        - {phrasing.upper()!r}\n", 1)
    path.write_text(head + anchor + tail, encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("also belongs to entry" in p and first.id in p for p in problems), problems


def test_dangling_references(data: Path) -> None:
    facts = data / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("person: prodi", "person: prody", 1), encoding="utf-8")
    line = _line_of(facts, "person: prody")
    problems = knowledge_problems(data)
    assert any(p.endswith("unknown person 'prody'") for p in _at(problems, "facts.yaml", line)), problems


def test_a_detail_shown_by_an_unknown_concept_is_reported(data: Path) -> None:
    lexicon = data / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8")
    shown = next(line for line in text.splitlines() if line.startswith("detail_shown_by:"))
    lexicon.write_text(
        text.replace(shown, "detail_shown_by: {sign: [agreemnt], nosuch: [treaty]}"),
        encoding="utf-8",
    )
    line = _line_of(lexicon, "detail_shown_by:")
    problems = _at(knowledge_problems(data), "lexicon.yaml", line)
    assert any("'agreemnt' is not a concept of the lexicon" in p for p in problems), problems
    assert any("'nosuch' is not one of detail_concepts" in p for p in problems), problems


def test_a_personal_attribute_that_is_no_unsupported_one_is_reported(data: Path) -> None:
    lexicon = data / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8")
    personal = next(line for line in text.splitlines() if line.startswith("personal_attributes:"))
    lexicon.write_text(text.replace(personal, "personal_attributes: [born, borned]"), encoding="utf-8")
    line = _line_of(lexicon, "personal_attributes:")
    problems = _at(knowledge_problems(data), "lexicon.yaml", line)
    assert any("'borned' is not one of unsupported_attributes" in p for p in problems), problems
    assert not any("'born'" in p for p in problems), problems


def test_unknown_topic_reference(data: Path) -> None:
    path = _first_entry_file(data)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    topic: ", "    topic: nosuch", 1), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("unknown topic" in p for p in _at(problems, f"entries/{path.name}")), problems


@pytest.mark.parametrize(
    ("topic_id", "says"), [("trade-flows", "cannot be its command"), ("help", "the bot's own command")]
)
def test_a_topic_id_must_make_a_free_command(data: Path, topic_id: str, says: str) -> None:
    path = data / "topics.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: general\n", f"  - id: {topic_id}\n", 1), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any(says in p for p in _at(problems, "topics.yaml", _line_of(path, f"id: {topic_id}"))), problems


def test_broken_yaml_syntax_gives_line(data: Path) -> None:
    path = data / "topics.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "  - [unclosed\n")
    path.write_text("".join(lines), encoding="utf-8")
    problems = knowledge_problems(data)
    # PyYAML notices the unclosed bracket where the next token starts: the line after it.
    assert any("invalid YAML" in p for p in _at(problems, "topics.yaml", 5)), problems


def test_duplicate_yaml_key_is_an_error(data: Path) -> None:
    path = data / "texts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("texts:\n", "texts:\n  about:\n    en: twice\n", 1), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("duplicate key 'about'" in p for p in _at(problems, "texts.yaml")), problems


def test_trade_figures_must_add_up(data: Path) -> None:
    facts = data / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("16.425", "17.425", 1), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("must equal turnover" in p for p in _at(problems, "facts.yaml")), problems


def test_as_of_entries_must_say_so(data: Path) -> None:
    corpus = load_corpus(data)
    dated = next(e for e in corpus.entries if e.as_of and e.answer)
    path = next(p for p in (data / "entries").glob("*.yaml") if f"id: {dated.id}\n" in p.read_text("utf-8"))
    text = path.read_text(encoding="utf-8")
    head, tail = text.split(f"id: {dated.id}\n", 1)
    tail = tail.replace("{as_of:capital}", "In spring", 1).replace("{as_of}", "in spring", 1)
    path.write_text(head + f"id: {dated.id}\n" + tail, encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("{as_of}" in p for p in _at(problems, path.name)), problems


def test_every_problem_is_reported_not_just_the_first(data: Path) -> None:
    (data / "lexicon.yaml").write_text("aliases: {}\n", encoding="utf-8")
    (data / "topics.yaml").write_text("topics:\n  - id: Bad Id\n", encoding="utf-8")
    problems = knowledge_problems(data)
    assert _at(problems, "lexicon.yaml")
    assert _at(problems, "topics.yaml")


def test_yaml_aliases_are_refused_before_they_expand(data: Path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(20)
    ]
    (data / "entries" / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    problems = knowledge_problems(data)  # 3**20 nodes if expanded: returns only if refused first
    [refused] = [p for p in problems if "bomb.yaml" in p]
    assert _at([refused], "entries/bomb.yaml", 2) and "aliases (*name) are not allowed" in refused


def test_a_huge_file_is_refused_unread(data: Path) -> None:
    from knowledge.loader import MAX_FILE_BYTES

    path = data / "entries" / "huge.yaml"
    path.write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("a knowledge file may hold 2 MiB" in p for p in _at(problems, "entries/huge.yaml", 1)), (
        problems
    )


def test_a_flood_of_problems_is_reported_as_the_first_fifty_and_a_count(data: Path) -> None:
    from knowledge.problems import MAX_REPORTED, KnowledgeError

    entries = "entries:\n" + "".join(f"  - id: broken-{n}\n    nonsense: {n}\n" for n in range(300))
    (data / "entries" / "many.yaml").write_text(entries, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_corpus(data)
    report = caught.value.report()
    total = len(caught.value.problems)
    assert total > MAX_REPORTED and len(report) == MAX_REPORTED + 1
    assert report[-1] == f"… and {total - MAX_REPORTED} more problems ({total} in all)"
    assert str(caught.value).count("\n") == MAX_REPORTED  # the message is the report too


def test_an_age_attribute_that_is_no_unsupported_one_is_reported(data: Path) -> None:
    lexicon = data / "lexicon.yaml"
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("age_attributes:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    lines[start:end] = ["age_attributes: [how old, how olde]"]
    lexicon.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = _line_of(lexicon, "age_attributes:")
    problems = _at(knowledge_problems(data), "lexicon.yaml", line)
    assert any("'how olde' is not one of unsupported_attributes" in p for p in problems), problems
    assert not any("'how old'" in p for p in problems), problems
