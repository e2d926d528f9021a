"""Impact-reduction opportunities: lever inputs -> second-order inventory lines.

Each opportunity of the catalogue (the ids follow the French industry
working group's brochure) is a model of the levers a user fills in and a
builder that turns them into lines: what the twin avoids (role "avoided")
and what it adds (role "added"), per month of the study period.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from inventories.context import BuildContext
from inventories.lines import InventoryLine
from inventories.quantities import Quantity, quantity, quantity_in_any

#: Every id of the catalogue, in the brochure's spelling.
CATALOGUE_IDS = (
    "Appro-01", "Appro-02", "EcoDesign-01", "Production-01", "Production-02",
    "OutilIndus-01", "OutilIndus-02", "OutilIndus-03", "OutilIndus-04",
    "Maintenance-01", "Maintenance-02", "Livraison-01", "Livraison-02",
    "Reglementation-01", "Territorial-01", "Reutilisation-01", "Usage-01",
    "Duree-01", "Recyclage-01",
)  # fmt: skip


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def canonical_opportunity_id(text: str) -> str:
    """The catalogue id for an id written with accents, spaces or any case."""
    by_key = {_fold(known): known for known in CATALOGUE_IDS}
    canonical = by_key.get(_fold(text))
    if canonical is None:
        import difflib

        close = difflib.get_close_matches(_fold(text), list(by_key), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(by_key[c] for c in close)}?" if close else ""
        raise ValueError(f"{text!r} is not an opportunity of the catalogue{hint}")
    if canonical not in OPPORTUNITY_MODELS:
        raise ValueError(
            f"{canonical} is in the catalogue but has no gain model in this version; "
            f"modelled: {', '.join(OPPORTUNITY_MODELS)}"
        )
    return canonical


EnergyPerYear = quantity("kWh/year", "180 MWh/year")
FuelPerYear = quantity_in_any(("kWh/year", "L/year"), "60 MWh/year or 6000 m3/year")
PerYear = quantity("1/year", "12 / year")
Distance = quantity("km", "450 km")
Mass = quantity("kg", "3.5 kg")
People = quantity("dimensionless", "1")

PassengerMode = Literal[
    "car-petrol", "car-diesel", "car-electric", "train-high-speed", "train-regional",
    "coach", "plane-short-haul", "plane-medium-haul", "plane-long-haul",
]  # fmt: skip
Fuel = Literal["natural-gas", "fuel-oil", "lpg", "wood-biomass", "diesel", "petrol"]


class _Levers(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


def _before_after(model: BaseModel, avoided: str, before: str, after: str) -> None:
    given = [getattr(model, name) is not None for name in (avoided, before, after)]
    if given == [False, True, True]:
        if getattr(model, after).value > getattr(model, before).value:
            raise ValueError(
                f"{after} ({getattr(model, after).written}) is above {before} "
                f"({getattr(model, before).written}); the twin is expected to lower it"
            )
        return
    if given == [True, False, False]:
        return
    found = [name for name, there in zip((avoided, before, after), given, strict=True) if there]
    raise ValueError(
        f"give either {avoided}, or both {before} and {after}; found {', '.join(found) or 'none'}"
    )


def _avoided_per_month(model: BaseModel, avoided: str, before: str, after: str) -> float:
    if getattr(model, avoided) is not None:
        return getattr(model, avoided).value / 12
    drop = getattr(model, before).value - getattr(model, after).value
    return drop / 12


class Production01(_Levers):
    """Production-01: less energy on a production line (monitoring, scheduling)."""

    id: Literal["Production-01"]
    electricity_saved: EnergyPerYear | None = None
    heat_saved: FuelPerYear | None = None
    heat_fuel: Fuel = "natural-gas"

    def lines(self, context: BuildContext) -> list[InventoryLine]:
        """Electricity and fuel no longer consumed."""
        result = []
        if self.electricity_saved is not None:
            result.append(
                InventoryLine(
                    line_id="gains/production-01/electricity",
                    effect_order="second",
                    role="avoided",
                    source=self.id,
                    component="electricity saved",
                    dataset=context.electricity(),
                    amount_per_month=self.electricity_saved.value / 12,
                    months=context.every_month(),
                    lever="energy/electricity",
                )
            )
        if self.heat_saved is not None:
            fuel_kwh = self.heat_saved.value
            if self.heat_saved.unit == "L/year":  # a volume, in litres whatever was written
                heating_value = context.parameter(
                    f"fuel/{self.heat_fuel}/lower-heating-value", "kWh/L"
                )
                fuel_kwh = self.heat_saved.value * heating_value
            result.append(
                InventoryLine(
                    line_id="gains/production-01/heat",
                    effect_order="second",
                    role="avoided",
                    source=self.id,
                    component=f"heat saved ({self.heat_fuel})",
                    dataset=f"fuel/{self.heat_fuel}",
                    amount_per_month=fuel_kwh / 12,
                    months=context.every_month(),
                    lever=f"energy/{self.heat_fuel}",
                )
            )
        return result


class Maintenance01(_Levers):
    """Maintenance-01: fewer expert trips thanks to remote monitoring and guidance."""

    id: Literal["Maintenance-01"]
    trips_avoided: PerYear | None = None
    trips_before: PerYear | None = None
    trips_after: PerYear | None = None
    distance: Distance
    mode: PassengerMode
    travellers: People = Quantity(1.0, "dimensionless", "1", status="default")

    @model_validator(mode="after")
    def _one_way_to_count(self) -> Maintenance01:
        _before_after(self, "trips_avoided", "trips_before", "trips_after")
        return self

    def lines(self, context: BuildContext) -> list[InventoryLine]:
        """Passenger-kilometres no longer travelled (distance is the round trip)."""
        trips = _avoided_per_month(self, "trips_avoided", "trips_before", "trips_after")
        return [
            InventoryLine(
                line_id=f"gains/maintenance-01/trips/{self.mode}",
                effect_order="second",
                role="avoided",
                source=self.id,
                component=f"expert trips avoided ({self.mode})",
                dataset=f"transport/passenger/{self.mode}",
                amount_per_month=trips * self.distance.value * self.travellers.value,
                months=context.every_month(),
                lever=f"trips/{self.mode}",
            )
        ]


class Maintenance02(_Levers):
    """Maintenance-02: fewer spare parts, replaced on condition rather than by calendar."""

    id: Literal["Maintenance-02"]
    parts_avoided: PerYear | None = None
    parts_before: PerYear | None = None
    parts_after: PerYear | None = None
    part_mass: Mass
    material: str

    @model_validator(mode="after")
    def _one_way_to_count(self) -> Maintenance02:
        _before_after(self, "parts_avoided", "parts_before", "parts_after")
        return self

    def lines(self, context: BuildContext) -> list[InventoryLine]:
        """Material of the spare parts no longer made."""
        parts = _avoided_per_month(self, "parts_avoided", "parts_before", "parts_after")
        dataset = f"material/{self.material}"
        context.background.dataset(dataset)
        context.warn(
            "Maintenance-02: only the material of the avoided parts is counted; their "
            "machining, transport and end of life are not."
        )
        return [
            InventoryLine(
                line_id=f"gains/maintenance-02/parts/{self.material}",
                effect_order="second",
                role="avoided",
                source=self.id,
                component=f"spare parts avoided ({self.material})",
                dataset=dataset,
                amount_per_month=parts * self.part_mass.value,
                months=context.every_month(),
                lever=f"parts/{self.material}",
            )
        ]


OPPORTUNITY_MODELS: dict[str, type[_Levers]] = {
    "Production-01": Production01,
    "Maintenance-01": Maintenance01,
    "Maintenance-02": Maintenance02,
}
