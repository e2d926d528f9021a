"""Number formatting shared by every writer.

A :class:`NumberStyle` says how one language writes numbers; the default is the
English style of the console table and of the English report. The report's
other languages take theirs from their message catalogue (``reports/locales``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class NumberStyle:
    """How a language writes numbers.

    ``quantity``, ``percent`` and ``scientific`` are patterns: ``{value}`` and
    ``{unit}``; ``{value}``; ``{mantissa}`` with ``{exponent}`` (``-07``) or
    ``{superscript}`` (``⁻⁷``).
    """

    decimal: str = "."
    group: str = "\u202f"
    minus: str = "-"
    quantity: str = "{value} {unit}"
    percent: str = "{value} %"
    scientific: str = "{mantissa}e{exponent}"

    def localise(self, text: str) -> str:
        """A number written by Python (``-1,234.5``) in this style."""
        return text.translate({ord(","): self.group, ord("."): self.decimal, ord("-"): self.minus})


ENGLISH = NumberStyle()


def scientific(value: float, digits: int = 3, style: NumberStyle = ENGLISH) -> str:
    """A number in powers of ten with ``digits`` significant figures."""
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return style.scientific.format(
        mantissa=style.localise(mantissa),
        exponent=exponent,
        superscript=str(int(exponent)).translate(_SUPERSCRIPTS),
    )


def significant(value: float, digits: int = 3, style: NumberStyle = ENGLISH) -> str:
    """A number rounded to ``digits`` significant figures, thousands set apart by thin spaces."""
    if value == 0 or not math.isfinite(value):
        return "0"
    if abs(value) < 1e-3 or abs(value) >= 1e15:
        return scientific(value, digits, style)
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = round(value, decimals)
    return style.localise(f"{rounded:,.{max(decimals, 0)}f}")


def fixed(value: float, decimals: int, style: NumberStyle = ENGLISH) -> str:
    """A number with a fixed count of decimals (months to break-even, for instance)."""
    return style.localise(f"{value:,.{decimals}f}")


def plain(value: float, style: NumberStyle = ENGLISH) -> str:
    """A short number as briefly as it can be written: 5 years, 1.9 kWh per kWh."""
    return style.localise(f"{value:g}")


def tick(value: float, style: NumberStyle = ENGLISH) -> str:
    """A chart's axis label: the round number of a tick, without trailing zeros."""
    if abs(value) < 1e-12:
        return "0"
    if abs(value) < 1e-3:
        return scientific(value, 2, style)
    return style.localise(f"{value:,.6f}".rstrip("0").rstrip("."))


def with_unit(value: float, unit: str, digits: int = 3, style: NumberStyle = ENGLISH) -> str:
    """A rounded number followed by its unit."""
    return style.quantity.format(value=significant(value, digits, style), unit=unit)


def percent(share: float, style: NumberStyle = ENGLISH) -> str:
    """A share between 0 and 1 as a whole percentage."""
    return style.percent.format(value=style.localise(f"{100 * share:.0f}"))


def net_is_meaningful(entry: dict) -> bool:
    """False when the gains or the footprint of an indicator rest on no data at all."""
    coverage = entry.get("coverage")
    return coverage is None or (coverage["gains"] > 0 and coverage["footprint"] > 0)


def digits_for(value: float, width: float, most: int = 3) -> int:
    """Significant figures of ``value`` that its uncertainty supports.

    The last figure kept is one place below the leading figure of ``width``
    (the 90 % interval's width): 303 546 with an interval 379 000 wide is
    written 300 000. At least one figure, at most ``most``.
    """
    if value == 0 or width <= 0 or not math.isfinite(width):
        return most
    place = math.floor(math.log10(width)) - 1
    return max(1, min(most, math.floor(math.log10(abs(value))) - place + 1))


def uncertainty_digits(entry: dict) -> int:
    """Significant figures for an indicator's net benefit: 3, fewer when its interval is wide."""
    statistics = entry.get("uncertainty")
    if not statistics:
        return 3
    return digits_for(entry["net_benefit"], statistics["p95"] - statistics["p05"])
