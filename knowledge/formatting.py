"""Write facts the way each language writes them: dates, sums, numbers, lists, names.

Templates are Python format strings whose fields name values: ``{since:since}``,
``{trade.2012.turnover}``, ``{years:or}``, ``{as_of:capital}`` (the first letter raised).
:class:`Writer` fills them for one language, formatting typed values (:class:`When`,
:class:`Sum`, :class:`Figure`, lists, texts) with Babel and the language pack; other
values are formatted as Python does.

Date styles (``plain``, ``in``, ``since``, …) come from the pack, so each language puts
its own preposition and case around a date: "in October 1992", "в октябре 1992 года",
"nell'ottobre 1992", "1992 жылғы қазанда".
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from knowledge import locales
from knowledge.schema import LanguagePack, Texts

# A list of this many items or more is shown one item per line ("{goods:lines}").
MIN_LINES = 3
BULLET = "•"
MAX_PARSED = 4_096  # templates a writer keeps parsed (the texts and the knowledge base's own)
_BRACES = re.compile(r"[{}]")


@dataclass(frozen=True, order=True)
class When:
    """A date as precise as the fact sheet gives it: "1992", "1992-10" or "1992-06-12"."""

    value: str

    @property
    def year(self) -> int:
        """The year."""
        return int(self.value[:4])

    @property
    def parts(self) -> tuple[int, ...]:
        """Year, then month and day when known."""
        return tuple(int(p) for p in self.value.split("-"))

    @property
    def date(self) -> dt.date:
        """The first day the value can mean (for sorting and for Babel)."""
        parts = (*self.parts, 1, 1)
        return dt.date(parts[0], parts[1], parts[2])


@dataclass(frozen=True)
class Sum:
    """A sum of money: ``value`` in units of ``scale`` ("unit", "million", "billion")."""

    value: float
    currency: str
    scale: str = "unit"
    decimals: int | None = None  # None: as many as needed, up to three

    @property
    def exact(self) -> float:
        """The sum in units (1.7 million → 1,700,000)."""
        return self.value * SCALES[self.scale]


@dataclass(frozen=True)
class Figure:
    """A number shown with a fixed number of decimals (a percentage, a change)."""

    value: float
    decimals: int = 0
    percent: bool = False


@dataclass(frozen=True)
class CountryName:
    """Kazakhstan or Italy, written as the language pack says, in the form a style asks for."""

    code: str


Lookup = Callable[[str], object]
SCALES = {"unit": 1, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def _pattern(decimals: int | None) -> str:
    return "#,##0." + "0" * decimals if decimals else ("#,##0" if decimals == 0 else "#,##0.###")


class Writer(string.Formatter):
    """Fills templates in one language.

    Args:
        pack: the language pack (its Babel locale, date styles, money words, …).
        lookup: resolves a field name that is not among the template's arguments (the
            facts' named values: ``trade.2012.turnover``); raises ``KeyError`` if unknown.
    """

    def __init__(self, pack: LanguagePack, lookup: Lookup | None = None) -> None:
        super().__init__()
        self.pack = pack
        self.lang = pack.code
        self.locale = locales.parse(pack.locale)  # parsed once: Babel would parse it on every call
        self._lookup = lookup
        self._parsed: dict[str, tuple[tuple[str, str | None, str], ...] | None] = {}  # templates, parsed

    # -- string.Formatter ------------------------------------------------------------

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        """Resolve a whole field name ("trade.2012.turnover"), not Python's attribute path."""
        if field_name in kwargs:
            return kwargs[field_name], field_name
        if self._lookup is None:
            raise KeyError(field_name)
        return self._lookup(field_name), field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        """Format a typed value for this language; ``format_spec`` chooses a style."""
        if isinstance(value, When):
            return self.date(value, format_spec or "plain")
        if isinstance(value, Sum):
            return self.money(value, format_spec or "long")
        if isinstance(value, Figure):
            return self.figure(value)
        if isinstance(value, Texts):
            return value.get(self.lang)
        if isinstance(value, CountryName):
            forms = self.pack.countries[value.code]  # type: ignore[index]
            return forms.get(format_spec) or forms["name"]
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int) and format_spec in self.pack.units:  # "{n:years}": "4 года"
            by_plural = self.pack.units[format_spec]
            category = self.locale.plural_form(value)
            form = next((f for c, f in by_plural.items() if c == category), None) or by_plural["other"]
            return form.replace("{n}", str(value))
        if isinstance(value, int) and format_spec in ("count", "words", "ordinal"):
            if format_spec == "ordinal":
                return self.ordinal(value)
            return self.count(value) if format_spec == "count" else self.counts(value)
        if isinstance(value, list | tuple):
            if format_spec == "lines":  # "{goods:lines}": one item per line, from three items on
                items = [self.format_field(v, "") for v in value]
                if len(items) < MIN_LINES:
                    return " " + self.join(items, "and")
                return "".join(f"\n{BULLET} {item}" for item in items)
            # "{years:or}" joins with "or"; any other style applies to each item ("{dates:in}").
            style = format_spec if format_spec in ("and", "or") else "and"
            item_spec = "" if format_spec in ("and", "or") else format_spec
            return self.join([self.format_field(v, item_spec) for v in value], style)
        if isinstance(value, float):
            return self.number(value)
        if isinstance(value, str) and format_spec == "capital":
            return value[:1].upper() + value[1:]
        return str(super().format_field(value, format_spec))

    def fill(self, template: str, /, **values: object) -> str:
        """``template`` with its fields filled (from ``values``, else the lookup)."""
        parts = self._parts(template)
        if parts is None:
            return self.vformat(template, (), values)
        # What ``vformat`` does for named fields without conversions or nested fields, with
        # the template parsed once.
        out: list[str] = []
        for literal, name, spec in parts:
            out.append(literal)
            if name is not None:
                out.append(self.format_field(self.get_field(name, (), values)[0], spec))
        return "".join(out)

    def _parts(self, template: str) -> tuple[tuple[str, str | None, str], ...] | None:
        """``template`` parsed, or None when it has what only ``vformat`` handles."""
        if template in self._parsed:
            return self._parsed[template]
        parsed = list(self.parse(template))
        simple = all(name is None or _plain(name, spec, conversion) for _, name, spec, conversion in parsed)
        parts = tuple((literal, name, spec or "") for literal, name, spec, _ in parsed) if simple else None
        if len(self._parsed) < MAX_PARSED:
            self._parsed[template] = parts
        return parts

    # -- values ----------------------------------------------------------------------

    def date(self, when: When, style: str) -> str:
        """A date in one of the pack's styles ("plain", "in", "since"); "year" is the year alone."""
        if style == "year":
            return str(when.year)
        patterns = self.pack.dates[style]
        pattern = (patterns.year, patterns.month, patterns.day)[len(when.parts) - 1]
        if "{" in pattern:
            month = when.parts[1] - 1 if len(when.parts) > 1 else 0
            pattern = re.sub(r"\{(\w+)\}", lambda m: _quoted(self.pack.months[m[1]][month]), pattern)
        return format_date(when.date, pattern, locale=self.locale)

    def number(self, value: float, decimals: int | None = None) -> str:
        """A number with the locale's separators (16.216 in English, 16,216 in Russian)."""
        return format_decimal(value, _pattern(decimals), locale=self.locale)

    def figure(self, value: Figure) -> str:
        """A number with fixed decimals, or a percentage."""
        if value.percent:
            return format_percent(value.value / 100, _pattern(value.decimals) + "%", locale=self.locale)
        return self.number(value.value, value.decimals)

    def money(self, value: Sum, style: str) -> str:
        """A sum in words of the language: "1.7 million euros"; "exact" in units; "short" the number."""
        if style == "short":
            return self.number(value.value, value.decimals)
        if style == "exact":
            amount, scale = value.exact, "unit"
        else:
            amount, scale = value.value, value.scale
        return self.pack.money.long[f"{value.currency} {scale}"].format(n=self.number(amount, value.decimals))

    def count(self, n: int) -> str:
        """A count in words with its figure, "four (4)", for small numbers; else the figure."""
        counts = self.pack.counts
        return f"{counts[n]} ({n})" if 0 <= n < len(counts) else str(n)

    def counts(self, n: int) -> str:
        """A count in words alone, "four", for small numbers; else the figure."""
        counts = self.pack.counts
        return counts[n] if 0 <= n < len(counts) else str(n)

    def ordinal(self, n: int) -> str:
        """An ordinal in words ("third", "третий") from first to tenth; the figure beyond."""
        ordinals = self.pack.ordinals
        return ordinals[n - 1] if 1 <= n <= len(ordinals) else str(n)

    def join(self, items: Iterable[str], style: str = "and") -> str:
        """Join items as the language lists them: "a, b and c", "a, b и c"."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return "".join(items)
        own = self.pack.lists.get("or" if style == "or" else "and")
        if own:  # CLDR's lists for this locale have no conjunction (Kazakh)
            return f"{', '.join(items[:-1])} {own} {items[-1]}"
        return format_list(items, style="or" if style == "or" else "standard", locale=self.locale)


def _plain(name: str, spec: str | None, conversion: str | None) -> bool:
    """Whether a field is named, without a conversion ("!r") or a field nested in its spec."""
    return bool(name) and not name.isdigit() and conversion is None and not _BRACES.search(spec or "")


def _quoted(text: str) -> str:
    """``text`` as a literal inside a Babel pattern."""
    return "'" + text.replace("'", "''") + "'"


def fields(template: str) -> list[tuple[str, str]]:
    """The fields of a template with their format specs, in order.

    Raises:
        ValueError: the template is not a valid format string (an unmatched brace).
    """
    return [(name, spec or "") for _, name, spec, _ in string.Formatter().parse(template) if name]
