"""The compact list of common words: ranks as the list gives them, nothing else in it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from knowledge.wordlist import WordRanks


def test_ranks_follow_the_list_and_unlisted_words_have_none() -> None:
    ranks = WordRanks(["the", "of", "визит", "città"])
    assert [ranks.rank(w) for w in ("the", "of", "визит", "città")] == [1, 2, 3, 4]
    assert ranks.rank("citta") is None
    assert "визит" in ranks and "trump" not in ranks and 3 not in ranks
    assert len(ranks) == 4


def test_a_word_listed_twice_keeps_its_better_rank() -> None:
    ranks = WordRanks(["visit", "trade", "visit"])
    assert ranks.rank("visit") == 1
    assert len(ranks) == 2


@given(st.lists(st.text(min_size=1, max_size=12)), st.text(max_size=12))
def test_agrees_with_a_dict_of_first_positions(words: list[str], other: str) -> None:
    expected: dict[str, int] = {}
    for rank, word in enumerate(words, start=1):
        expected.setdefault(word, rank)
    ranks = WordRanks(words)
    assert all(ranks.rank(word) == rank for word, rank in expected.items())
    assert ranks.rank(other) == expected.get(other)
