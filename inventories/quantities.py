"""Quantities as users write them in a project file, converted once, at load.

A quantity is written as a string with its unit (``"180 MWh/year"``), as a bare
number where the quantity has no unit (a count, a fraction), or as a table
that adds its uncertainty::

    { value = "180 MWh/year", min = "150 MWh/year", max = "200 MWh/year" }
    { value = "5 years", distribution = "lognormal", gsd = 1.2 }

A range without a distribution is triangular, its mode the value. Every
quantity is stored in one canonical unit per kind (kWh/year, kg, GB/year...),
with the text as written kept for reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any

import pint
from pydantic import PlainSerializer, PlainValidator

from inventories.background import Uncertainty
from lca import units

_UNCERTAINTY_KEYS = {"distribution", "gsd", "sd", "min", "max"}

#: The largest magnitude a quantity may have in its canonical unit (kWh, kg, GB... a year).
LARGEST = 1e15


@dataclass(frozen=True)
class UnitSpec:
    """What a quantity field takes: its canonical units and an example (help, catalogues)."""

    canonical: tuple[str, ...]
    example: str


@dataclass(frozen=True)
class Quantity:
    """A value in its canonical unit, with its uncertainty and provenance."""

    value: float
    unit: str
    written: str
    uncertainty: Uncertainty | None = None
    status: str = "user input"


def _describe(unit: str) -> str:
    ureg = units.registry()
    dimensionality = ureg.Unit(unit).dimensionality
    return str(dimensionality) if dimensionality else "dimensionless"


def _finite(value: float, written: Any) -> float:
    if not math.isfinite(value):
        raise ValueError(f"{written!r} is not a finite number; nan and inf are not allowed")
    return value


def _magnitude(raw: Any, canonical: str, example: str) -> float:
    """One value, as written, in the canonical unit."""
    ureg = units.registry()
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a quantity; expected e.g. {example!r}")
    if isinstance(raw, (int, float)):
        value = _finite(float(raw), raw)
        if ureg.Unit(canonical).dimensionless:
            return value
        raise ValueError(f"{raw!r} has no unit; write it with one, e.g. {example!r}")
    if not isinstance(raw, str):
        raise ValueError(f"{raw!r} is not a quantity; expected e.g. {example!r}")
    text = raw.strip()
    try:
        parsed = ureg.Quantity(text)
    except Exception:  # pint's parser raises many unrelated kinds (tokenize, syntax, key...)
        raise ValueError(
            f"{raw!r} is not a quantity pint can read; expected e.g. {example!r}"
        ) from None
    if not isinstance(parsed, ureg.Quantity):
        parsed = ureg.Quantity(parsed)
    magnitude = parsed.magnitude
    if not isinstance(magnitude, (int, float)):
        raise ValueError(f"{raw!r} is not a single number with a unit; expected e.g. {example!r}")
    _finite(float(magnitude), raw)
    if (
        parsed.dimensionless
        and not ureg.Unit(canonical).dimensionless
        and text.replace(".", "", 1).lstrip("-+").isdigit()
    ):
        raise ValueError(f"{raw!r} has no unit; write it with one, e.g. {example!r}")
    try:
        converted = float(parsed.to(canonical).magnitude)
    except pint.errors.DimensionalityError:
        raise ValueError(
            f"{raw!r} is in {parsed.units:~P} ({_describe(str(parsed.units))}), "
            f"where {canonical} ({_describe(canonical)}) is expected, e.g. {example!r}"
        ) from None
    if abs(converted) > LARGEST:
        raise ValueError(
            f"{raw!r} is {converted:.3g} {canonical}, beyond any amount one project can have "
            f"(at most {LARGEST:g}); check its unit"
        )
    return converted


def _named(key: str, raw: Any, canonical: str, example: str) -> float:
    """One entry of a quantity table, its key named in any error."""
    try:
        return _magnitude(raw, canonical, example)
    except ValueError as error:
        raise ValueError(f"{key}: {error}") from None


def parse_quantity(raw: Any, canonical: str, example: str) -> Quantity:
    """A project-file value (string, number or table) as a :class:`Quantity`."""
    if isinstance(raw, Quantity):
        return raw
    if isinstance(raw, dict):
        if "value" not in raw:
            raise ValueError(f"a quantity table needs 'value', got keys {sorted(raw)}")
        unknown = set(raw) - _UNCERTAINTY_KEYS - {"value"}
        if unknown:
            raise ValueError(
                f"unknown keys {sorted(unknown)} in a quantity table; allowed: value, "
                + ", ".join(sorted(_UNCERTAINTY_KEYS))
            )
        value = _magnitude(raw["value"], canonical, example)
        bounds = {
            key: _named(key, raw[key], canonical, example) for key in ("min", "max") if key in raw
        }
        distribution = raw.get("distribution", "triangular" if bounds else "none")
        spec: dict[str, Any] = {"distribution": distribution, **bounds}
        if "gsd" in raw:
            spec["gsd"] = _named("gsd", raw["gsd"], "dimensionless", "1.2")
        if "sd" in raw:
            spec["sd"] = _named("sd", raw["sd"], canonical, example)
        if "min" in bounds and "max" in bounds and bounds["min"] > bounds["max"]:
            raise ValueError(f"min {raw['min']!r} is above max {raw['max']!r}")
        try:
            uncertainty = Uncertainty.model_validate(spec)
        except Exception as error:  # pydantic's ValidationError, reworded
            first = error.errors()[0] if hasattr(error, "errors") else {"msg": str(error)}
            raise ValueError(first["msg"].removeprefix("Value error, ")) from None
        if uncertainty.distribution == "lognormal" and value <= 0:
            raise ValueError(
                f"a lognormal distribution needs a positive value, not {raw['value']!r}"
            )
        if bounds and not bounds.get("min", value) <= value <= bounds.get("max", value):
            raise ValueError(
                f"value {raw['value']!r} is outside its range "
                f"[{raw.get('min', raw['value'])!r}, {raw.get('max', raw['value'])!r}]"
            )
        return Quantity(value, canonical, str(raw["value"]), uncertainty)
    value = _magnitude(raw, canonical, example)
    return Quantity(value, canonical, str(raw))


def _within_field(
    parsed: Quantity, canonical: str, positive: bool, upper: float | None
) -> Quantity:
    """The quantity with a distribution that stays within what the field allows.

    A range may not go below zero (or above the field's limit); a normal
    distribution is truncated there, so that no draw is negative.
    """
    spec = parsed.uncertainty
    if spec is None or spec.distribution in ("none", "lognormal"):
        return parsed
    if spec.min is not None and spec.min < 0:
        raise ValueError(
            f"the range of {parsed.written!r} goes below zero (min {spec.min:g} "
            f"{canonical}); only amounts of zero or more are allowed"
        )
    if upper is not None and spec.max is not None and spec.max > upper:
        raise ValueError(
            f"the range of {parsed.written!r} goes above the possible {upper:g} {canonical} "
            f"(max {spec.max:g})"
        )
    if spec.distribution != "normal":
        return parsed
    if positive and spec.sd > parsed.value / 3:
        raise ValueError(
            f"a normal distribution with sd {spec.sd:g} {canonical} around {parsed.written!r} "
            "draws values near zero, where this value divides; use a lognormal distribution "
            "(gsd) instead"
        )
    truncated = spec.model_copy(
        update={
            "min": max(spec.min or 0.0, 0.0),
            "max": spec.max if spec.max is not None else upper,
        }
    )
    return Quantity(parsed.value, parsed.unit, parsed.written, truncated, parsed.status)


def quantity(
    canonical: str,
    example: str,
    *,
    positive: bool = False,
    fraction: bool = False,
    whole: bool = False,
    maximum: float | None = None,
):
    """An annotated quantity field in ``canonical`` units.

    ``positive`` refuses zero (a divisor), ``fraction`` values above 1, ``whole``
    non-integer counts and ``maximum`` values above a physical limit.
    """

    def validate(raw: Any) -> Quantity:
        central = raw.get("value") if isinstance(raw, dict) else raw
        if not isinstance(central, dict):
            value = parse_quantity(central, canonical, example).value
            if value < 0:
                raise ValueError(
                    f"{central!r} is negative; only amounts of zero or more are allowed"
                )
        parsed = parse_quantity(raw, canonical, example)
        if parsed.value < 0:
            raise ValueError(
                f"{parsed.written!r} is negative; only amounts of zero or more are allowed"
            )
        if positive and parsed.value == 0:
            raise ValueError(f"{parsed.written!r} is zero; a value above zero is needed here")
        if whole and parsed.value != int(parsed.value):
            raise ValueError(f"{parsed.written!r} is not a whole number")
        if maximum is not None and parsed.value > maximum:
            raise ValueError(f"{parsed.written!r} is above the possible {maximum:g} {canonical}")
        if fraction and parsed.value > 1:
            raise ValueError(
                f"{parsed.written!r} is not a fraction between 0 and 1; "
                f'write {parsed.value / 100:g} or "{parsed.value:g} %"'
            )
        upper = 1.0 if fraction else maximum
        return _within_field(parsed, canonical, positive, upper)

    spec = UnitSpec((canonical,), example)
    return Annotated[Quantity, PlainValidator(validate), PlainSerializer(_serialise), spec]


def _serialise(quantity: Quantity) -> dict:
    """A quantity as plain data (for hashing and for the report's inventory)."""
    return {
        "value": quantity.value,
        "unit": quantity.unit,
        "written": quantity.written,
        "uncertainty": quantity.uncertainty.model_dump(exclude_none=True)
        if quantity.uncertainty
        else None,
        "status": quantity.status,
    }


def quantity_in_any(canonicals: tuple[str, ...], example: str):
    """An annotated quantity field that may be written in any of several kinds of unit.

    The value keeps the first canonical unit its dimension matches (e.g. a fuel
    saved as energy, ``kWh/year``, or as volume, ``L/year``).
    """

    def validate(raw: Any) -> Quantity:
        ureg = units.registry()
        central = raw.get("value") if isinstance(raw, dict) else raw
        if isinstance(central, str):
            try:
                written_unit = ureg.Quantity(central.strip()).units
            except Exception:  # pint raises several unrelated types; parse_quantity says why
                written_unit = None
            for canonical in canonicals:
                if written_unit is not None and ureg.Unit(canonical).is_compatible_with(
                    written_unit
                ):
                    return parse_quantity(raw, canonical, example)
        try:
            return parse_quantity(raw, canonicals[0], example)
        except ValueError:
            raise ValueError(
                f"{central!r} is not in {' nor in '.join(canonicals)} (or units of the same kind); "
                f"expected e.g. {example!r}"
            ) from None

    spec = UnitSpec(tuple(canonicals), example)
    return Annotated[Quantity, PlainValidator(validate), PlainSerializer(_serialise), spec]


def yearly_amount():
    """A yearly amount in any unit per time, converted later into its dataset's unit."""

    def validate(raw: Any) -> Quantity:
        ureg = units.registry()
        central = raw.get("value") if isinstance(raw, dict) else raw
        try:
            written = ureg.Quantity(str(central).strip())
        except Exception:  # pint raises several unrelated types here
            raise ValueError(f"{central!r} is not a quantity; expected e.g. '200 / year'") from None
        if written.dimensionality.get("[time]", 0) > -1:
            raise ValueError(
                f"{central!r} is not an amount per year (e.g. '40 MWh/year', '200 / year')"
            )
        parsed = parse_quantity(raw, f"({written.units:D})", "200 / year")
        if parsed.value < 0:
            raise ValueError(f"{central!r} is negative; the kind of rebound sets the sign")
        return parsed

    return Annotated[Quantity, PlainValidator(validate), PlainSerializer(_serialise)]


YearlyAmount = yearly_amount()
Fraction = quantity("dimensionless", '0.5 or "50 %"', fraction=True)
Count = quantity("dimensionless", "12", whole=True)
Years = quantity("year", "5 years", positive=True)
Power = quantity("W", "2.5 W", maximum=1e6)  # one device: at most a megawatt
DataPerYear = quantity("GB/year", "2 TB/year")
Data = quantity("GB", "2 TB")
HoursPerYear = quantity("hour/year", "8760 h/year")
Hours = quantity("hour", "500 h")
MassPerYear = quantity("kg/year", "1500 t/year")
Mass = quantity("kg", "0.5 t")


def _growth():
    """A yearly growth rate, which may be negative (a shrinking output)."""

    def validate(raw: Any) -> Quantity:
        parsed = parse_quantity(raw, "1/year", '"5 %/year"')
        if parsed.value <= -1:
            raise ValueError(f"{parsed.written!r} would take emissions below zero")
        return parsed

    return Annotated[Quantity, PlainValidator(validate), PlainSerializer(_serialise)]


GrowthRate = _growth()
PerYear = quantity("1/year", "2 / year")
DataRate = quantity("Mbit/s", "100 Mbit/s")
HoursPerDay = quantity("hour/day", "8 h/day", maximum=24)
MoneyPerYear = quantity("EUR/year", "25000 EUR/year")
Ratio = quantity("dimensionless", "1.2", positive=True)
WaterPerEnergy = quantity("L/kWh", "0.5 L/kWh")
ReboundFraction = quantity("dimensionless", '0.1 or "10 %"')
