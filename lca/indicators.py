"""The indicators twinlca computes, and the methods they stand for.

Open sources publish characterised figures, not elementary flows, so the open
background carries one flow per indicator (a "twinlca indicator flow") and
each method characterises its flow with a factor of 1. The names below are
those of the EF 3.1 and IPCC 2021 categories each flow stands for, so that a
licensed database with real elementary flows and the real methods can take
the place of the open background.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """One impact category: its id in results, unit and the method it stands for."""

    id: str
    label: str
    unit: str
    method: tuple[str, ...]
    definition: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="climate_change",
        label="Climate change",
        unit="kg CO2-eq",
        method=("IPCC 2021", "climate change", "global warming potential (GWP100)"),
        definition="GWP100 of all greenhouse gases, fossil, biogenic and land-use change.",
    ),
    Indicator(
        id="water",
        label="Water consumption",
        unit="m3",
        method=("twinlca", "water", "blue water consumption"),
        definition=(
            "Blue water consumed (evaporated or incorporated, not returned), on site "
            "plus upstream; not withdrawal, not AWARE-weighted scarcity."
        ),
    ),
    Indicator(
        id="resources_minerals_metals",
        label="Resource use, minerals and metals",
        unit="kg Sb-eq",
        method=(
            "EF v3.1",
            "material resources: metals/minerals",
            "abiotic depletion potential (ADP): elements (ultimate reserves)",
        ),
        definition="Abiotic depletion of minerals and metals, ultimate reserves (CML / EF 3.1).",
    ),
    Indicator(
        id="resources_fossil",
        label="Resource use, fossils",
        unit="MJ",
        method=(
            "EF v3.1",
            "energy resources: non-renewable",
            "abiotic depletion potential (ADP): fossil fuels",
        ),
        definition="Abiotic depletion of fossil energy carriers, net calorific value (EF 3.1).",
    ),
)

INDICATOR_IDS: tuple[str, ...] = tuple(indicator.id for indicator in INDICATORS)

#: The indicator every dataset must carry; coverage of the others is weighted by it.
REFERENCE_INDICATOR = "climate_change"
