"""The source passage of every answer: the sheet in source.yaml, check, and each front end."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from telegram.ext import ApplicationBuilder

import handlers
from bot.chat import Session
from knowledge import Engine
from tests.conftest import knowledge_problems
from tests.doubles.objects import TOKEN
from tests.doubles.recording import RecordingRequest, Updates

SHEET = Path(__file__).resolve().parents[2] / "shared" / "source" / "kazakhstan-italy-relations.txt"


def test_every_entry_rests_on_passages_quoted_exactly(engine: Engine) -> None:
    text = SHEET.read_text(encoding="utf-8") if SHEET.exists() else None
    for entry_id in engine.entries:
        source = engine.source(entry_id, "en")
        assert source is not None and source.passages, entry_id
        if text is not None:  # the published sheet sits beside the repository in development
            assert all(passage in text for passage in source.passages), entry_id


def test_every_answer_carries_its_source(engine: Engine) -> None:
    answer = engine.ask("Когда были установлены дипломатические отношения?")
    assert answer.answered and answer.source == (
        "On June 12, 1992 – diplomatic relations between "
        "the Republic of Kazakhstan and the Italian Republic were established.",
    )
    assert engine.ask("Who is Napoleon?").source == ()  # a decline rests on nothing
    assert engine.ask("thanks").source == ()


@pytest.mark.parametrize(
    ("argument", "entry", "stated"),
    [
        ("2009", "visits-to-italy", "2009"),  # Nazarbayev's visit, not the Italian leaders'
        ("2012", "visits-to-kazakhstan", "Monti"),
        ("Kazykhanov", "visits-to-italy", "Kazyhanov"),  # the sheet's spelling
        ("Berlusconi 2010", "visits-to-kazakhstan", "Berlusconi"),
    ],
)
def test_a_filtered_topic_cites_the_passages_that_state_its_filter(
    engine: Engine, argument: str, entry: str, stated: str
) -> None:
    answer = engine.topic("visits", argument)
    assert answer.answered and answer.entry_id == entry, answer.text
    assert answer.source and all(stated in passage for passage in answer.source), answer.source
    own = engine.source(entry, "en")
    assert own is not None and set(answer.source) <= set(own.passages)  # the button shows them too


def test_the_heading_names_the_sheet_in_the_askers_language(engine: Engine) -> None:
    source = engine.source("prodi-visits", "it")
    assert source is not None and "Relazioni tra Kazakistan e Italia" in source.heading
    assert engine.source("no-such-entry", "en") is None


def test_check_reports_an_entry_without_a_source(data: Path) -> None:
    path = data / "entries" / "general.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source: [relations-established]", "source: []", 1), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("general.yaml" in p and "source" in p for p in problems), problems


def test_check_reports_a_passage_no_entry_names(data: Path) -> None:
    path = data / "entries" / "trade.yaml"
    text = path.read_text(encoding="utf-8")
    # The only entry naming this passage names another one instead.
    path.write_text(text.replace("source: [working-group]", "source: [trade-figures]"), encoding="utf-8")
    problems = knowledge_problems(data)
    assert any("source.yaml" in p and "'working-group'" in p and "no entry" in p for p in problems), problems


def test_check_reports_an_unknown_passage(data: Path) -> None:
    path = data / "entries" / "general.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("source: [relations-established]", "source: [relations-established, nowhere]", 1),
        encoding="utf-8",
    )
    problems = knowledge_problems(data)
    assert any("general.yaml" in p and "'nowhere'" in p for p in problems), problems


def test_the_terminal_shows_the_source_after_slash_source(engine: Engine) -> None:
    session = Session(engine)
    assert session.reply("/source").text == engine.texts.get("source_none", "en")
    session.reply("When did Prodi visit Kazakhstan?")
    shown = session.reply("/source").text
    source = engine.source("prodi-visits", "en")
    assert source is not None
    assert shown == "\n".join([source.heading, *(f"> {p}" for p in source.passages)])


@pytest.fixture
async def telegram(engine: Engine):  # type: ignore[no-untyped-def]
    request = RecordingRequest()
    app = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
    handlers.register(app, engine)
    await app.initialize()
    yield app, request
    await app.shutdown()


async def test_the_source_button_sends_the_passages_in_the_askers_language(telegram, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    app, request = telegram
    user = Updates(app.bot, 8101)
    await app.process_update(user.private_text("Quando Prodi ha visitato il Kazakistan?"))
    markup = request.calls("sendMessage")[-1]["reply_markup"]
    [[button]] = markup["inline_keyboard"]
    assert button["text"] == engine.texts.get("source_button", "it")
    request.clear()
    await app.process_update(user.callback(button["callback_data"]))
    [text] = request.sent_texts()
    source = engine.source("prodi-visits", "it")
    assert source is not None
    assert text.startswith(html.escape(source.heading, quote=False))
    assert f"<blockquote>{html.escape(source.passages[0], quote=False)}</blockquote>" in text


async def test_the_source_button_quotes_what_a_filtered_topic_cites(telegram, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    # "/visits 2009" rests on Nazarbayev's visits, one of its entry's three passages.
    app, request = telegram
    user = Updates(app.bot, 8102)
    await app.process_update(user.private_text("/visits 2009"))
    [[button]] = request.calls("sendMessage")[-1]["reply_markup"]["inline_keyboard"]
    request.clear()
    await app.process_update(user.callback(button["callback_data"]))
    [text] = request.sent_texts()
    cited = engine.topic("visits", "2009").source
    assert len(cited) == 1 and text.count("<blockquote>") == 1
    assert html.escape(cited[0], quote=False) in text


def test_a_source_key_quotes_the_passages_it_names(engine: Engine) -> None:
    span = engine.ask(
        "How many years between diplomatic relations and the opening of Kazakhstan's embassy in Italy?"
    )
    assert span.source_key is not None and span.source_key != span.entry_id  # two entries' passages
    source = engine.source(span.source_key, "en")
    assert source is not None and source.passages == span.source
    answer = engine.ask("When did Prodi visit Kazakhstan?")
    assert answer.source_key == answer.entry_id  # its entry's passages: the entry's id will do
    assert engine.source("Pno-such-passage", "en") is None  # a key from before a reload


async def test_a_deep_link_from_an_inline_answer_sends_the_source(telegram, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    app, request = telegram
    await app.process_update(Updates(app.bot, 8102).private_text("/start src-prodi-visits"))
    [text] = request.sent_texts()
    assert "Skalfaro in 1997" in html.unescape(text)
