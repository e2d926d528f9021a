"""Results on inventory lines: contributions, sums by effect order, tier and scenario.

Every line contributes ``amount x unit impact`` to each indicator. The value
kept per line is oriented by its part: a gain is positive when a burden is
avoided, a footprint or a rebound is positive when a burden is added, so that

    net benefit = gains - footprint - rebound

for each rebound scenario. A dataset without a value for an indicator adds
nothing to that indicator's sums, and the coverage of each part says what
share of it (weighted by climate change, the indicator every dataset carries)
rests on datasets that do have the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from inventories.build import Inventory
from inventories.lines import PART_OF_ORDER, TIERS, lines_frame
from lca.brightway import UnitImpacts, as_matrix
from lca.errors import ConsistencyError
from lca.indicators import INDICATOR_IDS, INDICATORS, REFERENCE_INDICATOR

#: Relative tolerance of the checks that totals equal the sums of their parts.
SUM_RTOL = 1e-9


@dataclass(frozen=True)
class Evaluation:
    """Per-line contributions of one inventory, for every indicator."""

    inventory: Inventory
    lines: pd.DataFrame
    values: np.ndarray
    present: np.ndarray

    def part_mask(self, part: str, scenario: str) -> np.ndarray:
        """Lines of one part (gains, footprint, rebound) in one rebound scenario."""
        order = {v: k for k, v in PART_OF_ORDER.items()}[part]
        mask = (self.lines["effect_order"] == order).to_numpy()
        if part == "rebound":
            mask = mask & (self.lines["scenario"] == scenario).to_numpy()
        return mask


def evaluate(inventory: Inventory, impacts: UnitImpacts) -> Evaluation:
    """Multiply each line's amount by its dataset's unit impacts."""
    frame = lines_frame(list(inventory.lines))
    unit_values, present = as_matrix(impacts, list(frame["dataset"]))
    orientation = np.where(frame["effect_order"] == "second", frame["sign"], -frame["sign"])
    values = unit_values * (frame["amount"].to_numpy() * orientation)[:, None]
    return Evaluation(inventory, frame, values, present)


def _coverage(evaluation: Evaluation, mask: np.ndarray, column: int) -> float:
    reference = INDICATOR_IDS.index(REFERENCE_INDICATOR)
    weights = np.abs(evaluation.values[mask, reference])
    if weights.sum() == 0:
        return 1.0 if evaluation.present[mask, column].all() else 0.0
    return float(weights[evaluation.present[mask, column]].sum() / weights.sum())


def summarise(evaluation: Evaluation, scenario: str) -> list[dict]:
    """One entry per indicator: gains, footprint by tier, rebound, net, coverage."""
    frame = evaluation.lines
    gains = evaluation.part_mask("gains", scenario)
    footprint = evaluation.part_mask("footprint", scenario)
    rebound = evaluation.part_mask("rebound", scenario)
    used = gains | footprint | rebound
    entries = []
    for column, indicator in enumerate(INDICATORS):
        values = evaluation.values[:, column]
        by_tier = {
            tier: float(values[footprint & (frame["tier"] == tier).to_numpy()].sum())
            for tier in TIERS
        }
        total = float(values[footprint].sum())
        _check_sum(total, by_tier.values(), f"{indicator.id}: footprint by tier")
        by_phase = frame[footprint].groupby("phase")["line_id"].count()
        _check_sum(
            total,
            [
                float(values[footprint & (frame["phase"] == p).to_numpy()].sum())
                for p in by_phase.index
            ],
            f"{indicator.id}: footprint by phase",
        )
        gain = float(values[gains].sum())
        taken_back = float(values[rebound].sum())
        missing = sorted(set(frame.loc[used & ~evaluation.present[:, column], "dataset"]))
        entry = {
            "id": indicator.id,
            "unit": indicator.unit,
            "gains": gain,
            "footprint": {"total": total, **by_tier},
            "rebound": taken_back,
            "net_benefit": gain - total - taken_back,
            "coverage": {
                "gains": _coverage(evaluation, gains, column),
                "footprint": _coverage(evaluation, footprint, column),
                "rebound": _coverage(evaluation, rebound, column),
            },
            "missing": missing,
        }
        entry["net_benefit_complete"] = (
            entry["coverage"]["gains"] > 0 and entry["coverage"]["footprint"] > 0
        )
        _check_finite(entry, indicator.id)
        entries.append(entry)
    return entries


def group_scores(evaluation: Evaluation) -> dict[str, dict[str, float]]:
    """Sums by the foreground's group activities (as Brightway sees them)."""
    from inventories.brightway import group_names

    scores: dict[str, dict[str, float]] = {}
    for row, line in enumerate(evaluation.inventory.lines):
        for group in group_names(line):
            target = scores.setdefault(group, dict.fromkeys(INDICATOR_IDS, 0.0))
            for column, indicator in enumerate(INDICATOR_IDS):
                target[indicator] += evaluation.values[row, column]
    net = dict.fromkeys(INDICATOR_IDS, 0.0)
    for group, values in scores.items():
        weight = net_weight(group, evaluation.inventory.default_scenario)
        for indicator in INDICATOR_IDS:
            net[indicator] += weight * values[indicator]
    scores["net"] = net
    return scores


def net_weight(group: str, default_scenario: str) -> float:
    """How a group activity enters the net effect: gains +1, footprint and central rebound -1."""
    if group == "gains":
        return 1.0
    if group.startswith("footprint/") or group == f"rebound/{default_scenario}":
        return -1.0
    return 0.0


def tidy(evaluation: Evaluation) -> pd.DataFrame:
    """Long table: one row per line, indicator and scenario the line counts in."""
    frame = evaluation.lines
    rows = []
    for scenario in evaluation.inventory.scenarios:
        mask = (frame["effect_order"] != "higher") | (frame["scenario"] == scenario)
        for column, indicator in enumerate(INDICATORS):
            part = frame[mask.to_numpy()]
            rows.append(
                pd.DataFrame(
                    {
                        "indicator": indicator.id,
                        "unit": indicator.unit,
                        "scenario": scenario,
                        "effect_order": part["effect_order"],
                        "part": part["effect_order"].map(PART_OF_ORDER),
                        "tier": part["tier"].fillna(""),
                        "phase": part["phase"].fillna(""),
                        "source": part["source"],
                        "component": part["component"],
                        "role": part["role"],
                        "dataset": part["dataset"],
                        "amount": part["amount"],
                        "value": evaluation.values[mask.to_numpy(), column],
                        "has_value": evaluation.present[mask.to_numpy(), column],
                    }
                )
            )
    return pd.concat(rows, ignore_index=True)


def _check_sum(total: float, parts, what: str) -> None:
    parts = list(parts)
    summed = math.fsum(parts)
    if not math.isclose(total, summed, rel_tol=SUM_RTOL, abs_tol=1e-12):
        raise ConsistencyError(f"{what}: total {total!r} is not the sum of its parts {summed!r}")


def _check_finite(entry: dict, where: str) -> None:
    stack = [entry]
    while stack:
        node = stack.pop()
        for value in node.values():
            if isinstance(value, dict):
                stack.append(value)
            elif isinstance(value, float) and not math.isfinite(value):
                raise ConsistencyError(f"{where}: a result is not finite ({value})")


#: Physical categories of the brochure, by dataset family: (category, unit of the amounts).
PHYSICAL_CATEGORIES = (
    ("electricity/", "energy: electricity", "kWh"),
    ("fuel/", "energy: fuels", "kWh"),
    ("heat/", "energy: heat", "kWh"),
    ("transport/passenger/", "transport: passengers", "person km"),
    ("transport/freight/", "transport: freight", "t km"),
    ("material/", "material", "kg"),
    ("water/tap-water", "water supplied", "m3"),
    ("waste/", "waste treated", "kg"),
    ("it/", "IT equipment made", "units"),
    ("custom/", "products made (project datasets)", "dataset units"),
)


def _physical(category: str, unit: str, avoided: float, more: str = "added") -> dict:
    """A physical quantity as a positive amount with the direction of its change."""
    return {
        "category": category,
        "unit": unit,
        "quantity": abs(avoided),
        "change": "avoided" if avoided >= 0 else more,
    }


def physical_quantities(evaluation: Evaluation, project=None) -> list[dict]:
    """The second-order effect in physical terms: how much of each kind changes.

    Each entry gives a positive quantity and its change: avoided (less energy,
    fewer km, less material), added (a modal shift adds rail t km), used (more
    recycled material) or gained (lifetime). Scrap avoided is the material part of
    Production-02's lines, shown on its own as well. Land use is not modelled.
    """
    frame = evaluation.lines[evaluation.lines["effect_order"] == "second"]
    signed = frame["amount"] * frame["sign"]
    result = []
    for prefix, category, unit in PHYSICAL_CATEGORIES:
        mask = frame["dataset"].str.startswith(prefix)
        if mask.any():
            result.append(_physical(category, unit, float(signed[mask].sum())))
    scrap = frame["lever"].fillna("").str.startswith("scrap/") & frame["dataset"].str.startswith(
        "material/"
    )
    if scrap.any():
        result.append(_physical("scrap", "kg", float(signed[scrap].sum())))
    recycled = frame["dataset"].str.contains("recycled") & (frame["role"] == "added")
    if recycled.any():
        result.append(
            _physical(
                "recycled material", "kg", -float(frame.loc[recycled, "amount"].sum()), "used"
            )
        )
    lifetimes = [
        item
        for opportunity in (project.opportunities if project else [])
        for item in getattr(opportunity, "lifetimes", []) or []
    ]
    if lifetimes:
        months = sum(
            item.units.value * (item.lifetime_after.value - item.lifetime_before.value) * 12
            for item in lifetimes
        )
        result.append(_physical("lifetime (units x months)", "months", -months, "gained"))
    return result


ENERGY_FAMILIES = ("electricity/", "fuel/", "heat/")


def energy_view(evaluation: Evaluation, scenario: str, electricity_factor: float) -> dict:
    """Final and primary energy (kWh) of each part and the net, for one rebound scenario.

    Final energy is the electricity and fuel the lines save or use; primary energy
    counts electricity at ``electricity_factor`` and fuels at their lower heating
    value. Oriented like the results: gains saved, footprint and rebound used.
    """
    frame = evaluation.lines
    energy = frame["dataset"].str.startswith(ENERGY_FAMILIES).to_numpy()
    electricity = frame["dataset"].str.startswith("electricity/").to_numpy()
    orientation = np.where(frame["effect_order"] == "second", frame["sign"], -frame["sign"])
    oriented = frame["amount"].to_numpy() * orientation
    result: dict[str, dict[str, float]] = {"final_kwh": {}, "primary_kwh": {}}
    for part in ("gains", "footprint", "rebound"):
        mask = evaluation.part_mask(part, scenario) & energy
        final = float(oriented[mask].sum())
        primary = final + (electricity_factor - 1) * float(oriented[mask & electricity].sum())
        result["final_kwh"][part] = final
        result["primary_kwh"][part] = primary
    for view in result.values():
        view["net"] = view["gains"] - view["footprint"] - view["rebound"]
    return {
        **result,
        "primary_energy_factor_electricity": electricity_factor,
        "scope": "electricity, fuels and heat datasets; transport fuel (in p km and t km "
        "datasets) and the energy embodied in materials and devices are not included",
    }
