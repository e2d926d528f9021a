"""The nineteen opportunities of the catalogue as lever models.

Each class declares the levers a user fills in; the generic builder of
:class:`~inventories.opportunities.levers.Opportunity` turns the shared kinds
(energy, water, freight, materials, waste, substitutions, lifetimes) into
lines, and ``specific_lines`` adds what only one opportunity has. Docstrings
say what the twin does and what is not counted.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from inventories.context import BuildContext
from inventories.lines import InventoryLine
from inventories.opportunities.levers import (
    Count,
    DeviceAvoided,
    Distance,
    EnergyPerUnit,
    EnergyPerYear,
    FreightLeg,
    Fuel,
    FuelPerYear,
    LifetimeChange,
    Mass,
    MaterialChange,
    Opportunity,
    PassengerMode,
    People,
    PerYear,
    ReusedComponent,
    ScrapRate,
    Substitution,
    WasteChange,
    WaterPerUnit,
    WaterPerYear,
    dataset_id,
    make_line,
)
from inventories.quantities import Quantity


class _Energy(Opportunity):
    electricity_saved: EnergyPerYear | None = None
    heat_saved: FuelPerYear | None = Field(
        None, description="fuel no longer burnt (LHV), or its volume"
    )
    heat_fuel: Fuel = "natural-gas"


class _Trips(Opportunity):
    """Expert or technician trips, before and after, or avoided."""

    trips_avoided: PerYear | None = None
    trips_before: PerYear | None = None
    trips_after: PerYear | None = None
    distance: Distance | None = Field(None, description="round trip")
    mode: PassengerMode = "car-diesel"
    travellers: People = Quantity(1.0, "dimensionless", "1", status="default")

    @model_validator(mode="after")
    def _trips_one_way(self) -> _Trips:
        given = (
            self.trips_avoided is not None,
            self.trips_before is not None,
            self.trips_after is not None,
        )
        if given == (False, False, False):
            return self
        if given not in ((True, False, False), (False, True, True)):
            raise ValueError("give either trips_avoided, or both trips_before and trips_after")
        if self.distance is None:
            raise ValueError("trips need a distance (the round trip)")
        if given[1] and self.trips_after.value > self.trips_before.value:
            raise ValueError(
                f"trips_after ({self.trips_after.written}) is above trips_before "
                f"({self.trips_before.written}); the twin is expected to lower it"
            )
        return self

    def trip_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Passenger-kilometres no longer travelled."""
        if self.distance is None:
            return []
        if self.trips_avoided is not None:
            trips = self.trips_avoided.value / 12
        else:
            trips = (self.trips_before.value - self.trips_after.value) / 12
        return [
            make_line(
                context,
                self.id,
                f"trips/{self.mode}",
                f"trips avoided ({self.mode})",
                f"transport/passenger/{self.mode}",
                trips * self.distance.value * self.travellers.value,
                f"trips/{self.mode}",
            )
        ]


class Appro01(_Energy):
    """Appro-01, lower-impact supply chain: suppliers, modes and warehouses chosen with
    their footprints. Levers: transport by mode before/after, lower-impact inputs
    (substitutions), warehouse energy. Not counted: the suppliers' own changes beyond
    the substitution given."""

    id: Literal["Appro-01"]
    freight: list[FreightLeg] = []
    substitutions: list[Substitution] = []


class Appro02(_Energy):
    """Appro-02, lower-impact inbound transport: routes, modes, loads, pooled containers.
    Levers: t·km by mode before/after, storage energy."""

    id: Literal["Appro-02"]
    freight: list[FreightLeg] = []


class EcoDesign01(_Energy):
    """EcoDesign-01, longer life and lower use-phase impact of the next product
    generation, designed from field data. Levers: lifetime before/after of the units
    sold, energy and water saved in use."""

    id: Literal["EcoDesign-01"]
    lifetimes: list[LifetimeChange] = []
    water_saved: WaterPerYear | None = None


class Production01(_Energy):
    """Production-01, less energy and resources on a line: monitoring, per-product
    energy accounting, scheduling. Levers: electricity and fuel saved, raw material
    and water saved."""

    id: Literal["Production-01"]
    materials: list[MaterialChange] = []
    water_saved: WaterPerYear | None = None


class Production02(Opportunity):
    """Production-02, lower scrap rates through a quality model. Input made per good
    unit = material per good unit / (1 - scrap rate); the twin lowers the rate, so
    less material, energy and water go into the same good output. Not counted: the
    treatment of the scrap itself (often remelted on site)."""

    id: Literal["Production-02"]
    good_units: PerYear
    material: str
    mass_per_unit: Mass
    scrap_before: ScrapRate
    scrap_after: ScrapRate
    electricity_per_unit: EnergyPerUnit | None = None
    water_per_unit: WaterPerUnit | None = None

    @model_validator(mode="after")
    def _rates(self) -> Production02:
        if self.scrap_before.value >= 1 or self.scrap_after.value >= 1:
            raise ValueError("a scrap rate must be below 100 %")
        return self

    def made_per_good_unit_saved(self) -> float:
        """Units made per good unit, before minus after: 1/(1-s0) - 1/(1-s1)."""
        return 1 / (1 - self.scrap_before.value) - 1 / (1 - self.scrap_after.value)

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Material, electricity and water of the units no longer scrapped."""
        units_saved = self.good_units.value / 12 * self.made_per_good_unit_saved()
        lines = [
            make_line(
                context,
                self.id,
                "scrap/material",
                f"{self.material} not scrapped",
                dataset_id(context, self.material, "material"),
                units_saved * self.mass_per_unit.value,
                f"scrap/{self.material}",
            )
        ]
        if self.electricity_per_unit is not None:
            lines.append(
                make_line(
                    context,
                    self.id,
                    "scrap/electricity",
                    "electricity of scrapped units",
                    context.electricity(),
                    units_saved * self.electricity_per_unit.value,
                    "energy/electricity",
                )
            )
        if self.water_per_unit is not None:
            lines.append(
                make_line(
                    context,
                    self.id,
                    "scrap/water",
                    "water of scrapped units",
                    "water/tap-water",
                    units_saved * self.water_per_unit.value,
                    "water",
                )
            )
        return lines


class OutilIndus01(Opportunity):
    """OutilIndus-01, longer life of equipment and components through predictive
    maintenance. Lever: units in service, lifetime before/after, and the manufacture
    dataset of one unit (often a project dataset, custom/...)."""

    id: Literal["OutilIndus-01"]
    lifetimes: list[LifetimeChange] = Field(min_length=1)


class OutilIndus02(_Energy, _Trips):
    """OutilIndus-02, the plant's own IT/OT optimised: right-sized network and
    computers, edge or central compute, remote diagnosis. A gain on the plant's
    existing IT, distinct from the twin's own footprint. Levers: IT/OT electricity
    saved, devices no longer needed, technician trips avoided."""

    id: Literal["OutilIndus-02"]
    devices_avoided: list[DeviceAvoided] = []

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Devices avoided, counted over their lifetime; trips avoided."""
        lines = self.trip_lines(context)
        for position, device in enumerate(self.devices_avoided):
            lifetime = context.parameter(f"it/{device.type}/lifetime", "year")
            lines.append(
                make_line(
                    context,
                    self.id,
                    f"devices/{position}/{device.type}",
                    f"{device.type} no longer needed",
                    f"it/{device.type}/manufacture",
                    device.count.value / lifetime / 12,
                    device.key or f"device/{device.type}",
                )
            )
        return lines


class OutilIndus03(_Energy):
    """OutilIndus-03, a line designed or reconfigured in simulation: energy, materials,
    water and recycled inputs before/after."""

    id: Literal["OutilIndus-03"]
    materials: list[MaterialChange] = []
    substitutions: list[Substitution] = []
    water_saved: WaterPerYear | None = None


class OutilIndus04(_Energy):
    """OutilIndus-04, a factory designed with its twin: construction materials saved
    (once), operating energy and water, internal transport. Land use is not counted
    (no land indicator in this version)."""

    id: Literal["OutilIndus-04"]
    materials: list[MaterialChange] = []
    water_saved: WaterPerYear | None = None
    freight: list[FreightLeg] = []


class Maintenance01(_Trips):
    """Maintenance-01, fewer maintenance trips thanks to remote monitoring and an
    expert guiding an operator from afar. Lever: trips before/after, round-trip
    distance, mode."""

    id: Literal["Maintenance-01"]

    @model_validator(mode="after")
    def _has_trips(self) -> Maintenance01:
        if self.distance is None:
            raise ValueError(
                "Maintenance-01 needs trips (trips_avoided or trips_before/after) and a distance"
            )
        return self

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Passenger-kilometres no longer travelled."""
        return self.trip_lines(context)


class Maintenance02(Opportunity):
    """Maintenance-02, fewer spare parts: replaced on condition, not by the calendar.
    Only the material of the parts is counted; their machining, transport and end of
    life are not."""

    id: Literal["Maintenance-02"]
    parts_avoided: PerYear | None = None
    parts_before: PerYear | None = None
    parts_after: PerYear | None = None
    part_mass: Mass
    material: str

    @model_validator(mode="after")
    def _parts_one_way(self) -> Maintenance02:
        given = (
            self.parts_avoided is not None,
            self.parts_before is not None,
            self.parts_after is not None,
        )
        if given not in ((True, False, False), (False, True, True)):
            raise ValueError("give either parts_avoided, or both parts_before and parts_after")
        if given[1] and self.parts_after.value > self.parts_before.value:
            raise ValueError(
                f"parts_after ({self.parts_after.written}) is above parts_before "
                f"({self.parts_before.written}); the twin is expected to lower it"
            )
        return self

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Material of the spare parts no longer made."""
        if self.parts_avoided is not None:
            parts = self.parts_avoided.value / 12
        else:
            parts = (self.parts_before.value - self.parts_after.value) / 12
        context.warn(
            "Maintenance-02: only the material of the avoided parts is counted; their "
            "machining, transport and end of life are not."
        )
        return [
            make_line(
                context,
                self.id,
                f"parts/{self.material}",
                f"spare parts avoided ({self.material})",
                dataset_id(context, self.material, "material"),
                parts * self.part_mass.value,
                f"parts/{self.material}",
            )
        ]


class Livraison01(Opportunity):
    """Livraison-01, lower-impact distribution network: modes and carriers chosen with
    their impact. Lever: t·km by mode before/after."""

    id: Literal["Livraison-01"]
    freight: list[FreightLeg] = Field(min_length=1)


class Livraison02(Opportunity):
    """Livraison-02, lower-impact delivery of a product: real-time routing, fewer
    useless trips, reverse logistics. Lever: t·km by mode before/after. Not counted:
    shifting electric-vehicle charging to low-carbon hours (needs hourly grid data)."""

    id: Literal["Livraison-02"]
    freight: list[FreightLeg] = Field(min_length=1)


class Reglementation01(Opportunity):
    """Reglementation-01, compliance through traceability (digital product passport,
    REACH). Mostly enabling: model what it changes physically, e.g. recycled content
    gained (substitutions), waste avoided, materials saved."""

    id: Literal["Reglementation-01"]
    substitutions: list[Substitution] = []
    waste: list[WasteChange] = []
    materials: list[MaterialChange] = []

    @model_validator(mode="after")
    def _something_physical(self) -> Reglementation01:
        if not (self.substitutions or self.waste or self.materials):
            raise ValueError(
                "Reglementation-01 is enabling: give what it changes physically "
                "(substitutions, waste or materials)"
            )
        return self


class Territorial01(_Energy):
    """Territorial-01, industrial symbiosis: another firm's waste heat replaces fuel
    (heat_saved), its by-products replace virgin inputs (substitutions, with their
    transport between sites), water is shared, waste is avoided."""

    id: Literal["Territorial-01"]
    substitutions: list[Substitution] = []
    waste: list[WasteChange] = []
    water_saved: WaterPerYear | None = None


class Reutilisation01(Opportunity):
    """Reutilisation-01, components reused thanks to their known composition and wear.
    Lever: components reused a year instead of made new, with the electricity their
    refurbishment takes (added)."""

    id: Literal["Reutilisation-01"]
    components: list[ReusedComponent] = Field(min_length=1)

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """New components avoided; refurbishment electricity added."""
        lines: list[InventoryLine | None] = []
        for position, item in enumerate(self.components):
            key = item.key or f"reuse/{item.product}"
            per_month = item.count.value / 12
            lines.append(
                make_line(
                    context,
                    self.id,
                    f"components/{position}/new",
                    f"new {item.product} avoided",
                    dataset_id(context, item.product, "custom"),
                    per_month,
                    key,
                )
            )
            if item.refurbishment_electricity is not None:
                lines.append(
                    make_line(
                        context,
                        self.id,
                        f"components/{position}/refurbishment",
                        f"refurbishing {item.product}",
                        context.electricity(),
                        -per_month * item.refurbishment_electricity.value,
                        key,
                    )
                )
        return lines


class Usage01(Opportunity):
    """Usage-01, lower impact of a product in use: its twin optimises use (eco-driving,
    firmware, just-in-time heating). Levers: units in use and what each saves a year."""

    id: Literal["Usage-01"]
    units: Count
    electricity_saved_per_unit: EnergyPerYear | None = None
    heat_saved_per_unit: FuelPerYear | None = None
    heat_fuel: Fuel = "natural-gas"
    water_saved_per_unit: WaterPerYear | None = None

    def specific_lines(self, context: BuildContext) -> list[InventoryLine | None]:
        """Per-unit savings times the units in use."""
        units = self.units.value
        lines: list[InventoryLine | None] = []
        if self.electricity_saved_per_unit is not None:
            lines.append(
                make_line(
                    context,
                    self.id,
                    "electricity",
                    "electricity saved in use",
                    context.electricity(),
                    units * self.electricity_saved_per_unit.value / 12,
                    "use/electricity",
                )
            )
        if self.heat_saved_per_unit is not None:
            kwh = self.heat_saved_per_unit.value
            if self.heat_saved_per_unit.unit == "L/year":
                kwh *= context.parameter(f"fuel/{self.heat_fuel}/lower-heating-value", "kWh/L")
            lines.append(
                make_line(
                    context,
                    self.id,
                    "fuel",
                    f"{self.heat_fuel} saved in use",
                    f"fuel/{self.heat_fuel}",
                    units * kwh / 12,
                    f"use/{self.heat_fuel}",
                )
            )
        if self.water_saved_per_unit is not None:
            lines.append(
                make_line(
                    context,
                    self.id,
                    "water",
                    "water saved in use",
                    "water/tap-water",
                    units * self.water_saved_per_unit.value / 12,
                    "use/water",
                )
            )
        return lines


class Duree01(Opportunity):
    """Duree-01, longer use of a product: known component state, predictive
    maintenance, second-hand parts, advice that limits wear. Lever: units in use,
    lifetime before/after, one unit's manufacture dataset."""

    id: Literal["Duree-01"]
    lifetimes: list[LifetimeChange] = Field(min_length=1)


class Recyclage01(Opportunity):
    """Recyclage-01, easier recycling through traceability: material recovered replaces
    virgin material (substitutions: virgin replaced by secondary), and the waste that
    went to landfill or incineration goes to recycling (waste before/after)."""

    id: Literal["Recyclage-01"]
    substitutions: list[Substitution] = Field(min_length=1)
    waste: list[WasteChange] = []


OPPORTUNITY_MODELS: dict[str, type[Opportunity]] = {
    model.model_fields["id"].annotation.__args__[0]: model
    for model in (
        Appro01, Appro02, EcoDesign01, Production01, Production02, OutilIndus01, OutilIndus02,
        OutilIndus03, OutilIndus04, Maintenance01, Maintenance02, Livraison01, Livraison02,
        Reglementation01, Territorial01, Reutilisation01, Usage01, Duree01, Recyclage01,
    )
}  # fmt: skip
