"""The texts the code shows, and the placeholders each is given.

``texts.yaml`` holds the words; this table is the contract between them and the code, so
that ``python -m bot check`` catches a missing text or a misspelt placeholder before a user
meets a crash. Besides these, every text may use the values of ``facts.yaml`` and
``{as_of}``. Adding a text to the code means adding its key here.
"""

from __future__ import annotations

_NONE: frozenset[str] = frozenset()
_VISITS = frozenset({"who", "place", "years"})
_TRADE_YEAR = frozenset({"year", "turnover", "exports", "imports", "millions", "record"})
_CHANGE = frozenset({"new", "new_year", "old_year", "metric", "old", "percent", "delta"})

TEXT_KEYS: dict[str, frozenset[str]] = {
    # framing
    "about": _NONE,
    "capabilities": _NONE,
    "welcome": frozenset({"examples"}),
    "help": frozenset({"commands"}),
    "topics": frozenset({"commands"}),
    "topic_examples": frozenset({"examples"}),
    "unknown_command": frozenset({"command"}),
    "topic_bad_argument": frozenset({"command", "argument"}),
    "too_vague": frozenset({"capabilities"}),
    "empty": frozenset({"capabilities"}),
    "clarify": _NONE,
    "stale_choice": _NONE,
    "as_of": _NONE,
    "as_of_colon": _NONE,
    # declines
    "decline": frozenset({"capabilities"}),
    "decline_country": frozenset({"capabilities", "country"}),
    "decline_unknown": frozenset({"name", "capabilities"}),
    "decline_attribute": frozenset({"capabilities"}),
    "decline_year": frozenset({"topic", "capabilities", "year"}),
    "decline_detail": frozenset({"answer"}),
    # people and places
    "person": frozenset({"name", "role"}),
    # visits
    "visits_official": _VISITS,
    "visits_official_one": _VISITS,
    "visits_person": _VISITS,
    "visits_person_one": _VISITS,
    "visit_year_short": frozenset({"year"}),
    "visit_note": frozenset({"year", "note"}),
    "visit_talks": frozenset({"who", "other", "place", "dates"}),
    "visit_meeting": frozenset({"who", "other", "place", "dates"}),
    "visits_none_for": frozenset({"names", "years"}),
    "visits_role_only": frozenset({"found"}),
    "visits_none_role": frozenset({"years"}),
    "visits_none_year_person": frozenset({"year", "found"}),
    "visits_none_year": frozenset({"known", "years"}),
    "visits_between": frozenset({"low", "high"}),
    "visits_total": frozenset({"n"}),
    "visits_span": frozenset({"last", "n", "first"}),
    "visits_count": frozenset({"n"}),
    "visits_first": frozenset({"year"}),
    "visits_last": frozenset({"year"}),
    "years_between": frozenset({"b", "n", "year_b", "a", "year_a"}),
    # trade
    "trade_no_year": frozenset({"known", "years"}),
    "trade_turnover": _TRADE_YEAR,
    "trade_exports": _TRADE_YEAR,
    "trade_imports": _TRADE_YEAR,
    "trade_record": _NONE,
    "trade_source_note": frozenset({"source"}),
    "trade_balance": frozenset({"year", "imports", "exports", "balance"}),
    "trade_change_up": _CHANGE,
    "trade_change_down": _CHANGE,
    "metric_turnover": _NONE,
    "metric_exports": _NONE,
    "metric_imports": _NONE,
    "metric_balance": _NONE,
    "trade_part": frozenset({"turnover", "value", "metric", "year", "percent"}),
    "trade_average": frozenset({"metric", "years", "amount"}),
    "trade_sum": frozenset({"metric", "years", "amount"}),
    "trade_standing": frozenset({"share", "ahead", "rank"}),
    "trade_rank_unknown": frozenset({"ahead", "top", "rank"}),
    "trade_share_only_turnover": frozenset({"share"}),
    "goods_exports": frozenset({"goods"}),
    "goods_asked": frozenset({"asked"}),
    "people_intro": _NONE,
    # officials, ambassadors, embassies
    "officials_intro": _NONE,
    "official": frozenset({"name", "post"}),
    "official_one": frozenset({"name", "post"}),
    "officials_not_listed": frozenset({"names"}),
    "officials_no_dates": _NONE,
    "ambassador": frozenset({"name", "since", "host", "sending"}),
    "ambassadors_none_year": frozenset({"years"}),
    "embassy": frozenset({"owner", "opened", "host"}),
    "embassy_moved": frozenset({"owner", "opened", "host", "city", "since"}),
    # timeline and culture
    "timeline_intro": _NONE,
    "timeline_none": frozenset({"known", "years"}),
    "timeline_embassy": frozenset({"owner", "host"}),
    "timeline_embassy_city": frozenset({"owner", "host", "city"}),
    "timeline_ambassador": frozenset({"name", "sending", "host"}),
    "timeline_visit_official": frozenset({"who", "place"}),
    "timeline_visit_visit": frozenset({"who", "place"}),
    "timeline_visit_short": frozenset({"who", "place"}),
    "timeline_trade": frozenset({"turnover"}),
    "timeline_trade_record": frozenset({"turnover"}),
    "timeline_investment": _NONE,
    "culture_intro": _NONE,
    "culture_none_year": frozenset({"years"}),
    # Telegram
    "help_pointer": _NONE,
    "non_text_hint": _NONE,
    "question_too_long": frozenset({"limit", "length"}),
    "question_empty": _NONE,
    "ask_usage": _NONE,
    "choice_none_button": _NONE,
    "choice_none_reply": _NONE,
    "flood_warning": frozenset({"seconds"}),
    "error_apology": _NONE,
    "inline_ask_in_chat": _NONE,
    "language_prompt": _NONE,
    "language_set": _NONE,
    "command_start": _NONE,
    "command_help": _NONE,
    "command_topics": _NONE,
    "command_about": _NONE,
    "command_ask": _NONE,
    "command_language": _NONE,
    # the terminal chat
    "chat_quit_help": _NONE,
    "chat_choose_hint": _NONE,
    "chat_choose_one": frozenset({"n"}),
    "chat_choose_range": frozenset({"first", "n"}),
    "chat_language_choices": frozenset({"choices"}),
    # sources
    "source_button": _NONE,
    "source_heading": _NONE,
    "source_none": _NONE,
    # yes/no questions
    "answer_yes": frozenset({"answer"}),
    "answer_no": frozenset({"answer"}),
    # small talk
    "smalltalk_greeting": _NONE,
    "smalltalk_thanks": _NONE,
    "smalltalk_goodbye": _NONE,
    "smalltalk_identity": _NONE,
    "smalltalk_maker": _NONE,
    "smalltalk_abilities": frozenset({"capabilities"}),
    "smalltalk_currency": _NONE,
    "smalltalk_source": _NONE,
    # administrators
    "reload_done": frozenset({"entries", "topics", "seconds"}),
    "reload_failed": frozenset({"count", "problems"}),
}
