"""The report's words in each language, from one message catalogue per language.

``reports/locales/<code>.yaml`` holds every user-visible string the report
writers generate: headings, table headers, sentences, chart labels, and the
way the language writes numbers. Every catalogue has the same keys (tested).

- ``messages("summary.heading")`` gives one message; ``{name}`` placeholders
  are filled from keyword arguments.
- ``messages.term(group, value)`` translates a word the model writes in English
  (a tier, a phase, a unit, a physical category...); a value the catalogue does
  not list, such as a name from the project file, is returned unchanged.
- ``number``, ``quantity``, ``percent``... write numbers in the language's style.

Free text written by the model itself (its warnings, the names of inventory
components) is not translated: the report says so.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib.resources import files
from string import Formatter

import yaml

from reports import numbers
from reports.numbers import NumberStyle

#: The languages a report can be written in, each with ``reports/locales/<code>.yaml``.
LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_UNTOUCHED = ("number", "typography")

#: When a count takes the singular, by the name a catalogue gives its language's rule.
PLURAL_RULES = {
    "one_if_exactly_one": lambda count: count == 1,
    "one_below_two": lambda count: abs(count) < 2,
}


class Messages:
    """One language's catalogue: messages, translations of the model's terms, number style."""

    def __init__(self, code: str, catalogue: dict):
        self.code = code
        typography = catalogue["typography"]
        self.list_separator: str = typography["list_separator"]
        self._singular = PLURAL_RULES[typography["plural_rule"]]
        self.style = NumberStyle(**catalogue["number"])
        rules = [
            (typography["no_break_before"], "\u00a0", True),
            (typography["thin_no_break_before"], "\u202f", True),
            (typography["thin_no_break_after"], "\u202f", False),
        ]
        self._catalogue = {
            key: value if key in _UNTOUCHED else _spaced(value, rules)
            for key, value in catalogue.items()
        }

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key`` (dotted, "summary.heading"), its placeholders filled."""
        text = self._catalogue
        for part in key.split("."):
            if not isinstance(text, dict) or part not in text:
                raise KeyError(f"no message {key!r} in the {self.code!r} catalogue")
            text = text[part]
        if not isinstance(text, str):
            raise KeyError(f"{key!r} in the {self.code!r} catalogue is a group, not a message")
        return text.format_map(values)

    def count(self, key: str, count: float, **values: object) -> str:
        """The singular ("key.one") or plural ("key.other") form of a message for ``count``."""
        return self(f"{key}.{'one' if self._singular(count) else 'other'}", **values)

    def period(self, years: float) -> str:
        """A study period in years, rounded to two decimals: "5 years", "1,5 an"."""
        years = round(years, 2)
        return self.count("period", years, years=self.plain(years))

    def term(self, group: str, value: str, default: str | None = None) -> str:
        """The catalogue's word for ``value``, a term the model writes in English.

        A value the catalogue does not list (a name from the project file, a
        unit of the project's own dataset) comes back as ``default``, or as it is.
        """
        words = self._catalogue["term"][group]
        return words[value] if value in words else value if default is None else default

    def unit(self, unit: str) -> str:
        """A unit as the language writes it ("m3" is "m³" in French)."""
        return self.term("unit", unit)

    def number(self, value: float, digits: int = 3) -> str:
        """A number rounded to significant figures."""
        return numbers.significant(value, digits, self.style)

    def quantity(self, value: float, unit: str, digits: int = 3) -> str:
        """A rounded number with its unit."""
        return numbers.with_unit(value, self.unit(unit), digits, self.style)

    def percent(self, share: float) -> str:
        """A share between 0 and 1 as a whole percentage."""
        return numbers.percent(share, self.style)

    def fixed(self, value: float, decimals: int) -> str:
        """A number with a fixed count of decimals."""
        return numbers.fixed(value, decimals, self.style)

    def plain(self, value: float) -> str:
        """A short number written as briefly as it can be."""
        return numbers.plain(value, self.style)

    def scientific(self, value: float, digits: int = 2) -> str:
        """A number in powers of ten."""
        return numbers.scientific(value, digits, self.style)

    def tick(self, value: float) -> str:
        """A chart axis label."""
        return numbers.tick(value, self.style)

    def join(self, items: list[str]) -> str:
        """Items in a list, separated as the language separates numbers in a list."""
        return self.list_separator.join(items)


def _spaced(value, rules: list[tuple[str, str, bool]]):
    """Spaces typed next to the marks of ``rules`` made into no-break spaces, in every message."""
    if isinstance(value, dict):
        return {key: _spaced(item, rules) for key, item in value.items()}
    for marks, space, before in rules:
        for mark in marks:
            if before:
                value = value.replace(f" {mark}", f"{space}{mark}")
            else:
                value = value.replace(f"{mark} ", f"{mark}{space}")
    return value


def read_catalogue(code: str) -> dict:
    """The raw catalogue of a language, as written in its YAML file."""
    if code not in LANGUAGES:
        raise ValueError(f"{code!r} is not one of the report languages: {list(LANGUAGES)}")
    text = files("reports").joinpath("locales", f"{code}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@functools.cache
def messages_for(code: str = DEFAULT_LANGUAGE) -> Messages:
    """The catalogue of the language ``code`` ("en", "fr")."""
    return Messages(code, read_catalogue(code))


def catalogue_keys(catalogue: dict, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every key path of a catalogue, groups included."""
    for key, value in catalogue.items():
        yield (*prefix, key)
        if isinstance(value, dict):
            yield from catalogue_keys(value, (*prefix, key))


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message."""
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}
