"""Every word and format a sheet prints, per language: one catalogue of words, and CLDR for the rest.

A language is one catalogue below (its words, and the patterns that put them together) plus
what CLDR (through Babel) knows about it: month names, digits, the decimal sign and the
thousands separator. Renderers, the layout and the audit page ask `words_for(sheet.language)`
for anything they print, so that a new language never means editing them.

English, French and Arabic have catalogues (the French and Arabic ones are in
words_fr_ar.py); the validator refuses a spec in any other language. Babel is imported on
first use.
"""
from __future__ import annotations

import functools
from decimal import Decimal, localcontext

from ..spec.qualifiers import QUALIFIERS

ENGLISH = {
    # -- numbers and dates (the digits and separators are CLDR's)
    # a CLDR date pattern: 25 August 2017, unambiguous in every English-speaking country
    "date": "d MMMM y",
    "first_day": None,                  # how the 1st of a month is written, when not '1' (fr: 1er)
    # CLDR locales whose wide month names are joined by '/' (ar: Syrian and standard names);
    # None: the language's own
    "month_names": None,
    # group, decimal and minus signs when not CLDR's (ar: Western digits without a U+200E)
    "number_symbols": None,
    "percent": "{number}%",             # 400%
    "with_unit": "{number} {unit}",     # 5 km
    "qualified": "{qualifier} {number}",   # at least 20,000
    "qualifiers": {code: words for code, (words, _bound) in QUALIFIERS.items()},
    "quoted": "\u201c{text}\u201d",     # a source's title in a reference
    "list": ", ",                       # between the parts of a reference
    # -- the sheet
    "as_of": "Figures as of {date}",
    "sources": "Sources",
    "produced": "Produced",
    "produced_on": "Produced {date}",
    "produced_from": "{produced} from {spec}",
    "contact": "Contact: {contact}",
    "subject": "Humanitarian fact sheet",   # the documents' subject when the sheet has no subtitle
    # -- charts (sheet/chart.py): printed, and their alt text
    "chart_date": "d MMM y",            # a trend point's date, when it has no label: 31 Mar 2004
    "chart_required": "Required",
    "chart_received": "Received",
    "chart_gap": "Gap",
    "chart_value": "{label}: {value}",  # Received: 80 million USD
    "chart_funded": "{percent} funded",
    "chart_source": "Source: {numbers}",
    "chart_sources": "Sources: {numbers}",
    "chart_alt_bars": "Bar chart, {title}: {values}.",
    "chart_alt_trend": "Line chart, {title}: {values}.",
    "chart_alt_funding": "Funding chart, {title}: {values}.",
    "chart_alt_point": "{label} {value}",
    "chart_alt_funding_values": "required {required}; received {received}; gap {gap}; {percent} funded",
    "list_items": "; ",
    # -- read aloud, not printed: the DOCX's alt text and table captions, for screen readers
    "logo_alt": "{organisation} logo",
    "header_table": "Sheet header",
    "header_table_about": "Layout table: the band at the top, with the sheet's title",
    "header_table_about_logo": "Layout table: the band at the top, with the sheet's title and the logo",
    "figures_table_about": ("Key figures, one to a cell: each figure's number and what it counts; "
                            "no header row"),
    "columns_table": "Sheet text",
    "columns_table_about": "Layout table: the sheet's sections in two columns, the left one read first",
    # -- the web page (HTML sheet)
    "cite_source": "source {number}",   # a citation marker's accessible name, read aloud
    "sources_page": "Sources and passages behind every figure",   # link to the audit page
    # -- the audit page
    "audit_title": "Sources for {title}",
    "audit_download": "Fact sheet ({format})",
    "audit_languages": "Languages",
    "audit_intro": ("Every figure on the sheet, the passage it is taken from (verbatim), "
                    "and the archived copy of the article that passage is in, with its SHA-256 "
                    "so anyone can check the copy has not changed."),
    "key_figures": "Key figures",       # also the DOCX's key figures table's caption
    "key_figure": "Key figure",
    "other_figures": "Other figures",
    "cited_figures": "Figures in cited sentences",
    "built_from": "Built from {spec}{on} by factsheet.",
    "built_on": " on {date}",
    "fact_id": "Fact ID",
    "date_label": "Date",
    "not_given": "not given",
    "stated_by": "Stated by",
    "note": "Note:",
    "unknown_source": "Unknown source {id}",
    "publisher": "Publisher",
    "published": "Published",
    "url": "URL",
    "none_given": "none given",
    "archive": "Archive",
    "sha256": "SHA-256",
    "archive_missing": "archive file missing",
    "number_heading": "No.",
    "source_heading": "Source",
    "archive_sha256": "Archive SHA-256",
    # -- the published site (`factsheet publish`): its own pages are in English
    "site_title": "Fact sheets",
    "site_shown": "{shown} of {total} sheets shown",
    "site_feed": "Changes to these sheets (Atom feed)",
    "site_filters": "Filter the sheets",
    "site_search": "Search",
    "site_any": "Any",
    "site_picture": "Page",
    "site_sheet": "Sheet",
    "site_location": "Location",
    "site_language": "Language",
    "site_as_of": "Figures as of",
    "site_as_of_from": "Figures as of, from",
    "site_as_of_to": "Figures as of, to",
    "site_changed": "Last change",
    "site_empty": "No sheets have been published yet.",
    "site_nav": "Site",
    "site_all_sheets": "All fact sheets",
    "site_other_languages": "This sheet in:",
    "site_downloads": "Download this sheet",
    "site_history": "Changed figures",
    "site_published": "First published on {date}.",
    "site_no_changes": "No figure has changed since.",
    "site_history_caption": "Every figure changed, added or removed since, newest first",
    "site_figure": "Figure",
    "site_before": "Before",
    "site_after": "After",
}
from .words_fr_ar import ARABIC, FRENCH  # noqa: E402  (they copy ENGLISH's keys)

CATALOGUES = {"en": ENGLISH, "fr": FRENCH, "ar": ARABIC}
FALLBACK = "en"
# What the validator and messages list as the supported languages
LANGUAGES = tuple(CATALOGUES)


class Words:
    """The printed words and formats of one language."""

    def __init__(self, language: str):
        self.language = language
        self.catalogue = CATALOGUES[language]
        self._locale = None

    def __call__(self, key: str, **fields) -> str:
        """The catalogue's words for `key`, with `fields` put in: words('as_of', date=...).
        Without fields, the words as written (a pattern keeps its {fields})."""
        return self.catalogue[key].format(**fields) if fields else self.catalogue[key]

    @property
    def locale(self):
        """CLDR's data for the language (Babel's Locale), loaded on first use: ~15 ms."""
        if self._locale is None:
            from babel import Locale
            self._locale = Locale.parse(self.language)
        return self._locale

    def date(self, day) -> str:
        """25 August 2017, as the catalogue's CLDR pattern writes a day."""
        from babel.dates import format_date
        pattern = self.catalogue["date"]
        if self.catalogue["first_day"] and day.day == 1:
            pattern = pattern.replace("d", "'%s'" % self.catalogue["first_day"], 1)
        if self.catalogue["month_names"]:
            pattern = pattern.replace("MMMM", "'%s'" % self._months[day.month])
        return format_date(day, pattern, locale=self.locale)

    @functools.cached_property
    def _months(self) -> dict:
        """Month number -> the catalogue's locales' wide names joined: 8 -> 'آب/أغسطس'."""
        from babel import Locale
        locales = [Locale.parse(name) for name in self.catalogue["month_names"]]
        return {month: "/".join(locale.months["format"]["wide"][month] for locale in locales)
                for month in range(1, 13)}

    def number(self, value: int | float, unit: str | None = None) -> str:
        """20000 -> 20,000; 1234567.89 -> 1,234,567.89; (400, '%') -> 400%; (5, 'km') -> 5 km."""
        text = self._digits(value)
        if not unit:
            return text
        return self("percent", number=text) if unit == "%" else self("with_unit", number=text, unit=unit)

    # A sheet prints the same numbers often (1 and 1.0, equal keys, print alike); Words
    # objects live as long as the process (words_for keeps them).
    @functools.lru_cache(maxsize=4096)
    def _digits(self, value: int | float) -> str:
        if isinstance(value, float) and not value.is_integer():
            # the shortest decimal that is this float: 1234567.89, never 1,234,567.8899999999
            number = Decimal(repr(value))
        else:
            number = int(value)
        if self._symbols is not None:
            return _grouped(number).translate(self._symbols)
        return self._cldr_digits(number)

    def _cldr_digits(self, number: int | Decimal) -> str:
        from babel.numbers import format_decimal
        with localcontext() as context:
            context.prec = 1000    # a float's integer part has up to 309 digits: never round it
            return format_decimal(number, locale=self.locale, decimal_quantization=False)

    @functools.cached_property
    def _symbols(self) -> dict | None:
        """CLDR's group, decimal and minus signs, for Python's own ',f' formatting: 10 times
        faster than Babel's, and used only when it prints what Babel prints (thousands
        grouped in threes); None for a language grouped otherwise (hi: 12,34,567)."""
        from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol
        if self.catalogue["number_symbols"]:
            return str.maketrans(self.catalogue["number_symbols"])
        symbols = str.maketrans({",": get_group_symbol(self.locale), ".": get_decimal_symbol(self.locale),
                                 "-": get_minus_sign_symbol(self.locale)})
        probes = (0, 7, 1234, -12345, 1234567, Decimal("-1234.5"), Decimal("0.00001"), 10 ** 21)
        agree = all(_grouped(n).translate(symbols) == self._cldr_digits(n) for n in probes)
        return symbols if agree else None

    def qualifier(self, code: str | None) -> str:
        """A qualifier's printed words ('at_least' -> 'at least'); '' for none."""
        return self.catalogue["qualifiers"][code] if code else ""

    def value(self, fact) -> str:
        """A fact's value as printed in running text: 'at least 20,000'."""
        number = self.number(fact.value, fact.unit)
        if not fact.qualifier:
            return number
        return self("qualified", qualifier=self.qualifier(fact.qualifier), number=number)

    def chart_date(self, day) -> str:
        """A trend point's date, short: '31 Mar 2004'."""
        from babel.dates import format_date
        return format_date(day, self.catalogue["chart_date"], locale=self.locale)

    def chart_sources(self, marker: str) -> str:
        """'Sources: [1], [3]' under a chart, by the numbers of the sources list."""
        numbers = [f"[{n}]" for n in marker.split(",") if n]
        key = "chart_source" if len(numbers) == 1 else "chart_sources"
        return self(key, numbers=self("list").join(numbers))

    def as_of(self, day) -> str:
        """'Figures as of 25 August 2017': the header's date line."""
        return self("as_of", date=self.date(day))

    def reference(self, source, with_url: bool = True) -> str:
        """Publisher, "Title", 6 June 2017, URL (as printed in the sources list)."""
        parts = [source.publisher, self("quoted", text=source.title), self.date(source.published)]
        if source.url and with_url:
            parts.append(source.url)
        return self("list").join(parts)

    def produced(self, day, spec_name: str) -> str:
        """'Produced 25 August 2017 from raqqa.yaml' ('Produced from ...' without a day)."""
        produced = self("produced_on", date=self.date(day)) if day else self("produced")
        return self("produced_from", produced=produced, spec=spec_name)


def _grouped(number: int | Decimal) -> str:
    """Python's digits with ',' between thousands and '.' before the decimals: 1,234,567.89."""
    return format(number, ",f" if isinstance(number, Decimal) else ",")


@functools.lru_cache(maxsize=None)
def words_for(language: str | None) -> Words:
    """The words of a sheet's language ('en', 'en-GB', 'ar-SY'); English for one without a
    catalogue (the validator refuses such a spec; a model built by hand still prints)."""
    primary = language_of(language)
    return Words(primary if primary in CATALOGUES else FALLBACK)


@functools.lru_cache(maxsize=None)
def language_name(language: str, shown_in: str | None = None) -> str:
    """A language's name as CLDR writes it, in itself ('English', 'français', 'العربية') or in
    the language `shown_in` (a message's: language_name('fr', 'en') is 'French')."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_")).get_display_name(
            (shown_in or language).replace("-", "_")) or language
    except (ValueError, UnknownLocaleError):
        return language


def language_of(tag: str | None) -> str:
    """The language of a tag, as the catalogues are keyed: 'en-GB' -> 'en', 'AR_sy' -> 'ar'."""
    return (tag or FALLBACK).replace("_", "-").split("-")[0].lower()
