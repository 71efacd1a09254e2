"""User-facing texts from ``texts.yaml``, filled in the reply's language."""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.formatting import Writer
from knowledge.schema import LanguagePack, Texts

# A placeholder every text may use: "As of April 2014", as the text "as_of" says it.
AS_OF = "as_of"


class TextBook:
    """Looks up texts by key and language and fills their placeholders.

    Args:
        texts: the texts of ``texts.yaml``, by key.
        packs: the language packs, by code.
        values: the facts' named values (``trade.2012.turnover``), which every text may use.
        default: the language used when a text lacks the one asked for.
    """

    def __init__(
        self,
        texts: Mapping[str, Texts],
        packs: Mapping[str, LanguagePack],
        values: Mapping[str, object] | None = None,
        default: str = "en",
    ) -> None:
        self._texts = texts
        self._values = dict(values or {})
        self.default = default
        self._writers = {code: Writer(pack, _Lookup(self, code)) for code, pack in packs.items()}

    def value(self, name: str, lang: str) -> object:
        """A value every text may use: a fact's, or ``as_of`` in ``lang``.

        Raises:
            KeyError: no such value.
        """
        if name in self._values:
            return self._values[name]
        if name == AS_OF and AS_OF in self._texts:
            return self.get(AS_OF, lang)
        raise KeyError(name)

    def __contains__(self, key: str) -> bool:
        return key in self._texts

    @property
    def languages(self) -> list[str]:
        """The language codes it can write in."""
        return list(self._writers)

    def writer(self, lang: str) -> Writer:
        """The writer of ``lang`` (the default language's for an unknown code)."""
        return self._writers.get(lang) or self._writers[self.default]

    def get(self, key: str, lang: str, /, **values: object) -> str:
        """The text ``key`` in ``lang`` with its placeholders filled.

        Raises:
            KeyError: when ``texts.yaml`` has no such key, or a placeholder has no value.
        """
        return self.fill(self._texts[key].get(lang, self.default), lang, **values)

    def fill(self, template: str, lang: str, /, **values: object) -> str:
        """``template`` (a text of the knowledge base) with its placeholders filled in ``lang``."""
        if "{" not in template:
            return template
        return self.writer(lang).fill(template, **values)


class _Lookup:
    """A writer's lookup of the values every text may use (a class, so an engine can be pickled)."""

    def __init__(self, book: TextBook, lang: str) -> None:
        self.book = book
        self.lang = lang

    def __call__(self, name: str) -> object:
        return self.book.value(name, self.lang)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    head = cut.rsplit(" ", 1)[0]
    if len(head) >= limit // 2:  # cut at a word unless that loses too much
        cut = head
    return cut.rstrip(" ,;:.") + "…"
