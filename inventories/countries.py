"""Country codes: one explicit alias table, no silent fallback.

Project files may name a country by its ISO 3166-1 alpha-2 or alpha-3 code,
or by its English or French name, in any case. Anything else is rejected with
the closest codes, never replaced by a default mix.
"""

from __future__ import annotations

import csv
import difflib
import functools
import unicodedata
from pathlib import Path

_TABLE = Path(__file__).parent / "data" / "countries.csv"

#: Members of the European Union (27).
EU27_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
#: Countries of the interconnected European electricity market: the EU and its coupled neighbours.
EUROPEAN_GRID = EU27_MEMBERS | {"GB", "NO", "CH"}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@functools.cache
def country_names() -> dict[str, str]:
    """Code -> English name, for every known code."""
    with _TABLE.open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@functools.cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    with _TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["code"], row["iso3"], row["name"], *row["aliases"].split(";")]
            for name in names:
                if name.strip():
                    table[_key(name)] = row["code"]
    return table


def parent_country(text: str) -> str | None:
    """The country of a sub-national code such as ``US-DC`` (ISO 3166-2), if known."""
    head, separator, _ = text.partition("-")
    if not separator:
        return None
    return _aliases().get(_key(head))


def resolve_country(text: str) -> str:
    """The twinlca code (ISO alpha-2, ``EU27`` or ``WORLD``) for a country as written."""
    code = _aliases().get(_key(text))
    if code is not None:
        return code
    parent = parent_country(text)
    if parent is not None:
        raise ValueError(
            f"{text!r} is a sub-national zone, which twinlca has no data for; write {parent!r}, "
            "or set parent_country_fallback = true to use the country's figures (the results "
            "will say so)"
        )
    close = difflib.get_close_matches(text.upper(), list(country_names()), n=5, cutoff=0.3)
    close += [
        code
        for name in difflib.get_close_matches(text, list(country_names().values()), n=3)
        for code, known in country_names().items()
        if known == name and code not in close
    ]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ValueError(
        f"{text!r} is not a known country code; use an ISO 3166-1 code such as 'FR' "
        f"or 'FRA', a country name, 'EU27' or 'WORLD'{hint}"
    )
