"""The engine's behaviour, kind by kind, on questions written for these tests."""

from __future__ import annotations

import pytest

from bot.evaluate import element_matches
from knowledge import Engine, Outcome
from knowledge.commands import answer_command, command_answer

# The keys of an answer as JSON (`ask --json`, docs/command-line.md).
JSON_KEYS = {
    "answered",
    "text",
    "entry",
    "confidence",
    "suggestions",
    "lang",
    "outcome",
    "source",
    "followup",
}


def _says(text: str, *elements: str) -> bool:
    return all(element_matches(e, text) for e in elements)


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # paraphrase
        ("Since when have Kazakhstan and Italy had diplomatic relations?", ["1992"]),
        ("In which year did the Republic of Kazakhstan set up its embassy in Italy?", ["1996"]),
        ("Which Italian head of government took office in February 2014?", ["renzi"]),
        ("How does Italy see Kazakhstan's place between Europe and Asia?", ["bridge"]),
        ("Where are the archaeological digs of the joint mission?", ["taldysay"]),
        # casual
        ("so who's italy's ambassador in astana these days?", ["pieri"]),
        ("ok how much money has italy sunk into kazakhstan overall", ["6"]),
        # "più o meno" (roughly) asks no change: 2013's value
        ("quanto vale l'interscambio Italia-Kazakistan nel 2013 più o meno?", ["16,216", "nel 2013"]),
        # typo
        ("wen did the archeological mision start?", ["2001"]),
        ("who is kazakstans ambasador in itali", ["yelemesov"]),
        ("quale è il miglior partner commerciale del Kazakistan?", ["terzo"]),
        # keyword
        ("obelisk Trieste date", ["25", "april", "2010"]),
        ("Bologna process", ["bologna"]),
        # structured
        ("Who visited Kazakhstan in 2008?", ["berlusconi"]),
        ("Is gold among Kazakhstan's exports to Italy?", ["gold"]),
        ("What were Kazakhstan's imports from Italy in 2013?", ["0.993|993"]),
        ("Which Kazakh minister of justice went to Italy?", ["tusupbekov"]),
        ("Сколько казахстанских официальных лиц посетили Италию?", ["семь", "саудабаев"]),
        # computed
        ("What was the trade balance in 2012?", ["14.507"]),
        ("How did Kazakhstan's imports from Italy change from 2012 to 2013?", ["0.034|34", "rose"]),
        ("How many times did Prodi come to Kazakhstan?", ["twice|two|2"]),
        # Monti's talks with Masimov in Astana are listed apart from the leaders' visits
        ("How many visits to Kazakhstan did Italian presidents and prime ministers make in total?", ["five"]),
        # alias
        ("When was Silvio Berlusconi in Nur-Sultan?", ["2008", "2010"]),
        ("What did Kazakhstan and the Teatro alla Scala agree?", ["2009"]),
    ],
)
def test_answers_in_scope_questions(engine: Engine, question: str, expect: list[str]) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert _says(answer.text, *expect), answer.text
    assert 0.0 < answer.confidence <= 1.0


@pytest.mark.parametrize(
    "question",
    [
        # out of scope
        "What is the official language of Italy?",
        "How many people live in Almaty?",
        "What is the phone number of the Kazakh embassy in Rome?",
        "Tell me a joke about diplomats.",
        "Who will win the next Italian election?",
        # near misses: another country, a year with no data, a person we do not know
        "When did Kazakhstan and Portugal establish diplomatic relations?",
        "How much did Kazakhstan export to Italy in 2015?",
        "When did Italian President Sergio Mattarella visit Kazakhstan?",
        # a name we do not know, not a typo of another word ("Letta" is no "detta")
        "When did Italian PM Letta visit Kazakhstan?",
        "Who was Kazakhstan's ambassador to Italy before Yelemesov?",
        "What share of Kazakhstan's exports goes to Italy?",
        # the best match cannot say; a much weaker one only shares a name ("Nazarbayev University")
        "Who did Nazarbayev meet?",
        # "migliori" (best) is no form of "migliorare" (improve: the singers at La Scala)
        "Quali sono i migliori ristoranti kazaki a Roma?",
        "астанада жақсы итальян мейрамханасы бар ма",
        # it says when the aid came, not when the works were done
        "When were the restoration works at San Biagio finished?",
        "Когда завершились реставрационные работы в Сан-Бьяджо?",
        "Quando sono terminati i lavori di restauro a San Biagio?",
        "Сан-Биаджо қалпына келтіру жұмыстары қашан аяқталды?",
        # visas: not the ministers who "si sono visti" (met)
        "Gli italiani hanno bisogno del visto?",
        # it names the village, not its region
        "In which region is Taldysay?",
        "В какой области находится Талдысай?",
        "In quale regione si trova Taldysay?",
        "Талдысай қай облыста орналасқан?",
        # no visit by Renzi, not his government's news: "andato" asks for a visit
        "Renzi è mai andato in Kazakistan?",
        # it names today's ambassadors, not the first
        "Who was the first Italian ambassador to Kazakhstan?",
        "Кто был первым послом Италии в Казахстане?",
        # the sheet's 6 billion are all Italian investment: no figure for ENI
        "How much did ENI invest in Kazakhstan?",
        "Сколько ENI инвестировала в Казахстан?",
        "Quanto ha investito l'ENI in Kazakistan?",
    ],
)
def test_declines_what_the_fact_sheet_does_not_say(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text  # not an answer, nor a "did you mean"


def test_a_foreign_country_gets_a_plain_decline(engine: Engine) -> None:
    answer = engine.ask("When did France open its embassy in Kazakhstan?")
    assert answer.outcome is Outcome.DECLINE
    assert "France" in answer.text
    assert "I can answer" in answer.text  # says what it can answer


def test_a_year_without_data_lists_the_years_it_has(engine: Engine) -> None:
    answer = engine.ask("trade turnover in 2020")
    assert answer.outcome is Outcome.DECLINE
    assert _says(answer.text, "2012", "2013")


@pytest.mark.parametrize(
    "question",
    [
        "What was the trade turnover between Kazakhstan and Italy in 2014?",
        "товарооборот в 2014 году",
        "interscambio nel 2014",
        "2014 жылы Қазақстан мен Италияның тауар айналымы қанша болды?",
    ],
)
def test_the_sheets_own_year_has_no_annual_figures(engine: Engine, question: str) -> None:
    # "As of April 2014" dates the latest figures, which are 2013's: 2014 has none.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and _says(answer.text, "2012", "2013", "2014"), answer.text


def test_a_state_as_of_the_sheets_date_holds_in_its_year(engine: Engine) -> None:
    answer = engine.ask("Who was the Italian ambassador in 2014?")
    assert answer.outcome is Outcome.ANSWER and "Pieri" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "who", "not_who"),
    [
        ("Which Italian prime minister visited Kazakhstan in 2008?", "Berlusconi", "Prodi"),
        ("кто из итальянских премьеров приежал в казахстан в 2008", "Берлускони", "Проди"),
        ("Quale premier italiano è venuto in Kazakistan nel 2007?", "Prodi", "Berlusconi"),
    ],
)
def test_a_post_and_a_year_ask_who_held_it_and_came_then(
    engine: Engine, question: str, who: str, not_who: str
) -> None:
    # every prime minister's visits were listed, the year left out
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and who in answer.text and not_who not in answer.text, answer.text


def test_the_years_of_visits_leave_out_a_meeting_at_the_un(engine: Engine) -> None:
    # 2011: Kazykhanov met Frattini at the UN General Assembly, in neither country.
    answer = engine.ask("When did Renzi visit Kazakhstan?")
    assert answer.outcome is Outcome.DECLINE and _says(answer.text, "2010", "2012"), answer.text
    assert "2011" not in answer.text


@pytest.mark.parametrize(
    ("question", "recorded"),
    [
        ("When did Masimov visit Italy?", "Astana"),
        ("Did Masimov ever go to Rome?", "Astana"),
        ("В каком году Масимов посещал Рим?", "Астан"),
        ("Quando Masimov è andato in Italia?", "Astana"),
        ("Мәсімов Италияға қашан барды?", "Астана"),
        ("When did Kazykhanov visit Italy?", "UN|General Assembly"),
    ],
)
def test_a_visit_the_other_way_is_no_visit_to_where_asked(
    engine: Engine, question: str, recorded: str
) -> None:
    # Masimov met Monti in Astana, Kazykhanov met Frattini at the UN: neither went to Italy.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and _says(answer.text, recorded), answer.text
    assert not answer.text.startswith(("Yes", "Да", "Sì", "Иә")), answer.text


@pytest.mark.parametrize(
    "question",
    ["When did Monti come to Kazakhstan?", "When did Nazarbayev visit Rome?", "Nazarbayev's Italian visits"],
)
def test_a_visit_the_way_asked_is_still_told(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text


def test_gone_asks_for_a_visit_of_someone(engine: Engine) -> None:
    answer = engine.ask("Has Renzi ever gone to Kazakhstan?")
    assert answer.text.startswith("No") and "no visit" in answer.text, answer.text
    # of no one: the singers who went to La Scala made no visit
    for question in (
        "How many Kazakh singers have gone to La Scala?",
        "quanti cantanti kazaki sono andati alla scala?",
        "quanti cantanti kazaki sono venuti alla scala?",  # a verb of coming, of a named thing
        "сколько казахских певцов приезжали в Ла Скала?",
    ):
        answer = engine.ask(question)
        assert answer.outcome is Outcome.ANSWER and _says(answer.text, "10|ten|dieci|десять"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "когда приезжал Ренци в Казахстан?",
        "quando è venuto Renzi in Kazakistan?",
        "Ренцидің Қазақстанға сапары қашан болды?",  # a form of the head word the stemmer keeps
    ],
)
def test_a_verb_of_coming_asks_for_a_visit_of_a_person(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id != "renzi-government", answer.text


def test_a_known_person_without_a_visit_is_not_given_one(engine: Engine) -> None:
    answer = engine.ask("When did Monti visit Italy's embassy in Astana?")
    assert answer.outcome is Outcome.DECLINE or (answer.answered and "monti" in answer.text.lower()), (
        answer.text
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [("Who is Pieri?", "ambassador-of-italy-in-kazakhstan"), ("Who is Prodi?", "prodi-visits")],
)
def test_who_someone_is_is_answered_by_what_the_sheet_says_of_them(
    engine: Engine, question: str, entry: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry, answer.text


_BALANCE_2013, _RATIO_2012 = "14.23|14,23", "16.1|16,1"  # 15.223 - 0.993; 15.466 / 0.959


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("What was the difference between exports and imports in 2013?", _BALANCE_2013),
        ("разница между экспортом и импортом в 2013 году", _BALANCE_2013),
        ("differenza tra esportazioni e importazioni nel 2013", _BALANCE_2013),
        ("2013 жылы экспорт пен импорттың айырмасы қанша болды?", _BALANCE_2013),
        ("By how much did exports exceed imports in 2013?", _BALANCE_2013),
        ("На сколько экспорт превышал импорт в 2013 году?", _BALANCE_2013),
        ("Di quanto le esportazioni superavano le importazioni nel 2013?", _BALANCE_2013),
        ("2013 жылы экспорт импорттан қаншаға асып түсті?", _BALANCE_2013),
        # "how much more … than": the same difference (the year's figures were given)
        ("How much more did Kazakhstan export than import in 2013?", _BALANCE_2013),
        ("2013 жылы экспорт импорттан қанша көп болды?", _BALANCE_2013),
        ("Насколько экспорт был больше чем импорт в 2013?", _BALANCE_2013),
        # how many times: the ratio, not the surplus
        ("How many times did exports exceed imports in 2012?", _RATIO_2012),
        ("Во сколько раз экспорт превышал импорт в 2012 году?", _RATIO_2012),
        ("Quante volte le esportazioni hanno superato le importazioni nel 2012?", _RATIO_2012),
        ("2012 жылы экспорт импорттан неше есе көп болды?", _RATIO_2012),
    ],
)
def test_the_flows_compared_give_the_balance_or_the_ratio(engine: Engine, question: str, figure: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, figure), answer.text
    other = _RATIO_2012 if figure == _BALANCE_2013 else "14.507|14,507"  # the 2012 surplus
    assert not _says(answer.text, other), answer.text


def test_a_change_of_both_flows_between_years_is_no_balance(engine: Engine) -> None:
    answer = engine.ask("How did exports and imports change from 2012 to 2013?")
    assert _says(answer.text, "16.425", "16.216") and not _says(answer.text, "14.23"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How many years between diplomatic relations and the opening of Kazakhstan's embassy in Italy?",
        "How many years passed from the establishment of diplomatic relations to the opening of "
        "the Kazakh embassy in Italy?",
        "Сколько лет прошло от установления дипломатических отношений до открытия посольства "
        "Казахстана в Италии?",
        "Quanti anni sono passati dall'avvio delle relazioni diplomatiche all'apertura "
        "dell'ambasciata del Kazakistan in Italia?",
        "Дипломатиялық қатынастар орнатылғаннан бастап Қазақстан елшілігі Италияда ашылғанға "
        "дейін неше жыл өтті?",
        "how many years after diplomatic relations were established did Kazakhstan open its embassy "
        "in Italy?",
        # "after A", then the verb that ends A: accents as written or left out
        "Quanti anni dopo l'avvio delle relazioni diplomatiche è stata aperta l'ambasciata del "
        "Kazakistan in Italia?",
        "quanti anni dopo l'avvio delle relazioni diplomatiche e stata aperta l'ambasciata del kazakistan",
        "Через сколько лет после установления дипломатических отношений было открыто посольство "
        "Казахстана в Италии?",
        # the thing one side leaves unsaid ("quella kazaka": the Kazakh one) is the other's
        "quanti anni dopo l'apertura dell'ambasciata italiana in Kazakistan è stata aperta quella "
        "kazaka in Italia?",
        "Сколько лет прошло между открытием посольства Италии и открытием казахстанского в Риме?",
        # the first "and" joins the countries, the second the events
        "How many years passed between Kazakhstan and Italy establishing diplomatic relations and "
        "Kazakhstan opening its own embassy in Italy?",
        # the later event's subject first, its verb alone after the span's words
        "Қазақстанның Италиядағы елшілігі дипломатиялық қатынастар орнатылғаннан кейін неше жылдан "
        "соң ашылды?",
        "Қазақстан елшілігі Италияда дипломатиялық қатынастар орнағаннан кейін неше жылдан соң ашылды?",
        # "the two embassies": the two the embassies' entry relates, neither named
        "How many years apart were the two embassies opened?",
        "Сколько лет прошло между открытием двух посольств?",
        "Quanti anni di differenza ci sono tra le aperture delle due ambasciate?",
    ],
)
def test_years_between_two_events_say_what_each_was_and_cite_both(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, "4", "1992", "1996"), answer.text
    assert "…" not in answer.text  # the events in the bot's words, not the asker's cut short
    assert len(answer.source) == 2 and "1992" in answer.source[0] and "1996" in answer.source[1]


def test_years_after_an_event_end_it_with_the_verb_of_the_next(engine: Engine) -> None:
    # "… после A Казахстан открыл B": not only "был" ends A (it got "no such detail")
    answer = engine.ask(
        "Через сколько лет после установления дипломатических отношений Казахстан открыл посольство в Италии?"
    )
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, "4", "1992", "1996"), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "How many years between Pieri's appointment and Yelemesov's?",
            "One year passed between 2011 and 2012.",
        ),
        (
            "Пьери мен Елемесов елші болып тағайындалған уақыттың арасы неше жыл?",
            "2011 және 2012 жылдар арасында бір",
        ),
        (
            "Сколько лет прошло между установлением дипотношений и открытием посольства Италии в Астане?",
            "Оба события произошли в 1992 году.",
        ),
        # the clause of the embassy's answer that speaks of Astana gives its year
        (
            "How many years passed between the establishment of diplomatic relations and the move of "
            "the Italian embassy to Astana?",
            "13 years passed between 1992 and 2005",
        ),
        # two clauses of one answer, two years: two events
        (
            "How many years passed between the opening of the Italian embassy and its move to Astana?",
            "13 years passed between 1992 and 2005",
        ),
        (
            "Дипломатиялық қатынастар орнағаннан кейін неше жылдан соң Италия елшілігі Астанаға көшті?",
            "1992 және 2005 жылдар арасында 13 жыл өтті",
        ),
        (
            "Дипломатиялық қатынастар орнатылғаннан кейін Қазақстан елшілігі Италияда "
            "неше жылдан соң ашылды?",
            "1992 және 1996 жылдар арасында 4 жыл өтті.",
        ),
        # "A-дан B-ға дейін" without "бастап": the ablative says "from"
        (
            "Дипломатиялық қатынастар орнағаннан Италия елшілігі Астанаға көшкенге дейін неше жыл өтті?",
            "1992 және 2005 жылдар арасында 13 жыл өтті",
        ),
        # "separano A dalla B": B after a "from"
        (
            "Quanti anni separano l'inizio della missione archeologica dalla conferenza "
            "all'Università Nazarbayev?",
            "Tra il 2001 e il 2011 sono trascorsi 10 anni.",
        ),
        # the second side's subject written before its verb, at the first's end
        (
            "Quanti anni dopo l'avvio delle relazioni diplomatiche il presidente Scalfaro è venuto "
            "in Kazakistan?",
            "Tra il 1992 e il 1997 sono trascorsi 5 anni.",
        ),
        # "A ha preceduto B": the verb that compares between the sides
        (
            "Di quanti anni la missione archeologica ha preceduto la Guida ai luoghi religiosi?",
            "Tra il 2001 e il 2011 sono trascorsi 10 anni.",
        ),
        # sides not split, but one answer tells both years: the agreement, then the training
        (
            "Quanti anni dopo l'accordo con Kul-Muhammed i cantanti kazaki si sono formati alla Scala?",
            "Tra il 2009 e il 2011 sono trascorsi 2 anni.",
        ),
        (
            "Через сколько лет после соглашения с Ла Скала певцы стажировались там?",
            "Между 2009 и 2011 годами прошло 2 года.",
        ),
    ],
)
def test_years_between_reads_one_year_and_the_same_year(engine: Engine, question: str, lead: str) -> None:
    # Not "1 years", nor "0 years"; and not the year of "As of April 2014" that opens an answer.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "How many months after diplomatic relations were established did Italy open its embassy "
            "in Kazakhstan?",
            "4 months passed between 12 June 1992 and October 1992.",
        ),
        # the last verb before the later event ends the earlier one: "relations were established"
        (
            "How many months after relations were established did Italy open its embassy?",
            "4 months passed between 12 June 1992 and October 1992.",
        ),
        (
            "Сколько месяцев прошло между установлением дипотношений и открытием посольства Италии?",
            "12 июня 1992 года — октябрь 1992 года: прошло 4 месяца.",
        ),
        (
            "Quanti mesi sono passati tra l'allacciamento delle relazioni diplomatiche e l'apertura "
            "dell'ambasciata italiana?",
            "12 giugno 1992 – ottobre 1992: sono trascorsi 4 mesi.",
        ),
        (
            "Дипломатиялық қатынастар орнату мен Италия елшілігінің ашылуы арасында неше ай өтті?",
            "1992 жылғы 12 маусым – 1992 жылғы қазан: 4 ай өтті.",
        ),
        # both posts dated to the month, a year apart: told in months as asked
        (
            "How many months between Pieri taking office and Yelemesov taking office?",
            "12 months passed between",
        ),
        # the ambassadors' table dates them to the month in its replies: those months
        ("Сколько месяцев прошло между назначениями Пьери и Елемесова?", "июнь 2011 года — июнь 2012 года"),
        (
            "Пьери мен Елемесовтың тағайындалуы арасында неше ай өтті?",
            "2011 жылғы маусым – 2012 жылғы маусым",
        ),
        # in days, each event dated to the day by its own entry (declined before)
        (
            "How many days passed between the Abruzzo earthquake and the opening of the obelisk?",
            "384 days passed between 6 April 2009 and 25 April 2010.",
        ),
        (
            "Сколько дней прошло между землетрясением в Абруццо и открытием обелиска казахстанским воинам?",
            "6 апреля 2009 года — 25 апреля 2010 года: прошло 384 дня.",
        ),
    ],
)
def test_a_span_asked_in_months_is_told_in_months(engine: Engine, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


def test_a_span_in_months_between_events_dated_by_year_alone_is_told_in_years(engine: Engine) -> None:
    # the 2009 agreement and the 2011 internships have no month: no months to count
    answer = engine.ask("How many months passed between the La Scala agreement and the singers' internships?")
    assert "months passed" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "years", "exact"),
    [
        (
            "How many years passed between the opening of the Italian embassy in Kazakhstan and its move "
            "to Astana?",
            "13 years",
            "12 years and 6 months",
        ),
        (
            "Сколько лет прошло между открытием посольства Италии и его переездом в Астану?",
            "13 лет",
            "12 лет и 6 месяцев",
        ),
    ],
)
def test_years_between_dates_with_months_say_the_span_to_the_month(
    engine: Engine, question: str, years: str, exact: str
) -> None:
    # October 1992 to April 2005: 13 calendar years, 12 years and 6 months.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and years in answer.text and exact in answer.text, answer.text


def test_years_between_dates_of_the_year_alone_say_the_years_alone(engine: Engine) -> None:
    answer = engine.ask(
        "How many years passed between Nazarbayev's first official visit to Italy and the "
        "strategic partnership?"
    )
    assert answer.outcome is Outcome.ANSWER and "15 years" in answer.text and "month" not in answer.text, (
        answer.text
    )


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("how many years between the first and the last visit of Berlusconi", ["2", "2008", "2010"]),
        ("how many years between the last visit of Berlusconi and the first", ["2", "2008", "2010"]),
        (
            "Сколько лет прошло между первым и последним официальным визитом Назарбаева в Италию?",
            ["15", "1994", "2009"],
        ),
    ],
)
def test_years_between_the_first_and_the_last_share_their_subject(
    engine: Engine, question: str, expect: list[str]
) -> None:
    # "the first" alone would be anyone's first visit (Nazarbayev's 1994 for Berlusconi's).
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, *expect), answer.text
    assert answer.text.index(expect[1]) < answer.text.index(expect[2])  # earlier year first


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # a date to the day or month: the full years to the sheet's date
        (
            "How many years have Kazakhstan and Italy had diplomatic relations?",
            "As of 18 April 2014, the date of the fact sheet, 21 full years had passed since 12 June 1992.",
        ),
        (
            "How long has Yelemesov been ambassador?",
            "As of 18 April 2014, the date of the fact sheet, 1 full year",
        ),
        (
            "how long has the italian embassy been in astana",
            "As of 18 April 2014, the date of the fact sheet, 9 full",
        ),
        (
            "Сколько лет назад открылось посольство Италии?",
            "К 18 апреля 2014 года, дате справки, с октября 1992",
        ),
        (
            "Quanti anni fa sono state stabilite le relazioni diplomatiche?",
            "Alla data della scheda (18 aprile 2014), dal",
        ),
        (
            "Италия елшілігі ашылғанына неше жыл болды?",
            "Анықтама жасалған 2014 жылғы 18 сәуір күнге қарай 1992 жылғы қазаннан бері толық 21 жыл",
        ),
        # "passed since the start of", "are going on", "ашылғалы … өтті": counted to the sheet's date
        ("сколько лет прошло с начала раскопок?", "С 2001 по 2014 год"),
        ("сколько лет идут раскопки в Талдысае?", "С 2001 по 2014 год"),
        ("Quanti anni sono passati dall'inizio degli scavi?", "Dal 2001 al 2014"),
        ("Италия елшілігі ашылғалы неше жыл өтті?", "Анықтама жасалған 2014 жылғы 18 сәуір"),
        ("қазба жұмыстары неше жылдан бері жүргізіліп келеді?", "2001 жылдан анықтама жасалған 2014"),
        # a year alone: the years from it to the sheet's
        ("How old is the Kazakh embassy in Rome?", "18 years passed from 1996 to 2014"),
        ("Da quanti anni esiste l'ambasciata del Kazakistan a Roma?", "Dal 1996 al 2014"),
        # a state the sheet dates "as of" its own date: counted without "ago"
        ("how many years did the archaeological mission work?", "13 years passed from 2001 to 2014"),
        # the sheet's own year is where the count ends, not a year it lacks
        ("how many years had the archaeological mission been working by 2014?", "13 years passed"),
        (
            "How many years of diplomatic relations did Kazakhstan and Italy have when the fact sheet "
            "came out in April 2014?",
            "As of 18 April 2014, the date of the fact sheet, 21 full years",
        ),
    ],
)
def test_years_since_an_event_count_up_to_the_sheets_date(engine: Engine, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text
    assert answer.source  # the event's own passage


@pytest.mark.parametrize(
    "question",
    [
        "how many years did the Tempus project last?",  # a length the sheet does not give
        "how many years had the archaeological mission been working by 1999?",  # before it began
    ],
)
def test_a_length_or_another_year_is_not_counted_to_the_sheets_date(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and "2014, the year" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("how many years had the archaeological mission been working by 2012?", "11 years passed from 2001"),
        ("how long had diplomatic relations existed by 2012?", "20 years passed from 1992 to 2012."),
        ("сколько лет исполнилось дипломатическим отношениям в 2012 году?", "С 1992 по 2012 год прошло 20"),
        ("Дипломатиялық қатынастар орнағанына 2012 жылы неше жыл толды?", "1992 жылдан 2012 жылға дейін 20"),
        ("quanti anni avevano le relazioni diplomatiche nel 1993?", "Dal 1992 al 1993 è trascorso un anno."),
    ],
)
def test_years_since_an_event_count_up_to_a_year_the_question_names(
    engine: Engine, question: str, lead: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


def test_a_follow_up_asking_who_is_not_a_count_of_years(engine: Engine) -> None:
    first = engine.ask("la missione archeologica italiana in kazakistan")
    count = engine.ask("quindi da quanti anni andava avanti nel 2014?", context=first.frame)
    assert count.outcome is Outcome.ANSWER and count.text.startswith("Dal 2001 al 2014"), count.text
    who = engine.ask("e chi la finanzia?", context=count.frame)
    assert "Dal 2001 al 2014" not in who.text, who.text


@pytest.mark.parametrize(
    ("question", "kept", "left_out"),
    [
        ("what does kazakstan sell to italy apart from oil", "wheat", "crude oil"),
        ("Что кроме нефти экспортирует Казахстан в Италию?", "пшеница", "сырая нефть"),
        ("Cosa esporta il Kazakistan in Italia oltre al petrolio?", "frumento", "petrolio greggio"),
        ("Мұнайдан басқа Қазақстан Италияға не экспорттайды?", "бидай", "шикі мұнай"),
        # the most specific good named: "crude oil" leaves the other oils in
        ("Besides crude oil, which other fuels does Kazakhstan export to Italy?", "bituminous", "crude oil"),
    ],
)
def test_exports_apart_from_those_named_list_the_rest(
    engine: Engine, question: str, kept: str, left_out: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    lead, _, listed = answer.text.partition("\n")
    assert left_out in lead.lower() and kept in listed and left_out not in listed, answer.text


def test_a_close_rival_that_cannot_answer_offers_no_choice(engine: Engine) -> None:
    # The list of exports is close in words, but gives no figure for "на сколько".
    answer = engine.ask("На сколько снизился экспорт Казахстана в Италию?")
    assert answer.outcome is Outcome.ANSWER and "243 млн" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "millions"),
    [
        ("What was the trade turnover in 2013 in millions of dollars?", "16,216 million US dollars"),
        ("A quanti milioni di dollari ammontava l'interscambio commerciale nel 2012?", "16.425 milioni"),
        ("Экспорт Казахстана в Италию в 2013 году в миллионах долларов?", "15\u00a0223 млн"),
        ("2012 жылғы тауар айналымы миллион долларда қанша?", "16\u00a0425 млн"),
    ],
)
def test_a_figure_asked_in_millions_is_told_in_millions_too(
    engine: Engine, question: str, millions: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and millions in answer.text, answer.text


def test_a_figure_not_asked_in_millions_is_told_in_billions_alone(engine: Engine) -> None:
    answer = engine.ask("What was the trade turnover in 2013?")
    assert answer.outcome is Outcome.ANSWER and "million" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead", "first", "then"),
    [
        (
            "Which opened first: Italy's embassy in Kazakhstan or Kazakhstan's embassy in Italy?",
            "First, in 1992",
            "1992",
            "1996",
        ),
        ("who came to Kazakhstan first, Scalfaro or Prodi?", "First, in 1997", "Scalfaro", "Prodi"),
        # the year or the ordinal a side names picks its event among the answer's
        (
            "which came first, nazarbayev's 2003 visit to italy or prodi's second trip to kazakhstan?",
            "First, in 2003",
            "Nazarbayev",
            "Then, 4 years later, in 2007",
        ),
        # a greeting and words about the asker name no side
        (
            "Hello! I am a student. Which opened first, the Italian embassy in Kazakhstan or the Kazakh "
            "one in Italy?",
            "First, in 1992",
            "1992",
            "1996",
        ),
        (
            "Did the embassy of Kazakhstan in Italy open before or after Nazarbayev's first visit to Italy?",
            "First, in 1994",
            "Nazarbayev",
            "1996",
        ),
        ("Кто раньше стал послом: Пьери или Елемесов?", "Сначала, в 2011 году", "Пьери", "Елемесов"),
        # "A before B or after?": the choice is of time, the sides A and B
        ("did pieri start as ambassador before yelemesov or after?", "First, in 2011", "Pieri", "Yelemesov"),
        ("Pieri è diventato ambasciatore prima di Yelemesov o dopo?", "Prima, nel 2011", "Pieri", "Yelem"),
        # a surname in its case ("Елемесова") is the name
        ("Пьери стал послом раньше или позже Елемесова?", "Сначала, в 2011 году", "Пьери", "Елемесов"),
        ("Chi è venuto prima in Kazakistan, Prodi o Berlusconi?", "Prima, nel 1998", "Prodi", "Berlusconi"),
        # two bare countries: each said with what the question asks of them (not "the embassy
        # in Italy" for the first)
        ("Who opened an embassy first, Italy or Kazakhstan?", "First, in 1992: Italy", "1992", "1996"),
        ("Кто раньше открыл посольство, Италия или Казахстан?", "Сначала, в 1992 году", "1992", "1996"),
        ("Chi ha aperto prima l'ambasciata, l'Italia o il Kazakistan?", "Prima, nel 1992", "1992", "1996"),
        # each side asked with the yes/no particle "ма": no "yes" inside the reply
        (
            "Қайсысы бұрын болды: Италия елшілігінің ашылуы ма, әлде Қазақстан елшілігінің ашылуы ма?",
            "Алдымен, 1992 жылы: Италия",
            "1992",
            "1996",
        ),
    ],
)
def test_which_came_first_orders_two_dated_events(
    engine: Engine, question: str, lead: str, first: str, then: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text
    assert answer.text.index(first) < answer.text.index(then), answer.text
    assert answer.source  # the passages that state both events


@pytest.mark.parametrize(
    "question",
    [
        "wat was the valu of kazakstan's exprts to italy in 2012?",
        "wat did kazakstan pay to restor after the abruzo earthqake",
    ],
)
def test_a_question_word_typed_loosely_is_no_typo_of_a_yes_no_question(engine: Engine, question: str) -> None:
    # "wat" is a question word the pack lists: corrected to "was", it made the reply open "Yes:".
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and not answer.text.startswith("Yes"), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Is it true that Kazakhstan gave 3 million euros after the Abruzzo earthquake?", "No:"),
        ("Правда ли, что Казахстан выделил 17 миллионов евро после землетрясения в Абруццо?", "Нет:"),
        ("Is it true that Kazakhstan gave 1.7 million euros after the Abruzzo earthquake?", "Yes:"),
        ("Did trade reach 20 billion dollars in 2012?", "No:"),
        # a figure no entry states is the claim, not what the question is about
        ("was trade between kazakhstan and italy like 18 billion in 2012?", "No: In 2012"),
        ("è vero che nel 2012 l'interscambio era di 18 miliardi?", "No: Nel 2012"),
        ("Правда ли, что товарооборот в 2012 году составил 18 млрд долларов?", "Нет: В 2012"),
        ("Правда ли, что после землетрясения в Абруццо Казахстан выделил 2 миллиона евро?", "Нет:"),
    ],
)
def test_a_claimed_sum_is_confirmed_only_when_the_sheet_states_it(
    engine: Engine, question: str, lead: str
) -> None:
    # "17 million?" was answered "Да:" with 1.7 million.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        ("Is it true that diplomatic relations were established in 1993?", "No:", "12 June 1992"),
        ("Правда ли, что дипломатические отношения установлены в 1993 году?", "Нет:", "12 июня 1992"),
        ("È vero che l'obelisco a Trieste è stato inaugurato nel 2011?", "No:", "25 aprile 2010"),
        ("Обелиск Триесте 2009 жылы ашылды ма?", "Жоқ:", "2010"),
        ("Were diplomatic relations established in 1992?", "Yes:", "12 June 1992"),
        # a year alone dates a thing done once too; a claim may end by asking if it is right
        ("I read that Kazakhstan opened its embassy in Italy in 1998, is that right?", "No:", "1996"),
        ("Ho letto che il Kazakistan ha aperto l'ambasciata in Italia nel 1998, è vero?", "No:", "1996"),
        ("Казахстан открыл посольство в Италии в 1998 году, верно?", "Нет:", "1996"),
        ("Қазақстан Италияда елшілікті 1998 жылы ашты, рас па?", "Жоқ:", "1996"),
        ("Kazakhstan opened its embassy in Italy in 1996, right?", "Yes:", "1996"),
        # signed on the last of the visits the answer lists: another visit's year is no yes
        ("Was the strategic partnership agreement signed in 2003?", "No:", "2009"),
        ("was the strategic partnership thing signed back in 2003?", "No:", "2009"),
        ("Соглашение о стратегическом партнерстве подписали в 2003 году, верно?", "Нет:", "2009"),
        ("Le relazioni diplomatiche tra Italia e Kazakistan risalgono al 1993, giusto?", "No:", "1992"),
        ("was the strategic partnership deal signed in 2010 or am i wrong?", "No:", "2009"),
        # a tag after the claim, or a guess after the question
        ("When did Scalfaro come to Kazakhstan, was it 1999?", "No:", "1997"),
        ("Nazarbayev signed the strategic partnership with Italy in 2003, didn't he?", "No:", "2009"),
        ("слушай, а Назарбаев подписал стратегическое партнерство с Италией в 2003, да?", "Нет:", "2009"),
        ("Kazakhstan opened its embassy in Italy in 1996, didn't it?", "Yes:", "1996"),
        # the claim's person may be wrong too: the answer names the right one
        (
            "È vero che l'accordo di partenariato strategico è stato firmato nel 2007 durante la visita "
            "di Prodi?",
            "No:",
            "2009",
        ),
    ],
)
def test_an_event_done_once_claimed_for_another_year_is_denied(
    engine: Engine, question: str, lead: str, said: str
) -> None:
    # "established in 1993?" got "nothing for 1993", never saying 1992.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead) and said in answer.text, (
        answer.text
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("When were diplomatic ties between Kazakhstan and Italy set up, was it June 1991?", "12 June 1992"),
        ("when did the kazakh embasy in itally open, 1998?", "1996"),
        ("wen wer diplomatic ties set up, was it 1991?", "12 June 1992"),  # "wer": were, not "war"
        # the embassies' table states no dates: the Italian embassy's entry dates it
        ("When did Italy open its embassy in Kazakhstan, 1993?", "October 1992"),
        ("Когда Италия открыла посольство в Казахстане, в 1993 году?", "1992"),
        ("In che anno l'ambasciata italiana si è trasferita ad Astana, nel 2007?", "2005"),
    ],
)
def test_a_date_asked_with_a_wrong_year_is_answered_with_the_right_date(
    engine: Engine, question: str, said: str
) -> None:
    # "nothing for 1991" said nothing of 1992; what the sheet dates otherwise corrects the guess
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text
    # a year asked of a thing it does not date stays a decline
    assert not engine.ask("What agreement did Nazarbayev sign during his 2003 visit to Italy?").answered


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # the form asked for says nothing of what ("write it as a list"): it offered choices
        ("Что Казахстан экспортирует в Италию? Напиши списком", "trade-goods-exports"),
        ("Қазақстан Италияға не экспорттайды? тізіммен жазыңыз", "trade-goods-exports"),
        # chat words for the askers ("guys"): "raga" read as a rare word the mission explained
        ("raga in che settori lavorano le joint venture italo-kazake?", "joint-venture-sectors"),
        # a name with its patronymic, a saint's name as Kazakh may transcribe it
        ("Нұрсұлтан Әбішұлы Италияға неше рет ресми сапармен барды?", "visits-to-italy"),
        ("Әулие Биагио Амитернум қалпына келтіру", "san-biagio-aid"),
        # "elenca" (list) asks for a list; a rare word that a list entry happens to say
        ("Elenca i settori delle joint venture italo-kazake", "joint-venture-sectors"),
    ],
)
def test_words_of_form_chat_and_other_spellings_do_not_mislead(
    engine: Engine, question: str, entry: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry, (answer.entry_id, answer.text)


@pytest.mark.parametrize(
    "question", ["who came to Kazakhstan?", "who else from Italy came?", "chi è venuto in Kazakistan?"]
)
def test_a_rare_word_for_a_common_concept_gathers_the_concepts_entries(engine: Engine, question: str) -> None:
    # "came" is in a few phrasings ("came out of"): only those were scored, not the visits
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "Scalfaro" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "С кем встречался глава МИД Казахстана Ержан Казыханов в сентябре 2011 года?",
        "Whom did Kazakhstan's foreign minister Kazykhanov meet in September 2011?",
    ],
)
def test_a_persons_own_post_beside_them_asks_of_no_trip_nor_of_another(engine: Engine, question: str) -> None:
    # It named no trip and no other country: not "no visit to Italy"; the post is his, so
    # Frattini (of the other side) answers "whom did he meet".
    answer = engine.ask(question)
    named = "Frattini" in answer.text or "Фраттини" in answer.text
    assert answer.outcome is Outcome.ANSWER and named, answer.text
    assert answer.entry_id == "kazykhanov-frattini-meeting"


@pytest.mark.parametrize(
    ("question", "entry", "expect"),
    [
        # Latin letters typed inside Cyrillic words, "серіктестік" for the sheet's "әріптестік"
        (
            "стратегиялык серiктестiк туралы келiсiм кашан кол койылды",
            "strategic-partnership-agreement",
            "2009",
        ),
        # "ь" typed for "ъ", a Latin "e" in "годe"
        ("какой обьем торговли с италией был в 2012 годe?", "trade-figures", "16,425"),
    ],
)
def test_a_question_typed_in_mixed_letters_is_read(
    engine: Engine, question: str, entry: str, expect: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry and expect in answer.text, (
        answer.text
    )


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a city of Italy: where Kazakhstan's embassy stands, which the sheet does not say
        ("В каком городе Италии находится посольство Казахстана?", "embassy-of-kazakhstan-in-italy"),
        ("Қазақстан елшілігі Италияның қай қаласында орналасқан?", "embassy-of-kazakhstan-in-italy"),
        ("В каком городе Казахстана находится посольство Италии?", "embassy-of-italy-in-kazakhstan"),
        ("In which city is Italy's embassy?", "embassy-of-italy-in-kazakhstan"),
    ],
)
def test_a_country_beside_a_city_is_where_the_thing_stands(engine: Engine, question: str, entry: str) -> None:
    answer = engine.ask(question)
    assert answer.entry_id == entry, answer.text
    assert answer.answered == (entry == "embassy-of-italy-in-kazakhstan"), answer.text


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # "make a visit": the verb says nothing of its own ("жасаған" is in the agreement's text)
        ("Италияға сапар жасаған қазақстандық шенеуніктерді тізіп бер", "officials-visits"),
        # "official" visits are not officials: "чиновники" do not match "официальный визит"
        ("Какие казахстанские чиновники совершили визит в Италию?", "officials-visits"),
        ("Which Kazakh officials made a visit to Italy?", "officials-visits"),
        # festivals and foundations together: not one festival's entry, nor a menu
        (
            "Elenca i festival e le istituzioni culturali italiane con cui collabora il Kazakhstan.",
            "italian-cultural-partners",
        ),
        (
            "Перечисли итальянские фестивали и фонды, с которыми сотрудничает Казахстан",
            "italian-cultural-partners",
        ),
        (
            "Which Italian festivals and cultural institutions does Kazakhstan cooperate with?",
            "italian-cultural-partners",
        ),
    ],
)
def test_a_question_is_answered_by_the_entry_that_lists_what_it_asks(
    engine: Engine, question: str, entry: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry, answer.text


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # a form only the dative takes is the recipient: Italy sells, Kazakhstan imports
        ("Что Италия продаёт Казахстану?", "trade-goods-imports"),
        ("Что Казахстан продаёт Италии?", "trade-goods-exports"),
        # what Italy ships ("везёт") to Kazakhstan is what Kazakhstan imports
        ("а что италия в основном везёт в казахстан?", "import-structure"),
        # slang: "чё" asks what, "гонят" ships, "слышь" calls out
        ("слышь а чё казахи в италию в основном гонят", "main-export-goods"),
        # "везём" (we ship) of the asker's own country, Kazakhstan: its exports
        ("что мы везём в Италию?", "trade-goods-exports"),
    ],
)
def test_a_country_in_its_dative_receives(engine: Engine, question: str, entry: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry, (answer.entry_id, answer.text)


@pytest.mark.parametrize(
    "question",
    [
        "Правда ли, что посольство Казахстана в Италии открылось в 1992 году?",
        "Is it true that Kazakhstan's embassy in Italy opened in 1992?",
        "Қазақстанның Италиядағы елшілігі 1992 жылы ашылды ма?",
    ],
)
def test_a_claimed_year_the_answer_does_not_state_is_no_yes(engine: Engine, question: str) -> None:
    # "Да: … открылось в 1996 году": the embassies' table covers 1992 (Italy's embassy)
    answer = engine.ask(question)
    assert answer.answered and "1996" in answer.text, answer.text
    assert not answer.text.startswith(("Yes", "Да", "Иә")), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who was the mayor of Trieste at the obelisk's opening?",
        "Chi era il sindaco di Trieste all'inaugurazione dell'obelisco?",
        "Кто был мэром Триеста на открытии обелиска?",
    ],
)
def test_a_mayor_is_a_detail_the_sheet_never_gives(engine: Engine, question: str) -> None:
    # the obelisk's text was the answer, as if it named who was mayor
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "obelisk", (answer.entry_id, answer.text)


def test_the_sheets_date_asked_with_keywords_gets_it(engine: Engine) -> None:
    # "fact sheet date" offered the timeline, the embassies and the Italian embassy as choices
    asked = [
        ("fact sheet date", "18 April 2014"),
        ("дата справки", "18 апреля 2014"),
        ("анықтама жасалған күні", "2014"),
    ]
    for question, date in asked:
        answer = engine.ask(question)
        assert date in answer.text, answer.text


def test_a_possessive_after_a_thing_is_its_owner_not_its_place(engine: Engine) -> None:
    # "ambassadors, Kazakhstan's …" read as the ambassador in Kazakhstan, as "Italy embassy Kazakhstan" is
    analysis = engine.analyzer.read("who are the ambassadors, Kazakhstan's and Italy's?", "en")
    assert engine.recognizer.recognize(analysis).origin is None
    analysis = engine.analyzer.read("ambassador Kazakhstan's", "en")
    assert engine.recognizer.recognize(analysis).origin == "KZ"


@pytest.mark.parametrize(
    "question",
    ["National Bank chairman Italy visit", "Ұлттық банк төрағасы Италия сапары", "нацбанк италия визит"],
)
def test_a_keyword_visit_after_a_country_is_to_it(engine: Engine, question: str) -> None:
    # Read as Italy's own act, Marchenko's visit to Italy was ruled out (a generic decline).
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "marchenko-visit", answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How much did Italy invest in Kazakhstan in 2013?",
        "Сколько Италия инвестировала в Казахстан в 2013 году?",
        "Quanto ha investito l'Italia in Kazakistan nel 2013?",
        "2013 жылы Италия Қазақстанға қанша инвестиция салды?",
    ],
)
def test_a_year_the_sheet_lacks_is_declined_with_what_it_does_say(engine: Engine, question: str) -> None:
    # No figure for 2013 alone, but the total since 1994: a journalist gets the figure there is.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id == "italian-investment-total", answer.text
    assert answer.text.index("2013") < answer.text.index("1994") < answer.text.index("6 "), answer.text
    assert answer.source, "the passage it quotes is cited"


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("Which agreement did Nazarbayev sign in 2003?", "2003"),
        ("Quale accordo ha firmato Nazarbaev nel 1998?", "1998"),
        ("Назарбаев 2003 жылғы сапарында Италияда қандай келісімге қол қойды?", "2003"),
    ],
)
def test_a_year_an_answer_only_lists_is_not_its_events(engine: Engine, question: str, year: str) -> None:
    # The agreement was signed on the 2009 visit; its answer lists the others (2003) beside it.
    # The decline names the year asked first, then says when it was signed.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert answer.text.index(year) < answer.text.index("2009"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Did the archaeological mission work in 2005?",
        "Did the archaeological mission start in 2005?",
        "Were relations established in 2016?",
        "Did the friendship groups meet in 2005?",
    ],
)
def test_another_year_of_a_years_work_or_after_the_sheet_is_no_denial(engine: Engine, question: str) -> None:
    # The mission began in 2001 and went on (a lasting event); 2016 is after the sheet's date;
    # the groups were founded in 1997, not asked of.
    answer = engine.ask(question)
    assert answer.outcome is not Outcome.ANSWER and not answer.text.startswith("No"), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Did Nazarbayev make an official visit to Italy in 2015?", "18 April 2014"),
        ("Назарбаев Италияға 2015 жылы ресми сапармен барды ма?", "2014 жылғы 18 сәуір"),
        ("Приезжал ли Назарбаев в Италию в 2016 году?", "18 апреля 2014"),
    ],
)
def test_a_visit_after_the_sheets_date_is_not_denied(engine: Engine, question: str, said: str) -> None:
    # "No: the fact sheet records no such visit in 2015": it could not have.
    answer = engine.ask(question)
    assert not answer.answered and said in answer.text and "2009" in answer.text, answer.text
    assert not answer.text.startswith(("No", "Нет", "Жоқ")), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Правда ли, что Назарбаев пять раз приезжал в Италию с официальным визитом?",
        "Did Nazarbayev visit Italy officially five times?",
    ],
)
def test_a_count_the_answer_does_not_state_gets_no_yes(engine: Engine, question: str) -> None:
    # Four visits listed: "five times?" was answered "Да:".
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and not answer.text.startswith(("Yes", "Да")), answer.text
    assert "2009" in answer.text


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Is it true that twelve Kazakh singers trained at La Scala?", False),
        ("Правда ли, что двенадцать казахстанских певцов стажировались в Ла Скала?", False),
        ("È vero che dodici cantanti kazaki si sono formati alla Scala?", False),
        ("Ла Скалада он екі қазақ әншісі оқыды ма?", False),  # "он екі": ten and two, twelve
        ("Is it true that ten Kazakh singers trained at La Scala?", True),
        ("Ла Скалада он қазақ әншісі оқыды ма?", True),
    ],
)
def test_a_number_in_words_is_confirmed_only_when_the_sheet_states_it(
    engine: Engine, question: str, yes: bool
) -> None:
    # "twelve singers?" was answered "Yes:" (ten): the counts read only up to ten.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and element_matches("10|ten|десять|dieci|он", answer.text), (
        answer.text
    )
    assert answer.text.startswith(("Yes", "Да", "Sì", "Иә")) is yes, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "why does italy think kazakhstan is important? its for my school project",
        "Почему Казахстан так важен для Италии?",
        "Perché il Kazakistan è importante per l'Italia?",
        "Неге Қазақстан Италия үшін маңызды?",
    ],
)
def test_why_kazakhstan_matters_to_italy_is_its_view(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "geopolitical-bridge", answer.text


@pytest.mark.parametrize(
    "question",
    [
        "When did the Renzi government resign?",
        "Когда правительство Ренци ушло в отставку?",
        "Quando si è dimesso il governo Renzi?",
        "Ренци үкіметі қашан отставкаға кетті?",
    ],
)
def test_a_resignation_is_a_detail_the_sheet_never_gives(engine: Engine, question: str) -> None:
    # The government's formation was answered as if it were its end.
    answer = engine.ask(question)
    lead = engine.texts.get("decline_detail", answer.lang, answer="").strip()
    assert answer.outcome is Outcome.DECLINE and answer.text.startswith(lead), answer.text


def test_a_decline_the_entry_renders_is_not_wrapped_in_another(engine: Engine) -> None:
    answer = engine.ask("Who became President of Kazakhstan after Nazarbayev stepped down in 2019?")
    assert answer.outcome is Outcome.DECLINE and answer.text.count("The fact sheet") == 1, answer.text


def test_whether_a_policy_changed_is_no_plain_yes(engine: Engine) -> None:
    # "поменялась ли политика": it did not; "Да:" opened the reply that says so.
    answer = engine.ask(
        "Кто возглавил правительство Италии в феврале 2014 года и поменялась ли после этого политика Рима "
        "в отношении Казахстана?"
    )
    assert answer.outcome is Outcome.ANSWER and not answer.text.startswith("Да"), answer.text
    assert "Ренци" in answer.text


@pytest.mark.parametrize(
    "question",
    ["Which books came out of the religion project?", "Какие книги издали в рамках проекта о религии?"],
)
def test_the_books_of_the_religion_project_are_both_told(engine: Engine, question: str) -> None:
    # The guide alone answered: the project's first book is the collection of articles.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(
        answer.text, "Religion and Society|Религия и общество"
    ), answer.text


@pytest.mark.parametrize(
    "question", ["Қазақстанның ең биік тауы қайсы?", "What is the highest mountain in Kazakhstan?"]
)
def test_a_mountain_is_no_highest_level_of_dialogue(engine: Engine, question: str) -> None:
    # "ең биік" (highest) found the highest-level dialogue between the authorities.
    assert engine.ask(question).outcome is Outcome.DECLINE


def test_what_came_first_in_italian_reads_its_verb_as_asking(engine: Engine) -> None:
    # "è venuto prima" asks which came first: "venuto" left in a side made it a visit.
    answer = engine.ask(
        "Cosa è venuto prima: l'apertura dell'ambasciata kazaka in Italia o la prima visita di Prodi "
        "in Kazakistan?"
    )
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith("Prima, nel 1996"), answer.text


def test_a_government_that_was_born_is_no_birth_date(engine: Engine) -> None:
    # "quando è nato il governo Renzi": when it was formed (a phrase of "government").
    answer = engine.ask("Cosa è cambiato nei rapporti con il Kazakistan quando è nato il governo Renzi?")
    assert answer.outcome is Outcome.ANSWER and "Renzi" in answer.text, answer.text


@pytest.mark.parametrize(
    ("message", "expect"),
    [
        # a statement after the question says what the answer is for
        (
            "Кто посол Италии в Казахстане и кто посол Казахстана в Италии? Нужно для письма-приглашения"
            " на нашу конференцию.",
            "Елемесов",
        ),
        # a statement before a colon says what it is for
        (
            "For a slide in my presentation I need a bullet list: which Italian leaders visited Kazakhstan"
            " and in which years?",
            "Scalfaro",
        ),
    ],
)
def test_a_question_is_answered_without_the_statements_around_it(
    engine: Engine, message: str, expect: str
) -> None:
    answer = engine.ask(message)
    assert answer.outcome is Outcome.ANSWER and expect in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "no", "fact"),
    [
        ("Отношения установили в 1993?", "Нет", "1992"),
        ("Elemesov è ambasciatore dal 2011?", "No", "2012"),
        ("Le relazioni sono state stabilite nel 1993?", "No", "1992"),
    ],
)
def test_a_year_claimed_by_intonation_alone_is_answered_no(
    engine: Engine, question: str, no: str, fact: str
) -> None:
    # no "ли", no "è vero che": a statement with a question mark claims its year
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(no + ":") and fact in answer.text, (
        answer.text
    )


def test_naz_is_nazarbayev_in_chat(engine: Engine) -> None:
    answer = engine.ask("which yrs did naz visit italy")
    assert answer.outcome is Outcome.ANSWER and "1994, 1998, 2003 and 2009" in answer.text, answer.text


def test_which_came_first_compares_a_listed_visits_first_year(engine: Engine) -> None:
    # "1998 және 2007 жылдары … болды": 2007 stood nearer the verb; Prodi first came in 1998
    answer = engine.ask("Қайсысы бұрын болды: Проди сапары ма әлде Скальфаро сапары ма?")
    assert answer.outcome is Outcome.ANSWER and "1 жыл" in answer.text and "10 жыл" not in answer.text, (
        answer.text
    )


def test_an_age_at_an_event_is_an_age_not_years_since_it(engine: Engine) -> None:
    # "how old … during his first visit": it counted 20 years from 1994 to the sheet's 2014
    answer = engine.ask("How old was Nazarbayev during his first visit to Italy?")
    assert answer.outcome is Outcome.DECLINE and "20 years" not in answer.text, answer.text


def test_a_rude_russian_message_is_declined_in_russian(engine: Engine) -> None:
    # "ты", "ничего", "знаешь": no Kazakh words, though none is in the base's phrasings
    answer = engine.ask("ты тупой бот, ничего не знаешь")
    assert answer.outcome is Outcome.DECLINE and answer.lang == "ru", answer.text


def test_the_total_cost_of_the_restoration_is_not_kazakhstans_aid(engine: Engine) -> None:
    # "сколько всего стоила": the sheet gives Kazakhstan's 1.7 million, no total cost
    answer = engine.ask("Сколько всего стоила реставрация комплекса Сан-Бьяджо?")
    assert answer.outcome is Outcome.DECLINE and "1,7" in answer.text, answer.text


def test_a_colloquial_how_many_years_asks_a_span(engine: Engine) -> None:
    # "скока" for "сколько": the sides are read, not the first entry's date alone
    answer = engine.ask(
        "скока лет прошло между открытием посольства италии в октябре 92 и переездом в астану?"
    )
    assert answer.outcome is Outcome.ANSWER and "12 лет и 6 месяцев" in answer.text, answer.text


def test_a_birth_year_asked_without_kazakh_letters_is_declined(engine: Engine) -> None:
    # "туган" typed for "туған" (born): a word of the lexicon, no typo of another word
    answer = engine.ask("Пьеридын туган жылы")
    assert answer.outcome is Outcome.DECLINE and answer.lang == "kk", answer.text


def test_a_group_that_was_born_is_no_birth_date(engine: Engine) -> None:
    # Italian "sono nati i gruppi" (were founded) is not "nato" (born: a person's detail).
    answer = engine.ask("In che anno sono nati i gruppi interparlamentari di amicizia?")
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, "1997"), answer.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("Were Kazakhstan's imports from Italy higher in 2012 or in 2013?", ["0.034|34", "rose"]),
        ("L'interscambio era maggiore nel 2012 o nel 2013?", ["209 milioni", "diminuito"]),
        ("В каком году экспорт был больше, в 2012 или в 2013?", ["243 млн", "снижение"]),
    ],
)
def test_which_year_was_higher_is_a_change_between_them(
    engine: Engine, question: str, expect: list[str]
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, *expect), answer.text


def test_made_up_is_no_change(engine: Engine) -> None:
    # "made up" says no rise: the share, not the change from 2012.
    answer = engine.ask("What share of the 2013 trade turnover with Italy was made up by Kazakh exports?")
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, "93.9"), answer.text


def test_a_partner_is_neither_where_trade_goes_nor_where_it_comes_from(engine: Engine) -> None:
    # Kazakh "Италиямен" (with Italy): exports are still Kazakhstan's, to Italy.
    answer = engine.ask("2013 жылы экспорт Италиямен тауар айналымының қанша пайызын құрады?")
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, "93,9"), answer.text


def test_did_it_change_is_no_plain_yes_in_kazakh(engine: Engine) -> None:
    answer = engine.ask("ренци укметі казакстанга катысты саясатын озгертты ма")
    assert answer.outcome is Outcome.ANSWER and not answer.text.startswith("Иә"), answer.text


def test_direction_embassies(engine: Engine) -> None:
    italian = engine.ask("When did Italy open its embassy in Kazakhstan?")
    kazakh = engine.ask("When did Kazakhstan open its embassy in Italy?")
    assert _says(italian.text, "1992") and not _says(italian.text, "1996")
    assert _says(kazakh.text, "1996")


def test_direction_trade(engine: Engine) -> None:
    exports = engine.ask("How much did Kazakhstan sell to Italy in 2013?")
    imports = engine.ask("How much did Kazakhstan buy from Italy in 2013?")
    assert _says(exports.text, "15.223")
    assert _says(imports.text, "0.993")


def test_vague_question_offers_choices(engine: Engine) -> None:
    answer = engine.ask("agreement")
    assert answer.outcome is Outcome.CLARIFY
    assert 2 <= len(answer.suggestions) <= 3
    assert answer.text == engine.texts.get("clarify", "en")  # the choices are structure, not text
    for suggestion in answer.suggestions:
        assert suggestion.question not in answer.text
        assert engine.answer_entry(suggestion.entry_id).answered


def test_empty_and_meaningless_input(engine: Engine) -> None:
    for text in ["", "   ", "?!", "the of and"]:
        answer = engine.ask(text)
        assert answer.outcome is Outcome.DECLINE
        assert answer.text


def test_same_question_same_answer(engine: Engine) -> None:
    first = engine.ask("wen did prodi vist kazakhstan")
    for _ in range(3):
        assert engine.ask("wen did prodi vist kazakhstan") == first


def test_stale_choice(engine: Engine) -> None:
    answer = engine.answer_entry("no-such-entry")
    assert answer.outcome is Outcome.DECLINE
    assert "no longer available" in answer.text


def test_time_sensitive_answers_say_as_of(engine: Engine) -> None:
    answer = engine.ask("Who is the Italian ambassador in Kazakhstan?")
    assert "as of april 2014" in answer.text.lower()


def test_json_shape(engine: Engine) -> None:
    data = engine.ask("When did Prodi visit Kazakhstan?").to_json()
    assert set(data) == JSON_KEYS
    assert data["followup"] is False
    source = data["source"]
    assert data["outcome"] == "answer" and isinstance(source, list) and source
    assert all(isinstance(passage, str) for passage in source)
    assert data["lang"] == "en"
    assert data["answered"] is True and isinstance(data["entry"], str)


@pytest.mark.parametrize(
    ("command", "argument", "expect"),
    [
        ("visits", "2009", ["nazarbayev", "2009"]),
        ("visits", "Prodi", ["1998", "2007"]),
        ("trade", "2013", ["16.216"]),
        ("trade", "", ["16.425", "16.216"]),
        ("ambassadors", "", ["yelemesov", "pieri"]),
        ("start", "trade", ["16.425"]),
        ("about", "", ["18 april 2014"]),
    ],
)
def test_commands(engine: Engine, command: str, argument: str, expect: list[str]) -> None:
    answer = answer_command(engine, command, argument)
    assert answer is not None
    assert _says(answer.text, *expect), answer.text


def test_every_topic_has_a_command(engine: Engine) -> None:
    for topic in engine.topics:
        answer = answer_command(engine, topic.id)
        assert answer is not None and answer.text


def test_bad_command_arguments_say_what_is_available(engine: Engine) -> None:
    answer = answer_command(engine, "trade", "2020")
    assert answer is not None and answer.outcome is Outcome.DECLINE
    assert _says(answer.text, "2012", "2013")
    answer = answer_command(engine, "visits", "zzzz")
    assert answer is not None and answer.outcome is Outcome.DECLINE
    assert "/visits" in answer.text


def test_unknown_command(engine: Engine) -> None:
    assert answer_command(engine, "frobnicate") is None


def test_an_unknown_command_is_told_in_the_language_its_words_show(engine: Engine) -> None:
    answer = command_answer(engine, "commercio", "previsioni del tempo domani", lang="en")
    assert answer.lang == "it" and answer.text.startswith(
        engine.texts.get("unknown_command", "it", command="/commercio")
    )
    assert command_answer(engine, "frobnicate", lang="ru").lang == "ru"  # none shown: the one asked for


def test_an_unknown_command_whose_words_ask_a_question_is_answered(engine: Engine) -> None:
    # "/commercio 2013 importazioni": a command in the asker's language, not ours
    answer = command_answer(engine, "commercio", "2013 importazioni", lang="en")
    assert answer.outcome is Outcome.ANSWER and answer.lang == "it", answer.text
    assert "0,993" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("In which city is the Italian embassy located?", "Astana"),
        ("В каком городе находится посольство Италии?", "Астан"),
        ("In quale città si trova l'ambasciata d'Italia?", "Astana"),
        ("Италия елшілігі қай қалада орналасқан?", "Астана"),
    ],
)
def test_which_city_is_answered_by_a_reply_that_names_one(engine: Engine, question: str, city: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and city in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What does Italy sell to Kazakhstan?",
        "Che cosa vende l'Italia al Kazakistan?",
        "Италия Қазақстанға не сатады?",
    ],
)
def test_what_italy_sells_is_what_kazakhstan_imports(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "trade-goods-imports", answer.text


@pytest.mark.parametrize("question", ["2012 экспорт Италия", "экспорт Италия 2012", "export Italia 2012"])
def test_export_and_italy_as_keywords_are_the_exports_to_italy(engine: Engine, question: str) -> None:
    # the country as written after "export" is where the exports go, as after "visit"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "15,466" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How many years did the archaeological mission work from 2001 to 2014?",
        "Сколько лет работала археологическая экспедиция с 2001 по 2014 год?",
        "Қазақстан-Италия археологиялық экспедициясы 2001 жылдан 2014 жылға дейін неше жыл жұмыс істеді?",
    ],
)
def test_the_years_of_a_lasting_event_from_its_start_to_a_year_written_are_counted(
    engine: Engine, question: str
) -> None:
    # the mission began in 2001 and was still at work as of April 2014: not "nothing for 2014"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "13" in answer.text, answer.text


def test_ministers_and_heads_of_agencies_are_every_official_who_visited(engine: Engine) -> None:
    # "ведомств" (agencies) is a word of one post's ministry and of another's "ministry of finance":
    # it tells no post apart, so it picks none of the seven (it picked Doszhan alone)
    answer = engine.ask("Перечисли казахстанских министров и руководителей ведомств, которые посещали Италию")
    assert answer.answered and all(name in answer.text for name in ("Досжан", "Марченко", "Тусупбеков")), (
        answer.text
    )


def test_years_apart_in_italian_is_no_distance_asked(engine: Engine) -> None:
    answer = engine.ask("Quante volte Prodi è andato in Kazakistan da premier, e a quanti anni di distanza?")
    assert answer.outcome is Outcome.ANSWER and "1998" in answer.text and "2007" in answer.text, answer.text
    assert engine.ask("Qual è la distanza tra Roma e Astana?").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    "question",
    [
        "On what date was the Guide to the religious sites of Kazakhstan presented?",
        "in che data e stata presentata la guida ai luoghi religiosi del kazakstan?",
    ],
)
def test_the_words_that_ask_a_date_are_no_date_another_entry_speaks_of(engine: Engine, question: str) -> None:
    # "date" asks; the archaeological mission's dating of materials does not explain it
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "religious-sites-guide", answer.text


def test_among_mistyped_is_no_amount(engine: Engine) -> None:
    # "amoung" was corrected to "amount", and the investment climate answered at 0.42
    answer = engine.ask("wich place Italy takes amoung trade partnrs of Kazakstan?")
    assert answer.entry_id == "trade-rank-share" and "third" in answer.text, answer.text


def test_which_typed_wich_asks_which_one(engine: Engine) -> None:
    # "wich" asked nothing in particular, so every prime minister's visits came back
    answer = engine.ask("wich italian prime minster visitd kazakstan in 2007")
    assert answer.text == "Romano Prodi (Prime Minister of Italy) visited Kazakhstan in 2007.", answer.text


def test_who_was_he_with_a_copula_asks_who_the_named_person_is(engine: Engine) -> None:
    # "кем был": Marchenko's post is the answer, not a detail the sheet lacks
    answer = engine.ask("а Марченко кем был, когда ездил в Италию?")
    assert answer.outcome is Outcome.ANSWER and "Национального банка" in answer.text, answer.text


def test_the_bilateral_trade_volume_of_a_year_is_that_years_figure(engine: Engine) -> None:
    # "bilateral trade volume" is one concept: not "bilateral trade" and a "volume" left over
    answer = engine.ask("What was the bilateral trade volume between Kazakhstan and Italy in 2012?")
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith("In 2012") and "16.425" in answer.text


def test_what_comes_to_us_from_italy_is_kazakhstans_imports(engine: Engine) -> None:
    # "бізге" (to us) is a pronoun, not "бірге" (together) mistyped; "көбіне": mostly
    answer = engine.ask("Италиядан бізге көбіне не әкелінеді?")
    assert answer.outcome is Outcome.ANSWER and "тұтыну тауарлары" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        # an Italian city says where the embassy stands: Kazakhstan's, whose city the sheet omits
        "In which Italian city is Kazakhstan's embassy?",
        "In quale città italiana si trova l'ambasciata del Kazakistan?",
        "В каком итальянском городе находится посольство Казахстана?",
        "In which city was the strategic partnership agreement signed?",
        "В каком городе было подписано соглашение о стратегическом партнерстве?",
        "In quale città è stato firmato l'accordo di partenariato strategico?",
    ],
)
def test_which_city_is_declined_when_the_reply_names_none(engine: Engine, question: str) -> None:
    # The agreement's reply says 2009 and Italy, no city: the detail, not the reply, is missing.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert answer.entry_id in ("strategic-partnership-agreement", "embassy-of-kazakhstan-in-italy"), (
        answer.text
    )
    assert _says(answer.text, "2009|1996") and not _says(answer.text, "Astana|Астан"), answer.text


def test_casual_fillers_and_abbreviations_do_not_hide_the_question(engine: Engine) -> None:
    answer = engine.ask("yo who's kz ambassador in italy rn")
    assert answer.outcome is Outcome.ANSWER and "Yelemesov" in answer.text, answer.text


def test_a_quick_q_before_the_question_is_no_word_of_it(engine: Engine) -> None:
    answer = engine.ask("quick q - how big was trade between them in 2013?")
    assert answer.outcome is Outcome.ANSWER and "16.216" in answer.text, answer.text


def test_a_thing_named_to_be_left_out_need_not_be_in_the_answer(engine: Engine) -> None:
    answer = engine.ask("Apart from CICA, which international chairmanships of Kazakhstan did Italy back?")
    assert answer.outcome is Outcome.ANSWER and "OSCE" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("Я студент, пишу курсовую: в каком году создали группы дружбы?", True),
        ("I'm a student: when were the friendship groups set up?", True),
        ("sono uno studente: quando sono stati creati i gruppi di amicizia?", True),
        ("Мен студентпін: достық топтары қашан құрылды?", True),
        # the asker, but not saying what they are: the detail is asked
        ("Can I get a visa at the embassy?", False),
        ("Где я могу получить визу?", False),
        ("Ci sono studenti kazaki in Italia?", False),
    ],
)
def test_what_the_asker_says_they_are_asks_for_no_such_detail(
    engine: Engine, question: str, answered: bool
) -> None:
    answer = engine.ask(question)
    assert answer.answered is answered, answer.text


def test_a_long_message_is_answered_by_its_question_at_the_end(engine: Engine) -> None:
    preamble = "I am a journalist writing about culture, trade, visits, opera singers and the obelisk. " * 6
    answer = engine.ask(preamble + "My question: when did the Italian embassy move to Astana?")
    assert answer.outcome is Outcome.ANSWER and "2005" in answer.text, answer.text


def test_a_point_of_view_is_no_visa(engine: Engine) -> None:
    # "vista" (view) and "visti" (visas) share a stem: "dal punto di vista" asks no detail
    answer = engine.ask("Come vede l'Italia il Kazakistan dal punto di vista geopolitico?")
    assert answer.outcome is Outcome.ANSWER and "ponte" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lang", "concept"),
    [
        ("I intend to ask about the ambassador of Italy", "en", "director"),  # "intendant"
        ("dove si trovava l'ambasciata fino al 2005?", "it", "complete"),  # "finito"
        ("non ho capito, chi è l'ambasciatore italiano?", "it", "chairman"),  # "capo"
        ("можете дать информацию о товарообороте?", "ru", "date"),  # "дата"
    ],
)
def test_a_common_word_is_no_detail_its_stem_shares(
    engine: Engine, question: str, lang: str, concept: str
) -> None:
    assert concept not in engine.analyzer.read(question, lang).keys


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("why did trade fall in 2013?", "209 million"),
        ("почему снизился товарооборот в 2013 году?", "209 млн"),
    ],
)
def test_trade_figures_give_no_reason(engine: Engine, question: str, figure: str) -> None:
    # The sheet never says why trade moved: the reply says so, then the figures it has.
    answer = engine.ask(question)
    lead = engine.texts.get("no_reason", answer.lang, found="").strip()
    assert answer.outcome is Outcome.DECLINE and answer.text.startswith(lead) and figure in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("why did Italy move its embassy to Astana?", "2005"),
        ("perché l'ambasciata italiana si è trasferita ad Astana?", "2005"),
        ("почему Италия перенесла посольство в Астану?", "2005"),
        ("Италия елшілігі Астанаға неге көшті?", "2005"),
    ],
)
def test_an_answer_that_gives_no_reason_says_so(engine: Engine, question: str, said: str) -> None:
    # The embassy's dates are no reason for its move: "why?" gets that, then what the sheet says.
    answer = engine.ask(question)
    lead = engine.texts.get("no_reason", answer.lang, found="").strip()
    assert answer.outcome is Outcome.DECLINE and answer.text.startswith(lead), answer.text
    assert said in answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Кто такая Айман Мусаходжаева и чем она связана с Италией?", "ректор"),
        ("кто такой марченко и ездил ли он в италию", "Национального банка"),
        ("Chi è Aiman Musakhodzhayeva e con chi ha firmato un memorandum?", "Santa Cecilia"),
        ("Who is Marchenko and what did he do in Italy?", "National Bank"),
        ("Досжан деген кім, Италияға қандай лауазыммен барды?", "Дін істері"),
        ("Досжан кім, Италияға қандай лауазыммен барды?", "Дін істері"),  # "кім" after the bare name
    ],
)
def test_who_joined_to_a_name_asks_who_they_are(engine: Engine, question: str, said: str) -> None:
    # "Кто такая X и …": whatever follows, the reply about X answers; "с Италией" (with
    # Italy) no longer makes her an Italian.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who did Nazarbayev meet in Italy?",
        "Кого встречал Назарбаев в Италии?",
        "Назарбаевты Италияда кім қарсы алды?",
    ],
)
def test_who_apart_from_a_name_asks_someone_else(engine: Engine, question: str) -> None:
    # Nazarbayev's visits name nobody he met: the detail is not given.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and "1994" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "first", "then"),
    [
        (
            "When were diplomatic relations established and when did the Italian embassy move to Astana?",
            "12 June 1992",
            "April 2005",
        ),
        (
            "Когда были установлены дипломатические отношения и когда посольство Италии переехало в Астану?",
            "12 июня 1992",
            "апреля 2005",
        ),
        ("Chi è Pieri e quando è stata aperta l'ambasciata del Kazakistan in Italia?", "Pieri", "1996"),
        # "its own": Kazakhstan's, named before it, not the first question's embassy
        (
            "When did the Italian embassy move to Astana, and when did Kazakhstan open its own embassy "
            "in Italy?",
            "April 2005",
            "1996",
        ),
        (
            "Дипломатиялық қатынастар қашан орнатылды және Италия елшілігі Астанаға қашан көшті?",
            "12 маусым",
            "2005",
        ),
    ],
)
def test_two_questions_in_one_message_are_both_answered(
    engine: Engine, question: str, first: str, then: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "\n\n" in answer.text, answer.text
    assert answer.text.index(first) < answer.text.index(then), answer.text
    assert len(answer.source) >= 2  # both entries' passages


@pytest.mark.parametrize(
    "question",
    [
        "Where was the book about religious sites in Kazakhstan presented, and on what date?",
        "Когда открыли обелиск в Триесте и в честь кого?",
        "Who is Pieri and what did he do?",
    ],
)
def test_a_second_question_of_the_same_thing_is_no_question_apart(engine: Engine, question: str) -> None:
    # "… and on what date?" names nothing of its own: one answer, not one per "and".
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "\n\n" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "given"),
    [
        ("In which month of 1994 did Nazarbayev visit Italy?", None),
        ("В каком месяце 1994 года Назарбаев приезжал в Италию?", None),
        ("In che giorno Prodi è venuto in Kazakistan nel 2007?", None),
        ("1994 жылы Назарбаев Италияға қай айда барды?", None),
        ("On what date were diplomatic relations established?", "12 June 1992"),
        ("In which month did Masimov meet Monti?", "26 March 2012"),
        ("Масимов пен Монти қай айда кездесті?", "наурыз"),
    ],
)
def test_a_month_or_day_asked_needs_more_than_a_year(
    engine: Engine, question: str, given: str | None
) -> None:
    # The sheet dates Nazarbayev's and Prodi's visits by the year only: the month is not given.
    answer = engine.ask(question)
    if given is None:
        lead = engine.texts.get("decline_detail", answer.lang, answer="").strip()
        assert answer.outcome is Outcome.DECLINE and answer.text.startswith(lead), answer.text
    else:
        assert answer.outcome is Outcome.ANSWER and given in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("why was the obelisk in Trieste opened?", "soldiers"),
        ("зачем Казахстан выделил деньги после землетрясения в Абруццо?", "реставрацию"),
        ("почему итальянский бизнес интересуется Казахстаном?", "инвестиционным климатом"),
        ("why are Italian companies interested in Kazakhstan?", "investment climate"),
    ],
)
def test_a_reason_the_sheet_gives_is_answered(engine: Engine, question: str, reason: str) -> None:
    # An answer that says why (says_why), or a related one that does (the business
    # community's interest: Italy's view of Kazakhstan's investment climate).
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and reason in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which of Kazakhstan's foreign policy initiatives did Italy support?",
        "Италия Қазақстанның қандай сыртқы саяси бастамаларын қолдады?",
        "Quali iniziative di politica estera del Kazakistan ha sostenuto l'Italia?",
    ],
)
def test_the_initiatives_italy_supported_are_all_told(engine: Engine, question: str) -> None:
    # The sheet's one paragraph: CICA, and the OSCE and OIC chairmanships besides.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert _says(answer.text, "CICA|АӨСШК", "OSCE|ЕҚЫҰ", "2010", "2011"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Какие инициативы Казахстана во внешней политике поддержала Италия? СВМДА, ОБСЕ?",
        "which did Italy support: CICA or the OSCE chairmanship?",
    ],
)
def test_two_things_named_that_two_entries_tell_are_both_told(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert _says(answer.text, "CICA|СВМДА", "OSCE|ОБСЕ", "2010"), answer.text


@pytest.mark.parametrize(
    "question", ["apart from CICA, what about the OSCE and the OIC?", "кроме ОБСЕ, что с СВМДА?"]
)
def test_a_thing_left_out_is_not_told_beside(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "\n\n" not in answer.text, answer.text  # one entry told


def test_a_full_name_asked_in_kazakh_is_the_name(engine: Engine) -> None:
    # "аты-жөні" (name and surname): its second half is no word an entry has
    answer = engine.ask("Италияның Қазақстандағы елшісінің аты-жөні кім?")
    assert answer.outcome is Outcome.ANSWER and "Пьери" in answer.text, answer.text


def test_asking_to_list_names_nothing_in_kazakh(engine: Engine) -> None:
    # "атап шық" (list them): the request, not words to match ("ата": grandfather)
    answer = engine.ask("Италияға барған қазақстандық шенеуніктерді атап шық")
    assert answer.outcome is Outcome.ANSWER and "Саудабаев" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        (
            "I'm writing a piece for our newspaper on ties between Central Asia and Europe. Could you tell "
            "me roughly how much direct investment Italy has put into Kazakhstan, and from what year?",
            ["6 billion", "1994"],
        ),
        (
            "Здравствуйте! Я студентка, пишу курсовую про образование. Что известно о сотрудничестве "
            "Казахстана и Италии в сфере высшего образования?",
            ["Болонск"],
        ),
        (
            "Сәлеметсіз бе! Мен студентпін, курстық жұмыс жазып жүрмін. Италия Қазақстанның нешінші "
            "сауда серіктесі екенін айтып бересіз бе?",
            ["үшінші"],
        ),
        # what the asker is doing, in the question's own sentence
        (
            "Ciao! Sto preparando una tesina sui rapporti Italia-Kazakistan, mi sai dire quanto hanno "
            "investito direttamente gli italiani in Kazakistan dal 1994?",
            ["6 miliardi"],
        ),
        (
            "I'm writing a thesis on Kazakh-Italian relations, can you tell me how much Italy has invested "
            "directly in Kazakhstan since 1994?",
            ["6 billion"],
        ),
        # a statement before the question, which asks nothing
        ("hey! first day using this. what was italy-kz trade in 2013, roughly?", ["16.216"]),
    ],
)
def test_a_preamble_that_greets_or_says_who_asks_does_not_dilute_the_question(
    engine: Engine, question: str, expect: list[str]
) -> None:
    # Read whole, the preamble's words made the match unsure: a choice was offered.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and _says(answer.text, *expect), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Quante volte Nazarbayev ha visitato ufficialmente l'Italia?",
        "How often did Nazarbayev visit officially Italy?",
    ],
)
def test_a_word_between_the_verb_and_the_country_keeps_the_direction(engine: Engine, question: str) -> None:
    # "visitato ufficialmente l'Italia": Italy is where he went, not whose visit it was
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "visits-to-italy", answer.text


def test_a_government_that_came_in_is_no_visit(engine: Engine) -> None:
    # "Ренци үкіметі келгенде" (when Renzi's government came in): the government came, not Renzi
    answer = engine.ask("Ренци үкіметі келгенде Италияның Қазақстанға қатысты саясаты өзгерді ме?")
    assert answer.entry_id == "renzi-government", answer.text
    visit = engine.ask("Ренци Қазақстанға келді ме?")  # a visit: no visit by him is recorded
    assert visit.entry_id != "renzi-government" and "Ренци" in visit.text, visit.text


def test_talking_is_no_parliament(engine: Engine) -> None:
    # "parlato" (talked) and "parlamento" share Snowball's stem: talks are no parliament's contacts.
    assert "parliament" not in engine.analyzer.read("di cosa hanno parlato?", "it").keys
    answer = engine.ask("il parlamento kazako ha contatti con quello italiano?")
    assert answer.outcome is Outcome.ANSWER and "legislativ" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Is Italy considered one of the largest investors in Kazakhstan?",
        "Считается ли Италия одним из крупнейших инвесторов Казахстана?",
        "È considerata l'Italia uno dei maggiori investitori in Kazakistan?",
        "Италия Қазақстанның ірі инвесторларының бірі болып саналады ма?",
    ],
)
def test_what_something_is_considered_is_no_view_of_italys(engine: Engine, question: str) -> None:
    # "considered" found Italy's view of Kazakhstan's investment climate ("Italy considers …").
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == "largest-investor", answer.text


def test_one_choice_that_leaves_a_rare_word_unexplained_says_what_the_sheet_does_say(engine: Engine) -> None:
    # "which agreement was signed during Prodi's 2007 visit?" got his visits as an answer
    answer = engine.ask("Романо Проди 2007 жылы Қазақстанға келгенде қандай келісімге қол қойылды?")
    said = engine.texts.get("decline_detail", "kk", answer="").strip()
    assert answer.outcome is Outcome.DECLINE and answer.text.startswith(said) and "2007" in answer.text, (
        answer.text
    )


@pytest.mark.parametrize(
    "question",
    [
        "Who was the sculptor or architect of the obelisk for Kazakh soldiers near Trieste?",
        "Кто автор обелиска в Триесте?",
        "Chi è lo scultore dell'obelisco di Trieste?",
        "Триесттегі обелисктің мүсіншісі кім?",
    ],
)
def test_who_made_the_obelisk_is_a_detail_the_sheet_does_not_give(engine: Engine, question: str) -> None:
    # The obelisk's opening was given as if it answered who designed it.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and "2010" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "named", "left_out"),
    [
        ("Apart from Prodi, which Italian prime ministers visited Kazakhstan?", "Berlusconi", "Prodi"),
        ("Oltre a Berlusconi, quali premier italiani sono venuti in Kazakistan?", "Prodi", "Berlusconi"),
        # the one left out is no person asked about: the officials' visits, not "no visit by Marchenko"
        ("Кроме Марченко, кто ещё из казахстанских официальных лиц посетил Италию?", "Саудабаев", ""),
    ],
)
def test_who_else_besides_someone_leaves_them_out(
    engine: Engine, question: str, named: str, left_out: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and named in answer.text, answer.text
    assert not left_out or left_out not in answer.text, answer.text


def test_years_apart_leaves_no_one_out(engine: Engine) -> None:
    # "apart" alone is no "apart from": Prodi is the one asked about
    answer = engine.ask("How many years apart were Prodi's two visits to Kazakhstan?")
    assert answer.text.startswith("Romano Prodi") and element_matches("9", answer.text), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("was trade 16.4 billion in 2012?", "16.425"),
        ("2013 жылы экспорт 15 млрд шамасында болды ма?", "15,223"),
    ],
)
def test_a_claimed_figure_the_sheet_rounds_to_is_no_no(engine: Engine, question: str, said: str) -> None:
    # "about 15 billion" of 15.223 was declined, "16.4" of 16.425 answered "No:"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text
    assert not answer.text.startswith(("No", "Жоқ")), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Мынбаев Италияга барды ма, ол кім болган?", "Мұнай"),
        ("Did Mynbayev visit Italy, and who was he?", "Oil and Gas"),
    ],
)
def test_who_with_a_pointer_to_the_one_person_named_asks_who_they_are(
    engine: Engine, question: str, said: str
) -> None:
    # "…, ол кім болған?" (who was he?) got "the sheet does not give that detail"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


def test_going_somewhere_to_train_is_no_visit(engine: Engine) -> None:
    # "ездили стажироваться" (went to train) made the singers' question one about visits
    answer = engine.ask("слушай, а в какой итальянский театр ездили стажироваться наши оперные певцы?")
    assert answer.outcome is Outcome.ANSWER and "Скала" in answer.text, answer.text


def test_which_organisation_asks_a_name_not_an_organiser(engine: Engine) -> None:
    # "organisation" read as the organiser, a detail the sheet never gives: ENI was declined
    answer = engine.ask("wich organisaton paid for the project of the Institute of Oriental Studys?")
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith("The ENI corporation"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who wrote the guide to religious sites in Kazakhstan?",
        "Chi è l'autore della «Guida ai luoghi religiosi del Kazakhstan»?",
        "Кто автор путеводителя по религиозным местам Казахстана?",
    ],
)
def test_who_wrote_the_guide_is_a_detail_the_sheet_does_not_give(engine: Engine, question: str) -> None:
    # The guide's publication answered "who is its author?"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and "2011" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "before"),
    [
        ("Кто был послом Италии в Казахстане до 2011 года?", True),
        ("2011 жылға дейін Италияның Қазақстандағы елшісі кім болды?", True),
        ("Who was Italy's ambassador until 2011?", True),
        ("Кто посол Казахстана в Италии до 2014 года?", False),  # appointed in 2012: before 2014
    ],
)
def test_an_ambassador_until_a_year_is_one_appointed_before_it(
    engine: Engine, question: str, before: bool
) -> None:
    # "до 2011 года" got Pieri, appointed in June 2011, as if he had been there before
    answer = engine.ask(question)
    assert (answer.outcome is Outcome.DECLINE) is before, answer.text


@pytest.mark.parametrize(
    ("question", "years"),
    [
        (
            "Сколько лет прошло между договорённостью с «Ла Скала» и стажировкой казахстанских "
            "оперных певцов?",
            "2 года",
        ),
        # both sides' words are in both events' texts: each side takes the one the other does not name
        ("how many years after the la scala agreement did the singers train?", "2 years"),
        ("Через сколько лет после подписания соглашения о Ла Скала начали обучение певцы?", "2 года"),
        ("«Ла Скала» келісімі мен әншілердің тағылымдамасы арасында неше жыл өтті?", "2 жыл"),
        (
            "Quanti anni sono passati tra l'accordo con La Scala e lo stage dei cantanti d'opera kazaki?",
            "2 anni",
        ),
    ],
)
def test_a_span_between_two_events_one_answer_tells_dates_each_by_its_own_text(
    engine: Engine, question: str, years: str
) -> None:
    # "from the La Scala agreement to the singers' training": one answer tells both (2009, 2011);
    # "both happened in 2009" was said
    answer = engine.ask(question)
    first = answer.text.split(". ")[0]
    assert "2009" in first and "2011" in first and years in first, answer.text


@pytest.mark.parametrize(
    ("question", "told", "left_out"),
    [
        ("which visits to italy did nazarbayev make before 2009?", ["1994", "1998", "2003"], ["2009"]),
        ("nazarbayev visits to italy after 2000", ["2003", "2009"], ["1994", "1998"]),
        ("визиты Назарбаева в Италию до 2009 года", ["1994", "1998", "2003"], ["2009"]),
        ("visite di Nazarbayev in Italia prima del 2009", ["1994", "1998", "2003"], ["2009"]),
        ("Назарбаевтың Италияға 2000 жылдан кейінгі сапарлары", ["2003", "2009"], ["1994", "1998"]),
        # the entries that tell of 2005 (the embassy's move) do not answer: searched without it
        ("who visited kazakhstan after 2005?", ["Prodi", "2007", "Berlusconi"], ["1997", "Scalfaro"]),
        ("chi ha visitato il Kazakistan dopo il 2005?", ["Prodi", "2007"], ["1997", "Scalfaro"]),
    ],
)
def test_visits_bounded_by_one_year_leave_out_the_rest(
    engine: Engine, question: str, told: list[str], left_out: list[str]
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert all(t in answer.text for t in told) and not any(t in answer.text for t in left_out), answer.text


def test_a_year_only_dated_as_a_things_is_no_bound(engine: Engine) -> None:
    # "before the 2009 visit": the visit's year, not the years before it
    question = engine.analyzer.analyze("what was signed before the 2009 visit?", "en")
    assert engine.recognizer.recognize(question).until is None


@pytest.mark.parametrize(
    "question", ["Тусупбеков визит Италия", "министр юстиции визит Италия", "Назарбаев визит Италия"]
)
def test_a_bare_country_after_a_visit_is_where_it_went(engine: Engine, question: str) -> None:
    # keywords: "визит Италия" is a visit to Italy ("визит Италии" would be Italy's)
    assert engine.recognizer.recognize(engine.analyzer.analyze(question, "ru")).origin == "KZ"


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("when did Prodi visit Kazakhstan for the second time?", "Visit number 2 was in 2007."),
        ("когда был второй визит Назарбаева в Италию?", "Визит номер 2 — в 1998 году."),
        ("Назарбаевтың Италияға үшінші сапары қашан болды?", "3-сапары 2003 жылы болды."),
    ],
)
def test_a_visit_by_its_number_is_told(engine: Engine, question: str, told: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and told in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "In che anno Romano Prodi ha visitato il Kazakistan per la terza volta?",
        "when did nazarbayev visit italy for the fifth time?",
    ],
)
def test_a_visit_number_past_those_recorded_is_declined(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and ("3" in answer.text or "5" in answer.text), answer.text


def test_a_count_is_no_visit_number(engine: Engine) -> None:
    # "пять" (five) and "пятый" (fifth) share a stem: "five times" asks how many
    answer = engine.ask("Правда ли, что Назарбаев пять раз приезжал в Италию с официальным визитом?")
    assert "номер" not in answer.text and ("четыр" in answer.text.lower() or "4" in answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Как зовут министра культуры Италии, с которым встречался Кул-Мухаммед?",
        "what is the name of the Italian culture minister who met Kul-Muhammed?",
    ],
)
def test_a_post_of_the_other_side_beside_a_named_person_is_not_answered_by_another_post(
    engine: Engine, question: str
) -> None:
    # La Scala's director is Italian, but no culture minister: the sheet names none
    assert engine.ask(question).outcome is Outcome.DECLINE


def test_a_post_of_the_other_side_beside_a_named_person_is_answered_by_its_holder(engine: Engine) -> None:
    answer = engine.ask("which italian minister met masimov?")  # a prime minister is a minister
    assert answer.outcome is Outcome.ANSWER and "Monti" in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["Қазақстанда қазір доллар бағамы қанша?", "ал оған дейін кім елші болған?"]
)
def test_kazakh_details_the_sheet_lacks_are_declined(engine: Engine, question: str) -> None:
    assert engine.ask(question).outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    ("question", "told"),
    [
        # "each other" says nothing: not the friendship groups' "each other's parliaments"
        ("When did Kazakhstan and Italy first set up diplomatic ties with each other?", "12 June 1992"),
        # a cue word is no typo: "асты" (exceeded) is not "ашты" (opened)
        ("2012 жылы Қазақстанның Италияға экспорты импорттан қаншаға асты?", "14,507"),
        # "с какого года считают?": since when it is counted, not Italy's view
        ("а сколько итальянцы вообще вложили в казахстан и с какого года считают?", "1994"),
        # "ha visto" (has seen) asks for no visa ("i visti")
        ("chi era il ministro degli esteri kazako che ha visto Frattini all'ONU?", "Kazykhanov"),
    ],
)
def test_words_that_say_nothing_or_cue_a_figure_are_read_so(engine: Engine, question: str, told: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and told in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead", "total"),
    [
        ("How many times in total did Italian leaders visit Kazakhstan?", "Besides these visits", "five (5)"),
        ("Сколько всего раз итальянские лидеры посещали Казахстан?", "Помимо этих визитов", "пять (5)"),
    ],
)
def test_a_count_of_visits_tells_the_talks_apart_from_the_visits_counted(
    engine: Engine, question: str, lead: str, total: str
) -> None:
    # Monti's talks in Astana are on no list of visits: told after the count, not in it
    answer = engine.ask(question)
    assert answer.answered, answer.text
    counted, _, apart = answer.text.partition(lead)
    assert total in counted and "Monti" not in counted and "Монти" not in counted, answer.text
    assert "2012" in apart, answer.text


def test_a_lower_match_explains_a_rare_word_only_if_it_speaks_of_what_the_best_explains(
    engine: Engine,
) -> None:
    # the archaeological mission's "present day" explains "date" but not the guide asked about
    answer = engine.ask("guide to religious sites presentation date")
    assert answer.answered and answer.entry_id == "religious-sites-guide", answer.text


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        # "білім" (education) is the education entry's alone; the joint ventures share only
        # "салаларда" (sectors), and "жатыр" (is being) is an auxiliary, no word of the subject
        ("білім саласында италиямен не істеп жатыр", "bologna-process"),
        # the liberated city is in the obelisk's passage, in Russian and Kazakh words for "died"
        ("При освобождении какого города погибли казахстанские солдаты?", "obelisk"),
        ("Қазақстандық жауынгерлер қай қаланы азат ету кезінде қаза тапты?", "obelisk"),
    ],
)
def test_a_rival_that_leaves_out_the_subject_offers_no_choice(
    engine: Engine, question: str, entry: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id == entry, answer.text


def test_years_that_separated_two_events_are_counted_between_them(engine: Engine) -> None:
    # "separated A and B" says "between A and B"
    answer = engine.ask(
        "How many years separated the establishment of diplomatic ties and the opening of Kazakhstan's "
        "own embassy on Italian soil?"
    )
    lead = "4 years passed between 1992 and 1996"
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


_IMPORTS, _EXPORTS = {"trade-goods-imports", "import-structure"}, {"trade-goods-exports", "main-export-goods"}


@pytest.mark.parametrize(
    ("question", "entries"),
    [
        ("а что казахи в основном везут из италии", _IMPORTS),
        ("что Казахстан получает из Италии?", _IMPORTS),
        ("Cosa riceve il Kazakistan dall'Italia?", _IMPORTS),
        ("Что Италия получает из Казахстана?", _EXPORTS),
        ("Что казахи везут в Италию?", _EXPORTS),
    ],
)
def test_goods_go_from_the_country_they_come_from(engine: Engine, question: str, entries: set[str]) -> None:
    # The subject and "from Italy" point opposite ways; where the goods come from decides.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.entry_id in entries, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How much has Kazakhstan invested in Italy?",
        "Қазақстан Италия экономикасына қанша инвестиция салды?",
        "Quanto ha investito il Kazakistan nell'economia italiana?",
    ],
)
def test_investment_the_other_way_is_not_in_the_sheet(engine: Engine, question: str) -> None:
    # Only Italy's investment in Kazakhstan is given; "one of the most dynamic" is no amount.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_who_directed_a_mission_the_sheet_names_no_head_of(engine: Engine) -> None:
    answer = engine.ask("Chi ha diretto la missione archeologica italiana a Taldysay?")
    assert answer.outcome is Outcome.DECLINE and "2001" in answer.text, answer.text  # what it does say


@pytest.mark.parametrize(
    "question",
    [
        "How many years before Yelemesov did Pieri become ambassador?",
        "Quanti anni prima di Yelemesov Pieri è diventato ambasciatore?",
        "Quanti anni dopo Pieri Yelemesov è diventato ambasciatore?",
        "Через сколько лет после Пьери Елемесов стал послом?",
        "Пьери Елемесовтан неше жыл бұрын елші болды?",  # B, A in the ablative, then "before"
    ],
)
def test_how_many_years_before_counts_between_the_two(engine: Engine, question: str) -> None:
    # It counted the years from Yelemesov's appointment to the sheet's date; in Italian the
    # second side's subject stands before its verb, at the end of the first side.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.text.index("2011") < answer.text.index("2012") < answer.text.index("."), answer.text


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("How many days passed between the two Masimov-Monti talks?", "7 days"),
        ("Сколько дней прошло между двумя раундами переговоров Масимова и Монти?", "7 дней"),
        ("Quanti giorni sono passati tra i due incontri Masimov-Monti ad Astana nel 2012?", "7 giorni"),
        ("Масимов пен Монти келіссөздерінің арасында неше күн өтті?", "7 күн"),
    ],
)
def test_days_between_the_two_days_an_answer_states(engine: Engine, question: str, days: str) -> None:
    # The count comes first, before the answer that states the two days.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.index(days) < answer.text.index(". "), answer.text


def test_days_of_an_answer_dated_to_the_year_are_not_given(engine: Engine) -> None:
    answer = engine.ask("How many days did Berlusconi's 2008 visit last?")
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("2012 жылғы сауда көрсеткіштері: жалпы айналым, экспорт, импорт", "15,466"),
        ("С какого времени посольство Италии работает в Астане?", "2005"),
    ],
)
def test_phrasings_of_a_fact_in_everyday_words(engine: Engine, question: str, figure: str) -> None:
    # "көрсеткіштері" (figures) led to the latest year's entry; "работает в" (operates in) to a menu.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and figure in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Italy import 2012", "0.959"),
        ("Италия импорт 2012", "0,959"),
        ("Italy export 2012", "15.466"),
        ("Italian exports 2012", "0.959"),  # an adjective says whose: Italy's exports
    ],
)
def test_keywords_name_the_partner_of_the_sheets_own_flow(engine: Engine, question: str, figure: str) -> None:
    # "Italy import" read Italy as the importer: Kazakhstan's exports.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and figure in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("What was the outcome of Nazarbayev's 2009 official visit to Italy?", Outcome.ANSWER),
        ("Каковы итоги визита Назарбаева в Италию в 2009 году?", Outcome.ANSWER),
        ("What was the outcome of the Masimov-Monti talks?", Outcome.DECLINE),
    ],
)
def test_an_outcome_is_told_by_an_agreement_signed(engine: Engine, question: str, outcome: Outcome) -> None:
    # The 2009 visit's outcome is the agreement signed on it; the talks' is not given.
    answer = engine.ask(question)
    assert answer.outcome is outcome, answer.text


def test_a_kazakh_count_from_an_event_to_a_year_is_no_span_between_two(engine: Engine) -> None:
    # "көшкеннен бері 2014 жылға дейін": the side "2014" took the mission's 2001.
    answer = engine.ask("Италия елшілігі Астанаға көшкеннен бері 2014 жылға дейін қанша жыл өтті?")
    assert answer.outcome is Outcome.ANSWER and "9" in answer.text.split(".")[0], answer.text


def test_a_russian_request_for_a_list_is_no_word_of_the_question(engine: Engine) -> None:
    # "перечисли по пунктам" left two words unexplained: a menu for the Italian leaders' visits.
    answer = engine.ask("Перечисли по пунктам, кто из итальянских лидеров посещал Казахстан и в каком году")
    assert answer.outcome is Outcome.ANSWER and "1997" in answer.text and "2010" in answer.text, answer.text


def test_russian_in_latin_letters_without_its_soft_sign(engine: Engine) -> None:
    # "skolko" is "сколько" without its "ь": the question read as no language and was declined.
    answer = engine.ask("skolko italiya investirovala v kazahstan")
    assert answer.outcome is Outcome.ANSWER and answer.lang == "ru" and "1994" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How many people work for ENI in Kazakhstan?",
        "ENI корпорациясында Қазақстанда қанша адам жұмыс істейді?",
    ],
)
def test_a_staff_count_is_a_detail_the_sheet_never_gives(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_words_before_a_kazakh_noun_describe_it_and_give_no_direction(engine: Engine) -> None:
    # "Италияға сапармен барған Қазақстан басшылары" (Kazakhstan's leaders who went to Italy)
    # read "сапармен барған" as going to Kazakhstan and listed the Italian leaders' visits.
    answer = engine.ask("Италияға сапармен барған Қазақстан басшыларын тізіп беріңізші")
    assert answer.entry_id != "visits-to-kazakhstan", answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("direct Italian investment volume since 1994", Outcome.ANSWER),  # "direct" directs nothing
        ("Who directed the archaeological mission?", Outcome.DECLINE),
        ("Elenca i risultati del progetto triennale con l'Istituto di Studi Orientali", Outcome.ANSWER),
    ],
)
def test_words_that_look_like_a_missing_detail(engine: Engine, question: str, outcome: Outcome) -> None:
    # A project's results are its books, as an agreement is a visit's.
    answer = engine.ask(question)
    assert answer.outcome is outcome, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Когда посол Пьери покинул свой пост?",
        "When did Pieri leave his post?",
        "Quando Pieri ha lasciato l'incarico?",
    ],
)
def test_the_end_of_a_post_is_a_detail_the_sheet_never_gives(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_a_fact_entrys_reply_names_what_its_phrasings_do_not(engine: Engine) -> None:
    # Berlusconi's visits name neither "premier" nor the OSCE in their Russian phrasings; the
    # reply gives both, so the question is answered, not declined with Prodi's visits.
    answer = engine.ask("кто из итальянских премьеров приезжал на саммит ОБСЕ в Астану?")
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert "Берлускони" in answer.text and "ОБСЕ" in answer.text


def test_two_questions_answered_alike_are_told_once(engine: Engine) -> None:
    # "Secretary of State and Foreign Minister" is one post: both halves gave Saudabayev.
    answer = engine.ask(
        "Who was the Secretary of State and Foreign Minister of Kazakhstan"
        " among the officials who visited Italy?"
    )
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.text.count("Saudabayev") == 1, answer.text


def test_a_span_whose_sides_tell_one_fact_tells_it_once(engine: Engine) -> None:
    # The embassies' table and the Italian embassy's answer say the same in other words.
    answer = engine.ask(
        "How many years passed between the opening of the Italian embassy in 1992 and its move to Astana?"
    )
    assert answer.text.startswith("13 years"), answer.text
    assert answer.text.count("1992") == 3, answer.text  # the span's, its months', and the event's once


@pytest.mark.parametrize(
    "question", ["Марченко Италия должность", "Marchenko position Italy", "Тусупбеков Италия должность"]
)
def test_a_person_beside_a_bare_country_is_their_own_visit(engine: Engine, question: str) -> None:
    # The bare country read as Italy's own act hid the Kazakh official's visit to Italy.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert answer.entry_id in {"marchenko-visit", "tusupbekov-visit"}


def test_a_city_of_the_other_country_asks_a_trip(engine: Engine) -> None:
    # The sheet records Frattini's meeting at the UN, not a visit to Astana.
    answer = engine.ask("Did Frattini ever come to Astana?")
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert "no visit" in answer.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("I'm a student, what ties are there with Italy in education?", "en"),
        ("я студент, какие связи с Италией в сфере образования?", "ru"),
        ("sono uno studente, quali legami ci sono con l'Italia nell'istruzione?", "it"),
        ("студентпін, білім беру жағынан Италиямен қандай байланыс бар?", "kk"),
    ],
)
def test_a_clause_saying_who_asks_is_no_part_of_the_question(
    engine: Engine, question: str, lang: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert (answer.entry_id, answer.lang) == ("bologna-process", lang)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a firm's town, the asker's own city, an exporter's trade: none of them is asked of
        (
            "hey, I run a small machinery export firm in Brescia - "
            "what do we Italians mostly sell to Kazakhstan?",
            "onsumer goods",
        ),
        (
            "student from Almaty here, doing a project on WWII memory - "
            "what's the thing in Trieste about Kazakh soldiers?",
            "2010",
        ),
        (
            "I'm an Italian exporter. "
            "By how much did Kazakhstan's imports from Italy grow from 2012 to 2013?",
            "34 million",
        ),
        ("студент-археолог: археологическая миссия Италия Казахстан начало", "2001"),
        (
            "Sono un imprenditore di Bologna e cerco contatti istituzionali: "
            "quando è stata aperta l'ambasciata del "
            "Kazakistan in Italia?",
            "1996",
        ),
    ],
)
def test_an_opening_that_says_who_asks_is_no_part_of_the_question(
    engine: Engine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Is it true that trade turnover was a record in 2013?", "No: In 2012"),
        ("Правда ли, что в 2013 году товарооборот между Казахстаном и Италией был рекордным?", "Нет: В 2012"),
        ("2013 жылы тауар айналымы рекордтық болды ма?", "Жоқ: 2012"),
        ("Was 2012 a record year for trade?", "Yes: In 2012"),
        ("Did Berlusconi make a short visit in 2010?", "No: Silvio Berlusconi"),
        ("Правда ли, что Берлускони приезжал с кратким визитом в 2010 году?", "Нет: Сильвио Берлускони"),
        ("Was Berlusconi's 2008 visit a short one?", "Yes: Silvio Berlusconi"),
        # a post held since June 2012 was not held since 2011
        ("Has Yelemesov been Kazakhstan's ambassador to Italy since 2011?", "No: As of April 2014"),
        ("Правда ли, что Елемесов является послом Казахстана в Италии с июня 2011 года?", "Нет: По"),
        # "бес" (five) is a count, not a typo of "бас": four visits
        ("Назарбаев Италияға бес рет ресми сапармен барды ма?", "Жоқ: Нұрсұлтан"),
    ],
)
def test_a_table_states_of_another_year_what_is_claimed_of_this_one(
    engine: Engine, question: str, lead: str
) -> None:
    # The 2013 row says nothing of a record: "Yes" with its figures confirmed a false claim.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Is it true that trade fell by 300 million dollars in 2013?", "No:"),
        ("Верно ли, что товарооборот в 2013 году упал на 300 млн?", "Нет:"),
        ("Did trade fall in 2013?", "Yes:"),
    ],
)
def test_a_change_claimed_with_a_sum_is_checked_for_the_sum(engine: Engine, question: str, lead: str) -> None:
    answer = engine.ask(question)
    assert answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Did trade fall by half a billion dollars in 2013?", "209"),
        (
            "Читал, что товарооборот в 2013 году упал по сравнению с 2012-м на полмиллиарда долларов. Верно?",
            "209",
        ),
        # 243 million is more than 200: "No" denied a true claim
        ("Did Kazakhstan's exports to Italy drop by more than 200 million dollars from 2012 to 2013?", "243"),
        ("Правда ли, что экспорт упал более чем на 200 млн?", "243"),
    ],
)
def test_a_sum_claimed_in_words_or_bounded_gets_the_figure_without_a_verdict(
    engine: Engine, question: str, figure: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and figure in answer.text, answer.text
    assert not answer.text.startswith(("Yes", "Да", "No", "Нет")), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Is it true that ENI alone invested 6 billion dollars in Kazakhstan?",
        "È vero che l'ENI da sola ha investito 6 miliardi di dollari in Kazakistan?",
    ],
)
def test_a_claim_naming_a_thing_the_answer_does_not_is_declined(engine: Engine, question: str) -> None:
    # The 6 billion are all Italian investment, not ENI's.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


def test_a_count_of_a_thing_the_sheet_never_names_is_declined(engine: Engine) -> None:
    # "cars" is in no entry: the import figures are no count of cars.
    answer = engine.ask("How many cars were imported from Italy?")
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Is it true that the Apennine country is Kazakhstan's number three trading partner?",
        "Италия – торговый партнер Казахстана номер три?",
    ],
)
def test_number_three_is_third(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.entry_id == "trade-rank-share", answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("Талдысай археологиялық экспедициясын кім басқарды?", Outcome.DECLINE),
        ("Who led the Taldysay archaeological expedition?", Outcome.DECLINE),
        ("Who led the new Italian government that was formed in February 2014?", Outcome.ANSWER),
    ],
)
def test_who_led_asks_a_head_only_a_post_names(engine: Engine, question: str, outcome: Outcome) -> None:
    # Kazakh "жұмысын бастаған" (which began its work) read as "led" answered who led the mission.
    answer = engine.ask(question)
    assert answer.outcome is outcome, answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Did Nazarbayev make five official visits to Italy?", "No:"),
        ("Ho letto che Nazarbayev ha fatto cinque visite ufficiali in Italia, giusto?", "No:"),
        ("Правда ли, что Назарбаев совершил пять официальных визитов в Италию?", "Нет:"),
        ("Did Prodi visit Kazakhstan three times?", "No:"),
        ("Did Nazarbayev make four official visits to Italy?", "Yes:"),
        # times in words: "twice", "una volta", "бір рет" (once, said with "one" or "two")
        ("Prodi visited Kazakhstan twice, right?", "Yes:"),
        ("Did Prodi visit Kazakhstan two times?", "Yes:"),
        ("Berlusconi è andato in Kazakistan solo una volta, giusto?", "No:"),
        ("Берлускони Қазақстанға бір рет келді ме?", "Жоқ:"),
        # "правда, что …" asks yes or no without "ли"
        ("Правда, что Назарбаев посещал Италию с официальным визитом пять раз?", "Нет:"),
    ],
)
def test_a_claimed_count_is_settled_by_the_tables_count(engine: Engine, question: str, lead: str) -> None:
    # "five visits?" listed the four years without saying no.
    answer = engine.ask(question)
    assert answer.text.startswith(lead), answer.text
    assert "(4)" in answer.text or "(2)" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "years", "other"),
    [
        ("When did Renzi visit Kazakhstan?", "1997, 1998, 2007, 2008, 2010 and 2012", "1994"),
        ("Ренци Қазақстанға қашан сапармен келді?", "1997, 1998, 2007, 2008, 2010 және 2012", "1994"),
    ],
)
def test_no_visit_by_someone_lists_the_visits_of_their_side_only(
    engine: Engine, question: str, years: str, other: str
) -> None:
    # The years of Nazarbayev's visits to Italy read as visits to Kazakhstan.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE
    assert years in answer.text and other not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Did the Italian president attend the obelisk ceremony?",
        "Обелисктің ашылу рәсіміне Италия президенті қатысты ма?",
    ],
)
def test_a_claim_of_a_post_the_answer_never_names_is_declined(engine: Engine, question: str) -> None:
    # The obelisk's answer names veterans, no president: it was given as if it answered.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Quali forme di cooperazione universitaria ci sono tra Italia e Kazakistan? Fammi un elenco.", "it"),
        ("What forms of university cooperation are there between Italy and Kazakhstan?", "en"),
    ],
)
def test_university_cooperation_is_the_tempus_programme(engine: Engine, question: str, lang: str) -> None:
    answer = engine.ask(question)
    assert (answer.outcome, answer.entry_id, answer.lang) == (Outcome.ANSWER, "tempus-sacro-cuore", lang)


def test_each_thing_a_list_names_is_told_by_its_entry(engine: Engine) -> None:
    # Only the earthquake was told; La Scala's agreement is another entry's.
    answer = engine.ask(
        "List the cultural events with their years: the La Scala agreement, the Abruzzo earthquake."
    )
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert "6 April 2009" in answer.text and "Lissner" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who trained the Kazakh singers at La Scala?",
        "Кто обучал казахстанских певцов в Ла Скала?",
        "Где находилось посольство Италии до переезда в Астану?",
    ],
)
def test_a_doer_or_a_place_before_the_sheet_never_gives_is_declined(engine: Engine, question: str) -> None:
    # The agreement's signatories did not train the singers; the embassy's first city is not given.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("Quando è nato il gruppo di amicizia parlamentare?", Outcome.ANSWER),  # founded, not born
        ("Quando è nato Nazarbayev?", Outcome.DECLINE),
    ],
)
def test_italian_born_of_a_thing_is_its_founding(engine: Engine, question: str, outcome: Outcome) -> None:
    answer = engine.ask(question)
    assert answer.outcome is outcome, answer.text


def test_kazakh_before_a_noun_asks_what_came_before(engine: Engine) -> None:
    # "Қазақстанға дейін" (before Kazakhstan): Pieri's earlier posts, which the sheet never gives.
    answer = engine.ask("Пиери Қазақстанға дейін қай елде елші болған?")
    assert answer.outcome is Outcome.DECLINE, answer.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Санта Чечилия", "ru"),  # Cyrillic the detector cannot tell: not the default English
        ("differenza import 2013-2012", "it"),
        ("экспорт 2012-2013 айырмасы", "kk"),
    ],
)
def test_a_short_message_is_read_in_a_language_of_its_script(engine: Engine, text: str, lang: str) -> None:
    assert engine.language(text) == lang
    assert engine.ask(text).lang == lang


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("чё Италия берёт у КЗ", "trade-goods-exports"),  # Italy takes from Kazakhstan: its exports
        ("elenco festival", "italian-cultural-partners"),
    ],
)
def test_colloquial_trade_and_list_requests(engine: Engine, question: str, entry: str) -> None:
    answer = engine.ask(question)
    assert (answer.outcome, answer.entry_id) == (Outcome.ANSWER, entry), answer.text


def test_kazakh_if_we_add_asks_a_sum(engine: Engine) -> None:
    answer = engine.ask("2012 және 2013 жылдардағы тауар айналымын қоссақ, қанша болады?")
    assert "32,641" in answer.text, answer.text


def test_typos_beside_a_small_talk_word_are_no_small_talk(engine: Engine) -> None:
    # "start" greets; the misspelled words were compared as corrected, so the message was a greeting.
    answer = engine.ask("archeologcal misson start")
    assert answer.outcome is Outcome.ANSWER and "2001" in answer.text, answer.text


def test_chat_abbreviations_in_a_span(engine: Engine) -> None:
    answer = engine.ask("how many yrs from diplo relations to KZ embassy in italy")
    assert answer.text.startswith("4 years"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "На сколько лет посольство Казахстана в Италии открылось позже итальянского посольства в Казахстане?",
        "How many years later than Italy's embassy in Kazakhstan did Kazakhstan's embassy in Italy open?",
    ],
)
def test_years_later_than_is_a_span(engine: Engine, question: str) -> None:
    # "B opened later than A": only the Italian embassy was told, as a detail not given.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "1996" in answer.text and "4" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    ["Did Matteo Renzi visit Kazakhstan in 2014?", "Посещал ли Маттео Ренци Казахстан в 2014 году?"],
)
def test_a_visit_in_a_year_by_someone_with_none_is_declined(engine: Engine, question: str) -> None:
    # A weak match that left Renzi out (the archaeological mission) offered a menu.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE, answer.text
    assert "Ренци" in answer.text or "Renzi" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "outcome", "entry"),
    [
        ("а кто впереди италии по торговле с казахстаном?", Outcome.ANSWER, "trade-rank-share"),  # ahead
        (
            "Quanto ha importato la Repubblica del Kazakhstan dal Belpaese nel 2013?",
            Outcome.ANSWER,
            "trade-figures",
        ),
        # credentials are a detail the sheet never gives: not "in the post since June 2011"
        (
            "On what day in June 2011 did Pieri present his credentials?",
            Outcome.DECLINE,
            "ambassador-of-italy-in-kazakhstan",
        ),
    ],
)
def test_ahead_belpaese_and_credentials(engine: Engine, question: str, outcome: Outcome, entry: str) -> None:
    answer = engine.ask(question)
    assert (answer.outcome, answer.entry_id) == (outcome, entry), answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("Пиери Казакстанга дейин кай елде елши болды?", Outcome.DECLINE),  # Kazakh in Russian letters
        ("2012 жылдан 2013 жылга дейин Италияга экспорт канша азайды?", Outcome.ANSWER),  # a range's end
        ("Astanada eng jaqsy italiyan meiramkhanasy qaisy?", Outcome.DECLINE),
        ("Kazakstan italiaga kandai tauarlar eksporttaidy", Outcome.ANSWER),
    ],
)
def test_kazakh_typed_without_its_letters(engine: Engine, question: str, outcome: Outcome) -> None:
    answer = engine.ask(question)
    assert (answer.outcome, answer.lang) == (outcome, "kk"), answer.text


def test_a_span_told_by_one_entry_keeps_its_months(engine: Engine) -> None:
    # The embassies' table has no month: the entry that tells both dates does.
    answer = engine.ask(
        "How many years passed between the opening of the Italian embassy in 1992 and its move to Astana?"
    )
    assert "12 years and 6 months" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("Who funded the Taldysay excavations?", Outcome.DECLINE),  # ENI funded another project
        ("а чё Италия думает про наш инвестклимат?", Outcome.ANSWER),
    ],
)
def test_the_excavations_funder_and_the_investment_climate(
    engine: Engine, question: str, outcome: Outcome
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is outcome, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Сколько из этих денег уже потрачено?",  # spent: the sheet tells what was decided, not spent
        "Did Italy support Kazakhstan's bid for the UN Security Council?",
    ],
)
def test_spending_and_the_security_council_are_never_given(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is not Outcome.ANSWER, answer.text


def test_an_officials_visit_is_never_said_to_be_missing(engine: Engine) -> None:
    # The visits table has no Saudabayev; the officials' list does: "no visit by him" was false.
    answer = engine.ask("Quale accordo ha firmato Saudabayev durante la sua visita in Italia?")
    assert answer.outcome is Outcome.DECLINE
    assert "non registra alcuna visita" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Did Prime Minister Masimov hold talks with Mario Monti in Rome in 2012?",
        "Правда ли, что Масимов и Монти вели переговоры в Риме?",
        "Is it true that Italy's ambassador A. Pieri took up his post in 2012?",
        "Правда ли, что послом Казахстана в Италии с июня 2012 года является А. Пиери?",
    ],
)
def test_a_claim_the_answer_does_not_bear_out_gets_no_yes(engine: Engine, question: str) -> None:
    # the talks were in Astana; Pieri took up his post in 2011; Kazakhstan's ambassador is Yelemesov
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert not answer.text.startswith(("Yes", "Да")), answer.text


@pytest.mark.parametrize("year", ["2012", "2013"])
def test_a_post_held_since_a_year_covers_the_years_to_the_sheets_date(engine: Engine, year: str) -> None:
    # Pieri holds his post since June 2011, still as of April 2014: no "nothing for 2013", no "No"
    answer = engine.ask(f"Was Pieri ambassador in {year}?")
    assert answer.outcome is Outcome.ANSWER and "June 2011" in answer.text, answer.text
    assert not answer.text.startswith("No"), answer.text


def test_the_post_asked_is_told_when_the_claim_names_the_other_sides_ambassador(engine: Engine) -> None:
    # Pieri is Italy's ambassador; Kazakhstan's, since June 2012, is Yelemesov
    answer = engine.ask("Послом Казахстана в Италии с 2011 года является Пьери?")
    assert answer.outcome is Outcome.ANSWER and "Елемесов" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How many ballet dancers from Kazakhstan trained at La Scala in 2011?",
        "Ла Скалада 2011 жылы Қазақстаннан неше балетші тағылымдамадан өтті?",
        "Қазақстан Миланда бас консулдықты қай жылы ашты?",
        "Италия мен Қазақстан арасындағы тікелей әуе қатынасы туралы келісімге қашан қол қойылды?",
        "Qual è il piatto nazionale del Kazakistan?",
    ],
)
def test_a_thing_the_sheet_never_names_is_declined_not_answered_with_its_neighbour(
    engine: Engine, question: str
) -> None:
    # ten opera singers trained at La Scala, not dancers; the sheet names no consulate or air link
    assert engine.ask(question).outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("ей, Григорий Марченко ол кезде кім болған?", "Ұлттық Банк"),  # "ей" (hey) is no word to match
        ("chi è il presidente dell'università delle arti kazaka?", "Musakhodzhaeva"),  # its rector
    ],
)
def test_fillers_and_other_names_of_a_post_still_find_it(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Кто такой Е. Казыханов и с кем он встречался в сентябре 2011?", "Фраттини"),  # an initial, no word
        ("Кто такой Р. Тусупбеков?", "юстиции"),
        ("жерсілкінісі болғанда Қазақстан Италияға көмектесті ме?", "1,7"),  # written as one word
    ],
)
def test_initials_and_run_together_words_are_read_as_meant(engine: Engine, question: str, said: str) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


@pytest.mark.parametrize("question", ["Renzi è stato in Kazakistan?", "Renzi came to Kazakhstan?"])
def test_a_person_who_has_been_somewhere_asks_of_a_visit(engine: Engine, question: str) -> None:
    # not his government's entry: the sheet records no visit by Renzi
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and answer.entry_id != "renzi-government", answer.text


@pytest.mark.parametrize("question", ["Russia China Italy trade rank", "Ресей Қытай Италия сауда орны"])
def test_the_partners_before_italy_named_with_it_ask_of_its_rank(engine: Engine, question: str) -> None:
    # Russia and China are the partners ahead of Italy in Kazakhstan's trade: no other pair asked
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "16" in answer.text, answer.text


def test_trade_between_italy_and_another_country_is_still_another_pair(engine: Engine) -> None:
    assert engine.ask("trade between Italy and Russia").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("IWG Kazakhstan Italy full name", "Intergovernmental Working Group"),  # a body's full name is told
        ("салют 👋 кто такая Мусаходжаева и как она связана с Италией?", "Мусаходжаева"),  # "салют" greets
    ],
)
def test_a_bodys_full_name_and_a_greeting_first_are_answered(
    engine: Engine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Уважаемые коллеги, не могли бы Вы сообщить, кто с июня 2012 года является Полномочным "
            "Послом Республики Казахстан в Итальянской Республике?",
            "Елемесов",
        ),
        ("Egregi colleghi, chi è l'ambasciatore del Kazakistan in Italia?", "Yelemesov"),
    ],
)
def test_a_formal_address_before_the_question_is_no_part_of_it(
    engine: Engine, question: str, said: str
) -> None:
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text, answer.text


def test_a_question_after_a_greeting_and_a_statement_keeps_the_statement(engine: Engine) -> None:
    # the professor's remark says which agreement "it" is
    answer = engine.ask(
        "Hey, quick one - my professor mentioned some agreement Nazarbayev signed on his last official "
        "trip to Italy. What was it and what year was that?"
    )
    assert answer.outcome is Outcome.ANSWER and "2009" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How old is Italy's ambassador to Kazakhstan?",
        "Quanti anni ha l'ambasciatore d'Italia in Kazakistan?",
        "How old is ambassador Yelemesov?",
    ],
)
def test_the_age_of_a_post_holder_is_not_their_years_in_the_post(engine: Engine, question: str) -> None:
    # "3 years passed from 2011 to 2014" answered an age the sheet never gives
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and "passed" not in answer.text, answer.text


def test_years_in_the_post_are_still_counted(engine: Engine) -> None:
    answer = engine.ask("How long has Italy's ambassador been in office?")
    assert answer.outcome is Outcome.ANSWER and "3 years" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who led the new government in Italy in 2014?",
        "2014 жылы италияда жана укиметти ким баскарды?",
        "Chi guida il governo italiano?",
    ],
)
def test_a_government_in_italy_is_italys_not_a_visits_destination(engine: Engine, question: str) -> None:
    # "in Italy" read as where a Kazakh went: "no one of that side" declined Renzi
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and ("Renzi" in answer.text or "Ренци" in answer.text), (
        answer.text
    )


def test_a_tag_after_asking_how_much_is_no_claim(engine: Engine) -> None:
    # "how much was it?" asks; only a number after "was it" makes a guess
    answer = engine.ask("When was trade between Kazakhstan and Italy at its record, and how much was it?")
    assert answer.outcome is Outcome.ANSWER and not answer.text.startswith(("Yes", "No")), answer.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Which Italian prime minister came to Kazakhstan for the OSCE summit?", "en"),
        ("кто из итальянских премьеров приезжал на саммит ОБСЕ в Астану?", "ru"),
        ("e chi dall'Italia è venuto al vertice OSCE?", "it"),
        ("Астанадағы ЕҚЫҰ саммитіне Италиядан кім келді?", "kk"),
    ],
)
def test_who_came_for_what_a_visits_note_tells_is_that_visits_guest(
    engine: Engine, question: str, lang: str
) -> None:
    # every Italian leader's visits were listed, Berlusconi's 2010 one somewhere among them
    answer = engine.ask(question, lang=lang)
    assert answer.outcome is Outcome.ANSWER and "2010" in answer.text, answer.text
    assert "1998" not in answer.text and "2008" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "lacking", "name"),
    [
        ("When did Italy open its consulate in Almaty?", "does not give that", "Almaty"),
        ("Когда Италия открыла генеральное консульство в Алматы?", "таких сведений нет", "Алматы"),
    ],
)
def test_a_detail_never_given_of_a_name_never_mentioned_says_both(
    engine: Engine, question: str, lacking: str, name: str
) -> None:
    # "I have no information about Almaty" blamed the city: the sheet names no consulate either
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and lacking in answer.text and name in answer.text, answer.text
    assert (
        "Trump" in engine.ask("Who is Trump?").text
        and "does not give" not in engine.ask("Who is Trump?").text
    )


@pytest.mark.parametrize(
    "question",
    [
        "When did Frattini meet with the Kazakh minister?",
        "Когда Фраттини встречался с казахстанским министром?",
    ],
)
def test_a_country_naming_whom_someone_met_is_no_trip_there(engine: Engine, question: str) -> None:
    # "the Kazakh minister" read as a trip to Kazakhstan: "no visit by Frattini to Kazakhstan"
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and "2011" in answer.text, answer.text


def test_a_name_alone_as_a_side_of_a_span_is_of_the_other_sides_thing(engine: Engine) -> None:
    # "the visits of Prodi and Renzi": Renzi made no visit; his government's 2014 was spanned
    answer = engine.ask("How many years apart were the visits of Prodi and Renzi?")
    assert "2014" not in answer.text and "16" not in answer.text, answer.text
    both = engine.ask("How many years between the visits of Prodi and Scalfaro?")
    assert both.outcome is Outcome.ANSWER and "1997" in both.text and "1998" in both.text, both.text


def test_a_what_role_question_naming_the_other_country_is_no_trip(engine: Engine) -> None:
    # "al Kazakistan" read as Frattini's trip there: "no visit by Frattini to Kazakhstan"
    answer = engine.ask("E quale ruolo ha riconosciuto Frattini al Kazakistan?")
    assert answer.outcome is Outcome.ANSWER and "2011" in answer.text, answer.text
    assert engine.ask("When was Frattini in Kazakhstan?").outcome is Outcome.DECLINE


def test_counted_visits_tell_talks_that_are_no_visit_after_the_total(engine: Engine) -> None:
    # Monti's talks were told before "In all, five visits", as if one of them
    answer = engine.ask(
        "How many visits to Kazakhstan by Italian presidents and prime ministers are there in all?"
    )
    text = answer.text
    assert answer.outcome is Outcome.ANSWER and "five (5)" in text and "Monti" in text, text
    assert text.index("five (5)") < text.index("Monti"), text


def test_a_birth_asked_of_no_person_is_when_a_thing_began(engine: Engine) -> None:
    # "è nato il gruppo" (the group was born: set up) read as a person's birth, declined
    answer = engine.ask("Quando è nato il gruppo di amicizia parlamentare?")
    assert answer.outcome is Outcome.ANSWER and "1997" in answer.text, answer.text
    assert engine.ask("Where was the ambassador born?").outcome is Outcome.DECLINE
    assert engine.ask("Dove è nato Nazarbayev?").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    "question",
    [
        "Бот, Италия елшісі Пьери Елемесовтан неше жыл бұрын қызметке кірісті?",
        "Қазақстанның Италиядағы елшілігі Италия елшілігінен неше жыл кейін ашылды?",
    ],
)
def test_a_kazakh_span_whose_later_side_takes_several_words(engine: Engine, question: str) -> None:
    # one word only before the ablative: "Италия елшісі Пьери" got Pieri's years in post
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(
        ("2011 және 2012", "1992 және 1996")
    ), answer.text


def test_what_trade_cost_is_its_figure_and_a_tax_rate_is_no_investment_climate(engine: Engine) -> None:
    # "сколько стоил товарооборот" (what did trade "cost") read as a price the sheet never gives
    answer = engine.ask("сколько стоил товарооборот в 2012 году")
    assert answer.outcome is Outcome.ANSWER and "16,425" in answer.text, answer.text
    # "rate" matched "how does Italy rate the business environment": a tax rate is not given
    assert engine.ask("What is the corporate tax rate in Italy?").outcome is Outcome.DECLINE


def test_the_countries_before_italy_among_partners_are_its_rank(engine: Engine) -> None:
    # "before" asked a predecessor the sheet never names: the rank's entry tells who comes first
    answer = engine.ask("Which countries come before Italy among Kazakhstan's trade partners?")
    assert answer.outcome is Outcome.ANSWER and "Russia" in answer.text and "China" in answer.text, (
        answer.text
    )
    assert engine.ask("Who was Italy's ambassador before Pieri?").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    "question",
    [
        "How much wheat did Kazakhstan export to Italy in 2013?",
        "Қазақстан Италияға 2013 жылы қанша бидай экспорттады?",
        "How much crude oil, in dollars, did Kazakhstan export to Italy in 2013?",
    ],
)
def test_a_figure_for_one_good_is_declined_with_the_years_total(engine: Engine, question: str) -> None:
    # a menu offered the year's figures or the goods: the sheet gives no figure for any good
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and element_matches("15.223|15,223", answer.text), answer.text
    assert engine.ask("What were Kazakhstan's exports to Italy in 2013?").outcome is Outcome.ANSWER


@pytest.mark.parametrize(
    ("question", "count", "span"),
    [
        (
            "How many times did Prodi visit Kazakhstan, and how many years apart were those visits?",
            "two (2)",
            "9",
        ),
        ("Проди Қазақстанға неше рет келді және сапарлардың арасы неше жыл?", "екі (2)", "9"),
        ("Quante volte Prodi è stato in Kazakistan e in che anni?", "due (2)", "9"),
    ],
)
def test_a_count_asked_with_a_span_of_visits_gets_both(
    engine: Engine, question: str, count: str, span: str
) -> None:
    # the span alone was told ("9 years between the first and the last"), or in Kazakh a span
    # of Scalfaro's 1997 and Prodi's 1998 visits, the count asked never said
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and count in answer.text and span in answer.text, answer.text
    assert "1997" not in answer.text, answer.text


def test_the_goods_besides_those_left_out_open_with_a_capital(engine: Engine) -> None:
    # the Kazakh reply opens with the goods left out: "шикі мұнай … қоспағанда" in lower case
    answer = engine.ask("италияға мұнайдан басқа не сатамыз?")
    assert answer.outcome is Outcome.ANSWER and answer.text[:1].isupper(), answer.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("quando mattarella ha visitato il kazakistan?", "Mattarella"),
        ("when did mattarella visit kazakhstan?", "Mattarella"),
    ],
)
def test_a_name_typed_in_lower_case_is_declined_as_a_name(engine: Engine, question: str, name: str) -> None:
    # It offered the visits of Italy's and Kazakhstan's leaders as choices, never saying that
    # the sheet records no such person.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.DECLINE and name in answer.text, answer.text


def test_an_unknown_lower_case_word_is_no_name_where_the_word_list_lacks_forms(engine: Engine) -> None:
    # Russian words take endings the word list does not hold: "визовый" is no person.
    answer = engine.ask("Какой визовый режим для казахстанцев при поездке в Италию?")
    assert answer.outcome is Outcome.DECLINE and "Визовый" not in answer.text, answer.text
    assert engine.ask("When did Nazarbayev visit Italy?").answered  # known names untouched


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("how many visits to Italy before 2009?", ["1994", "1998", "2003", "three (3) visits"]),
        ("how many visits to Italy in 2009?", ["one (1) visit."]),
        ("quante visite in Italia nel 2009?", ["uno (1)"]),
        ("сколько раз приезжали в Казахстан в 2007 году?", ["Проди", "один (1) визит"]),
    ],
)
def test_visits_asked_how_many_in_years_are_counted(engine: Engine, question: str, expect: list[str]) -> None:
    # a year or a bound asked with "how many" counts the visits of those years, whoever made them
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert all(e in answer.text for e in expect), answer.text


@pytest.mark.parametrize(
    ("question", "lead", "said"),
    [
        ("è vero che Prodi è andato in Kazakistan solo nel 2007?", "No:", "1998"),
        ("Is it true that Prodi visited Kazakhstan only in 2007?", "No:", "1998"),
        ("Правда ли, что Проди был в Казахстане только в 2007 году?", "Нет:", "1998"),
        ("Проди Қазақстанға тек 2007 жылы келген бе?", "Жоқ:", "1998"),
        ("Did Berlusconi visit Kazakhstan only in 2008?", "No:", "2010"),
        # all it names, and no other: a plain yes
        ("Did Scalfaro visit Kazakhstan only in 1997?", "Yes:", "1997"),
    ],
)
def test_a_claim_of_only_these_years_is_denied_where_the_sheet_has_more(
    engine: Engine, question: str, lead: str, said: str
) -> None:
    # "solo nel 2007?" got "Sì", confirming a claim the visits in 1998 and 2007 deny.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead) and said in answer.text, (
        answer.text
    )


@pytest.mark.parametrize(
    "question",
    [
        "сколько лет прошло между первым и последним визитом?",
        "quanti anni tra la prima e l'ultima visita?",
        "бірінші және соңғы сапар арасында неше жыл өтті?",
        "how many years passed between the first and the last visit?",
    ],
)
def test_the_years_between_the_first_and_last_visit_need_no_person_named(
    engine: Engine, question: str
) -> None:
    # "Оба события произошли в 1994 году": the last visit's side borrowed "first" from the other.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert all(e in answer.text for e in ("1994", "2009", "15")), answer.text


POSTS, EMBASSIES = ("2011", "2012"), ("1992", "1996", "4")


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("На сколько лет раньше Пьери занял свой пост, чем Елемесов?", POSTS),
        ("How many years earlier did Pieri take up his post than Yelemesov?", POSTS),
        # "how long B before A": B's side first, then A's
        ("How long had Pieri been ambassador before Yelemesov took up his post in Rome?", POSTS),
        # "позже A открылось B": the comparative, A, then B's verb (only B's side was read)
        ("На сколько лет позже итальянского посольства открылось посольство Казахстана в Италии?", EMBASSIES),
        ("На сколько лет раньше посольства Казахстана открылось посольство Италии?", EMBASSIES),
    ],
)
def test_a_comparative_before_both_sides_compares_them(
    engine: Engine, question: str, expect: tuple[str, ...]
) -> None:
    # "раньше B …, чем A": counted to the sheet's date from Yelemesov's post alone, before.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert all(e in answer.text for e in expect), answer.text


def test_visits_counted_both_ways_count_every_visit(engine: Engine) -> None:
    # The table of both directions counted only the talks, which are no visit: "zero visits".
    answer = engine.ask("How many high-level visits between the two countries does the sheet list in total?")
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert "(9)" in answer.text and "1994" in answer.text and "1997" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "second"),
    [
        ("I was told machinery is the number one thing Kazakhstan imports from Italy. Correct?", "second"),
        ("Италиядан әкелінетін тауарлар ішінде машиналар мен жабдықтар бірінші орында ма?", "екінші"),
    ],
)
def test_a_claimed_first_place_among_ranked_things_gets_no_plain_yes(
    engine: Engine, question: str, second: str
) -> None:
    # "Yes: the list includes machinery" confirmed it first, the reply saying it is second.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert not answer.text.startswith((engine.texts.get("answer_yes", answer.lang, answer="").strip(),))
    assert second in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Did trade in 2013 beat the 2012 record?",
        "Говорят, в 2013 году товарооборот с Италией побил рекорд 2012 года. Это так?",
    ],
)
def test_beating_another_years_figure_is_a_change_not_a_plain_yes(engine: Engine, question: str) -> None:
    # "Да: …" confirmed 2013 beat the record, quoting 2013's lower figure beside it.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER, answer.text
    assert "209" in answer.text and not answer.text.startswith(("Yes", "Да")), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Was Renzi's government formed in March 2014?", "No:"),
        ("Ренци басқарған Италияның жаңа үкіметі 2014 жылдың наурызында құрылды ма?", "Жоқ:"),
        ("Was Renzi's government formed in February 2014?", "Yes:"),
    ],
)
def test_a_claimed_month_is_settled_by_the_month_told(engine: Engine, question: str, lead: str) -> None:
    # "Иә: … 2014 жылғы ақпанда құрылған": yes to March, then February.
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and answer.text.startswith(lead), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How many years between the earthquake and the date of the fact sheet?", "5 full years"),
        ("Сколько лет прошло от землетрясения до даты справки?", "5 полных лет"),
        (
            "Quanti anni sono passati tra il terremoto dell'Aquila e la data di questo documento?",
            "5 anni interi",
        ),
    ],
)
def test_a_side_naming_the_sheet_is_its_date(engine: Engine, question: str, said: str) -> None:
    # "the date of the fact sheet" was read as the key dates: "17 years between 1992 and 2009".
    answer = engine.ask(question)
    assert answer.outcome is Outcome.ANSWER and said in answer.text and "2009" in answer.text, answer.text
