"""Babel locales, without the locale data the bot never reads.

Babel keeps each locale it loads for the life of the process, with the whole of its CLDR
data: the names of every language, territory, script, currency, unit and time zone. The bot
writes numbers, percentages, dates, lists and plural forms, so those tables (about 5 MiB
for its four locales and the ones they inherit from) are dropped as each locale is loaded.
"""

from __future__ import annotations

from babel import Locale, localedata

# CLDR tables of names and of forms the bot never writes with: most of a locale's data.
UNREAD = frozenset(
    {
        "languages",
        "territories",
        "scripts",
        "variants",
        "currency_names",
        "currency_names_plural",
        "currency_symbols",
        "unit_display_names",
        "unit_patterns",
        "compound_unit_patterns",
        "time_zones",
        "meta_zones",
        "zone_formats",
        "date_fields",
        "compact_decimal_formats",
        "compact_currency_formats",
        "interval_formats",
    }
)


def parse(identifier: str) -> Locale:
    """The locale ``identifier`` names, its data loaded without the tables in ``UNREAD``."""
    locale = Locale.parse(identifier)
    _trim(localedata.load(str(locale)))  # the dict Babel caches and the locale reads
    # Babel caches the locales a loaded one inherits from too ("en_GB": "en_001", "en", "root");
    # it names no public way to reach them.
    for data in getattr(localedata, "_cache", {}).values():
        _trim(data)
    return locale


def _trim(data: dict[str, object]) -> None:
    for key in UNREAD & data.keys():
        del data[key]
