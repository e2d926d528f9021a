"""Lever blocks shared by the opportunities, and the lines each block implies.

A lever is a physical quantity the twin changes, written the way people think
of it: as an amount saved (``saved = "12 t/year"``) or as a before/after pair
(``before = "6 %"``, ``after = "4 %"``). A before/after pair may go either way
where that makes sense (a modal shift adds rail t·km): the sign of the change
sets the line's role, avoided or added, never the sign of a user's number.

Every line carries a lever key (``freight/rail-electric``, ``energy/electricity``
...). When two opportunities claim the same key, the build counts it once.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from inventories.context import BuildContext
from inventories.lines import InventoryLine
from inventories.quantities import quantity, quantity_in_any
from lca.errors import ProjectError
from lca.sampled import Sampled, central, inputs_of, sampled_from, samples_of

EnergyPerYear = quantity("kWh/year", "180 MWh/year")
FuelPerYear = quantity_in_any(("kWh/year", "L/year"), "60 MWh/year or 6000 m3/year")
WaterPerYear = quantity("m**3/year", "1200 m3/year")
MassPerYear = quantity("kg/year", "12 t/year")
Mass = quantity("kg", "3.5 kg")
PerYear = quantity("1/year", "12 / year")
Distance = quantity("km", "450 km")
Count = quantity("dimensionless", "12", whole=True)
People = quantity("dimensionless", "1")
Years = quantity("year", "8 years", positive=True)
EnergyPerUnit = quantity("kWh", "1.5 kWh")
WaterPerUnit = quantity("m**3", "0.2 m3")
ScrapRate = quantity("dimensionless", '0.06 or "6 %"', fraction=True)

PassengerMode = Literal[
    "car-petrol", "car-diesel", "car-electric", "train-high-speed", "train-regional",
    "coach", "plane-short-haul", "plane-medium-haul", "plane-long-haul",
]  # fmt: skip
FreightMode = Literal[
    "truck-rigid-3.5-7.5t", "truck-rigid-7.5-17t", "truck-rigid-over-17t",
    "truck-articulated-over-33t", "truck-average", "van", "rail-electric", "rail-diesel",
    "inland-waterway", "short-sea", "deep-sea-container", "air-freight",
]  # fmt: skip
Fuel = Literal["natural-gas", "fuel-oil", "lpg", "wood-biomass", "diesel", "petrol"]
Treatment = Literal[
    "landfill", "incineration", "incineration-plastics", "recycling", "e-waste"
]  # fmt: skip


class Levers(BaseModel):
    """Base of every lever model: strict, immutable, quantities with units."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


def change_fields(kind: Any) -> dict:
    """The ``saved`` / ``before`` / ``after`` fields of a yearly change of one kind."""
    return {name: (kind | None, None) for name in ("saved", "before", "after")}


class _Change(Levers):
    """A yearly change, as ``saved`` or as ``before`` and ``after``."""

    key: str | None = Field(None, description="lever key, to tell two levers apart or alike")

    @model_validator(mode="after")
    def _one_way(self) -> _Change:
        given = (self.saved is not None, self.before is not None, self.after is not None)
        if given not in ((True, False, False), (False, True, True)):
            names = [n for n, g in zip(("saved", "before", "after"), given, strict=True) if g]
            raise ValueError(
                f"give either saved, or both before and after; found {', '.join(names) or 'none'}"
            )
        return self

    def per_month(self) -> float:
        """The change per month: positive when the twin lowers the amount."""
        if self.saved is not None:
            return self.saved.value / 12
        return (self.before.value - self.after.value) / 12

    def written(self) -> str:
        """The change as the user wrote it."""
        if self.saved is not None:
            return f"saved {self.saved.written}"
        return f"{self.before.written} -> {self.after.written}"


def _change_model(name: str, kind: Any, **extra: Any) -> type[_Change]:
    return create_model(name, __base__=_Change, **change_fields(kind), **extra)


FreightLeg = _change_model(
    "FreightLeg", quantity("t*km/year", "120000 t*km/year"), mode=(FreightMode, ...)
)
MaterialChange = _change_model(
    "MaterialChange",
    MassPerYear,
    material=(str, ...),
    once=(bool, Field(False, description="a one-off change in the first month, not yearly")),
)
WasteChange = _change_model("WasteChange", MassPerYear, treatment=(Treatment, ...))


class Substitution(Levers):
    """A mass of one input replaced by another (recycled content, a by-product)."""

    replaced: str
    by: str | None = Field(
        None, description="dataset of the substitute; none for a burden-free by-product"
    )
    mass: MassPerYear
    transport_mode: FreightMode | None = None
    transport_distance: Distance | None = None
    key: str | None = None


class LifetimeChange(Levers):
    """Units in service whose lifetime the twin extends: fewer replacements a year."""

    product: str = Field(description="dataset of one unit's manufacture, e.g. custom/my-machine")
    units: Count
    lifetime_before: Years
    lifetime_after: Years
    key: str | None = None

    @model_validator(mode="after")
    def _longer(self) -> LifetimeChange:
        if self.lifetime_after.value < self.lifetime_before.value:
            raise ValueError(
                f"lifetime_after ({self.lifetime_after.written}) is shorter than lifetime_before "
                f"({self.lifetime_before.written})"
            )
        return self


class ReusedComponent(Levers):
    """Components reused instead of made new."""

    product: str
    count: PerYear
    refurbishment_electricity: EnergyPerUnit | None = None
    key: str | None = None


class DeviceAvoided(Levers):
    """IT/OT devices the plant no longer needs (OutilIndus-02), counted over their lifetime."""

    type: str
    count: Count
    key: str | None = None


def make_line(
    context: BuildContext,
    opportunity: str,
    key: str,
    component: str,
    dataset: str,
    per_month: float,
    lever: str,
    once: bool = False,
) -> InventoryLine | None:
    """One second-order line; the sign of ``per_month`` sets its role. None for no change."""
    if per_month == 0:
        return None
    context.background.dataset(dataset)
    months = context.every_month()
    if once:
        months = np.zeros(context.n_months)
        months[0] = 1.0
    return InventoryLine(
        line_id=f"gains/{opportunity.lower()}/{key}",
        effect_order="second",
        role="avoided" if per_month > 0 else "added",
        source=opportunity,
        component=component,
        dataset=dataset,
        amount_per_month=abs(per_month),
        months=months,
        lever=lever,
    )


def dataset_id(context: BuildContext, written: str, family: str) -> str:
    """A dataset written as a full id, ``custom/...``, or a slug under ``family``."""
    if written in context.background.datasets:
        return written
    return f"{family}/{written}"


Months = quantity("month", "6 months")
DecayRate = quantity("1/year", "10 %/year")


class Profile(Levers):
    """How a recurring saving evolves: a linear ramp-up, an end, a yearly decay."""

    ramp_up: Months | None = Field(None, description="months to reach the full saving, linearly")
    lasts: Months | None = Field(None, description="the saving stops after this long")
    decay: DecayRate | None = Field(None, description="yearly loss of the saving, e.g. 10 %/year")

    def shares(self, n_months: int) -> np.ndarray:
        """The share of the full saving in each month of the study (central values)."""
        return self._shares(n_months, *(central(value) for value in self._settings()))[0]

    def total_factor(self, n_months: int) -> float:
        """How much a sampled ramp-up, end or decay scales the saving's total; 1 otherwise.

        The monthly profile follows the central values; the total over the study
        follows every sample (see :func:`lca.sampled.relative`).
        """
        settings = self._settings()
        inputs = frozenset().union(*(inputs_of(value) for value in settings))
        if not inputs:
            return 1.0
        n = next(len(value.samples) for value in settings if isinstance(value, Sampled))
        totals = self._shares(n_months, *(samples_of(value, n)[:, None] for value in settings)).sum(
            axis=1
        )
        reference = self.shares(n_months).sum()
        if reference == 0:
            return 1.0
        return sampled_from(1.0, totals / reference, inputs)

    def _settings(self) -> tuple[float, float, float]:
        """Ramp-up and end in months, yearly decay; 0, infinity and 0 where not given."""
        return (
            self.ramp_up.value if self.ramp_up is not None else 0.0,
            self.lasts.value if self.lasts is not None else math.inf,
            self.decay.value if self.decay is not None else 0.0,
        )

    @staticmethod
    def _shares(n_months: int, ramp_up, lasts, decay) -> np.ndarray:
        """Shares per month; the settings may be columns of samples (rows are samples)."""
        month = np.arange(n_months) + 1.0  # the saving at the end of each month
        share = np.minimum(1.0, month / np.maximum(ramp_up, 1e-300))  # 1 without a ramp-up
        share = share * (month <= lasts + 1e-9)
        return np.atleast_2d(share * (1 - decay) ** ((month - 1) / 12))


class Opportunity(Profile):
    """An opportunity: its levers, and the generic builder that turns them into lines.

    Subclasses declare the lever fields they offer; ``lines`` reads whichever of
    the known fields a subclass has. The opportunity's time profile (``ramp_up``,
    ``lasts``, ``decay``) shapes every recurring saving; ``profiles`` overrides it
    for one lever, by lever key (e.g. ``profiles."energy/electricity" = { lasts =
    "6 months" }``).
    """

    id: str
    energy_key: str | None = None
    profiles: dict[str, Profile] = {}

    def lines(self, context: BuildContext) -> list[InventoryLine]:
        """Every second-order line the levers imply, shaped by its time profile."""
        lines = self._lines(context)
        levers = {line.lever for line in lines}
        unknown = set(self.profiles) - levers
        if unknown:
            raise ProjectError(
                "profiles",
                f"no lever with key {sorted(unknown)}; this opportunity's levers: {sorted(levers)}",
            )
        shaped = []
        for line in lines:
            if line.months[1:].sum() == 0 and line.months[0] > 0:  # a one-off change
                shaped.append(line)
                continue
            profile = self.profiles.get(line.lever, self)
            shaped.append(
                dataclasses.replace(
                    line,
                    months=line.months * profile.shares(context.n_months),
                    amount_per_month=line.amount_per_month * profile.total_factor(context.n_months),
                )
            )
        return shaped

    def _lines(self, context: BuildContext) -> list[InventoryLine]:
        """Every second-order line the levers imply, at full saving."""
        built: list[InventoryLine | None] = []
        built += self._energy(context)
        built += self._water(context)
        for position, leg in enumerate(getattr(self, "freight", []) or []):
            lever = leg.key or f"freight/{leg.mode}"
            built.append(
                make_line(
                    context,
                    self.id,
                    f"freight/{position}/{leg.mode}",
                    f"freight {leg.mode} ({leg.written()})",
                    f"transport/freight/{leg.mode}",
                    leg.per_month(),
                    lever,
                )
            )
        for position, change in enumerate(getattr(self, "materials", []) or []):
            dataset = dataset_id(context, change.material, "material")
            per_month = change.per_month() * (12 if change.once else 1)
            built.append(
                make_line(
                    context,
                    self.id,
                    f"materials/{position}/{change.material}",
                    f"{change.material} ({change.written()})",
                    dataset,
                    per_month,
                    change.key or f"material/{change.material}",
                    once=change.once,
                )
            )
        for position, change in enumerate(getattr(self, "waste", []) or []):
            built.append(
                make_line(
                    context,
                    self.id,
                    f"waste/{position}/{change.treatment}",
                    f"waste to {change.treatment} ({change.written()})",
                    f"waste/{change.treatment}",
                    change.per_month(),
                    change.key or f"waste/{change.treatment}",
                )
            )
        for position, item in enumerate(getattr(self, "substitutions", []) or []):
            built += substitution_lines(context, self.id, position, item)
        if getattr(self, "lifetimes", None):
            context.warn(
                f"{self.id}: replacements avoided assume a fleet in steady state (units replaced "
                "evenly over time); a young fleet avoids fewer replacements within the study."
            )
        for position, item in enumerate(getattr(self, "lifetimes", []) or []):
            dataset = dataset_id(context, item.product, "custom")
            per_year = item.units.value * (
                1 / item.lifetime_before.value - 1 / item.lifetime_after.value
            )
            built.append(
                make_line(
                    context,
                    self.id,
                    f"lifetimes/{position}",
                    f"replacements avoided: {item.product} "
                    f"({item.lifetime_before.written} -> {item.lifetime_after.written})",
                    dataset,
                    per_year / 12,
                    item.key or f"lifetime/{item.product}",
                )
            )
        built += self.specific_lines(context)
        return [line for line in built if line is not None]

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Lines of levers only this opportunity has (none by default)."""
        return []

    def _energy(self, context: BuildContext) -> list[InventoryLine | None]:
        result: list[InventoryLine | None] = []
        electricity = getattr(self, "electricity_saved", None)
        if electricity is not None:
            result.append(
                make_line(
                    context,
                    self.id,
                    "electricity",
                    "electricity saved",
                    context.electricity(),
                    electricity.value / 12,
                    self.energy_key or "energy/electricity",
                )
            )
        heat = getattr(self, "heat_saved", None)
        if heat is not None:
            fuel = self.heat_fuel
            kwh = heat.value
            if heat.unit == "L/year":  # a volume, in litres whatever was written
                kwh *= context.parameter(f"fuel/{fuel}/lower-heating-value", "kWh/L")
            result.append(
                make_line(
                    context,
                    self.id,
                    "heat",
                    f"heat saved ({fuel})",
                    f"fuel/{fuel}",
                    kwh / 12,
                    (self.energy_key + "/heat") if self.energy_key else f"energy/{fuel}",
                )
            )
        return result

    def _water(self, context: BuildContext) -> list[InventoryLine | None]:
        water = getattr(self, "water_saved", None)
        if water is None:
            return []
        lines = [
            make_line(
                context,
                self.id,
                "water/supply",
                "water supply saved",
                "water/tap-water",
                water.value / 12,
                "water",
            )
        ]
        treatment = context.background.datasets.get("water/wastewater-treatment")
        if treatment is not None and not treatment.is_gap:
            lines.append(
                make_line(
                    context,
                    self.id,
                    "water/treatment",
                    "wastewater treatment saved",
                    "water/wastewater-treatment",
                    water.value / 12,
                    "water",
                )
            )
        return lines


def substitution_lines(
    context: BuildContext, opportunity: str, position: int, item: Substitution
) -> list[InventoryLine | None]:
    """The replaced input avoided, the substitute and its transport added."""
    key = item.key or f"substitution/{item.replaced}"
    replaced = dataset_id(context, item.replaced, "material")
    per_month = item.mass.value / 12
    lines = [
        make_line(
            context,
            opportunity,
            f"substitutions/{position}/replaced",
            f"{item.replaced} replaced ({item.mass.written})",
            replaced,
            per_month,
            key,
        )
    ]
    if item.by is not None:
        substitute = dataset_id(context, item.by, "material")
        lines.append(
            make_line(
                context,
                opportunity,
                f"substitutions/{position}/by",
                f"{item.by} used instead",
                substitute,
                -per_month,
                key,
            )
        )
    else:
        context.warn(
            f"{opportunity}: {item.replaced} is replaced by a by-product counted burden-free "
            "(cut-off: its burdens stay with the process that made it)."
        )
    if item.transport_mode is not None and item.transport_distance is not None:
        tkm = item.mass.value / 1000 * item.transport_distance.value / 12
        lines.append(
            make_line(
                context,
                opportunity,
                f"substitutions/{position}/transport",
                f"transport of the substitute ({item.transport_mode})",
                f"transport/freight/{item.transport_mode}",
                -tkm,
                key,
            )
        )
    return lines
