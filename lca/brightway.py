"""Calculations with bw2calc: unit impacts of the background, and the foreground check.

twinlca computes its results on inventory lines (amount x unit impact). The
two numbers that route needs from Brightway, and the check that keeps the two
routes honest, are made here:

- the unit impacts of every background dataset, one MultiLCA over all of them
  and every indicator, cached per data version and checked against the values
  the open background's records state;
- the scores of the foreground's group activities (gains, footprint by tier
  and phase, rebound per scenario, net effect), compared with the sums of the
  lines. Brightway stores amounts in single precision (bw_processing's
  float32 arrays), so the two agree to about 1e-7, not to the last digit.
"""

from __future__ import annotations

import hashlib
import json
import logging

import numpy as np

from inventories.background import Background
from inventories.build import Inventory
from lca.datadir import DataDirectory
from lca.errors import ConsistencyError, DataDirectoryError
from lca.indicators import INDICATOR_IDS

log = logging.getLogger(__name__)

#: Relative tolerance between Brightway's scores and the line route (float32 storage).
BRIGHTWAY_RTOL = 1e-6

UnitImpacts = dict[str, dict[str, float | None]]


def _multilca(bd, demands: dict[str, dict[int, float]]) -> dict[tuple[str, str], float]:
    import bw2calc

    from inventories.brightway import method_key

    config = {"impact_categories": [method_key(i) for i in INDICATOR_IDS]}
    data_objs = bd.get_multilca_data_objs(functional_units=demands, method_config=config)
    lca = bw2calc.MultiLCA(demands=demands, method_config=config, data_objs=data_objs)
    lca.lci()
    lca.lcia()
    by_method = {method_key(i): i for i in INDICATOR_IDS}
    return {(name, by_method[method]): float(score) for (method, name), score in lca.scores.items()}


def compute_unit_impacts(data_dir: DataDirectory, background: Background) -> UnitImpacts:
    """Unit impacts of every dataset, computed by Brightway (writes the background first)."""
    from inventories.brightway import brightway, write_background

    with data_dir.locked(), brightway(data_dir) as bd:
        database = write_background(bd, background)
        ids = {code: bd.get_node(database=database, code=code).id for code in background.shipped}
        scores = _multilca(bd, {code: {node: 1.0} for code, node in ids.items()})
    impacts: UnitImpacts = {}
    for code, record in background.shipped.items():
        impacts[code] = {
            indicator: (scores[(code, indicator)] if record.values[indicator] is not None else None)
            for indicator in INDICATOR_IDS
        }
    _check_not_stale(impacts, background)
    return impacts


def _check_not_stale(impacts: UnitImpacts, background: Background) -> None:
    """All scores zero while the data has values means Brightway read a stale database."""
    has_values = any(v for record in background.datasets.values() for v in record.values.values())
    all_zero = all(not v for values in impacts.values() for v in values.values())
    if has_values and all_zero:
        raise DataDirectoryError(
            "every Brightway score is zero although the background has values: the data "
            "directory's cache may be stale; run again with a fresh --data-dir"
        )


def unit_impacts(data_dir: DataDirectory, background: Background) -> tuple[UnitImpacts, bool]:
    """Unit impacts of every dataset for this data version, and whether the cache served them.

    Brightway computes them once per data version (cached). The open background
    is characterised, so each of its records states its unit impacts exactly:
    Brightway's score must equal the record (within its single precision), and
    the record's exact value is the one used.
    """
    name = f"unit-impacts-{background.version}.json"
    cached = data_dir.read_cache(name)
    hit = cached is not None and set(cached) == set(background.shipped)
    if not hit:
        cached = compute_unit_impacts(data_dir, background)
    for code, record in background.shipped.items():
        for indicator, value in record.values.items():
            computed = cached[code][indicator]
            if value is not None and abs(computed - value) > BRIGHTWAY_RTOL * max(
                abs(value), 1e-12
            ):
                raise ConsistencyError(
                    f"Brightway gives {computed!r} for one {record.unit} of {code}, {indicator}; "
                    f"the data file says {value!r}: the data directory may be stale"
                )
    if not hit:
        data_dir.write_cache(name, cached)
    return background.record_impacts(), hit


def foreground_key(inventory: Inventory, background: Background) -> str:
    """A hash of everything the foreground database is made of."""
    custom = [
        (key, sorted(background.datasets[key].values.items())) for key in sorted(background.custom)
    ]
    content = [
        (
            line.line_id,
            line.effect_order,
            line.role,
            line.tier,
            line.phase,
            line.scenario,
            line.dataset,
            repr(line.total),
        )
        for line in inventory.lines
    ]
    text = json.dumps([background.version, inventory.scenarios, custom, content])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def brightway_group_scores(
    data_dir: DataDirectory, inventory: Inventory, background: Background
) -> dict[str, dict[str, float]]:
    """Scores of the foreground's group activities, per indicator, from bw2calc."""
    from inventories.brightway import brightway, write_background, write_foreground

    key = foreground_key(inventory, background)
    with data_dir.locked(), brightway(data_dir) as bd:
        write_background(bd, background)
        name = write_foreground(bd, inventory, background, key)
        codes = [
            node["code"]
            for node in bd.Database(name)
            if node["code"] in ("gains", "net")
            or node["code"].startswith(("footprint/", "rebound/"))
        ]
        demands = {code: {bd.get_node(database=name, code=code).id: 1.0} for code in codes}
        scores = _multilca(bd, demands)
    return {code: {i: scores[(code, i)] for i in INDICATOR_IDS} for code in codes}


def check_against_brightway(
    line_scores: dict[str, dict[str, float]], brightway_scores: dict[str, dict[str, float]]
) -> float:
    """Raise when a group's score differs between the two routes; return the worst gap.

    The gap is relative to the largest part of the indicator, not to the score
    itself: a net benefit near zero is the difference of large parts, and carries
    their rounding.
    """
    worst = 0.0
    for indicator in {i for scores in brightway_scores.values() for i in scores}:
        scale = max(
            (
                abs(scores.get(indicator, 0.0))
                for scores in (*line_scores.values(), *brightway_scores.values())
            ),
            default=0.0,
        )
        if scale <= 1e-12:
            continue
        for group, scores in brightway_scores.items():
            value = scores[indicator]
            expected = line_scores.get(group, {}).get(indicator, 0.0)
            gap = abs(value - expected) / scale
            worst = max(worst, gap)
            if gap > BRIGHTWAY_RTOL:
                raise ConsistencyError(
                    f"Brightway gives {value:.9g} for {group}, {indicator}; the inventory lines "
                    f"give {expected:.9g} (gap {gap:.2e} of the largest part)"
                )
    return worst


def as_matrix(impacts: UnitImpacts, dataset_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unit impacts (datasets x indicators) with missing values as 0, and a mask of what exists."""
    values = np.zeros((len(dataset_ids), len(INDICATOR_IDS)))
    present = np.zeros_like(values, dtype=bool)
    for row, dataset in enumerate(dataset_ids):
        for column, indicator in enumerate(INDICATOR_IDS):
            value = impacts[dataset][indicator]
            if value is not None:
                values[row, column] = value
                present[row, column] = True
    return values, present


def brightway_net_benefits(
    data_dir: DataDirectory, model, iterations: int = 0, seed: int = 1
) -> dict[str, np.ndarray]:
    """Net benefit per scenario from bw2calc, on the project's stochastic database.

    Without ``iterations``: one deterministic MultiLCA (an array of one row).
    With it: bw2calc's own Monte Carlo, ``iterations`` rows, every uncertain
    exchange drawn independently (see :func:`inventories.brightway.write_stochastic`).
    """
    import bw2calc

    from inventories.brightway import brightway, method_key, write_stochastic

    name = f"twinlca-stochastic-{foreground_key(model.inventory, model.background)}"
    with data_dir.locked(), brightway(data_dir) as bd:
        roots = write_stochastic(bd, name, model)
        demands = {code: {bd.get_node(database=name, code=code).id: 1.0} for code in roots}
        config = {"impact_categories": [method_key(i) for i in INDICATOR_IDS]}
        data_objs = bd.get_multilca_data_objs(functional_units=demands, method_config=config)
        lca = bw2calc.MultiLCA(
            demands=demands,
            method_config=config,
            data_objs=data_objs,
            use_distributions=bool(iterations),
            seed_override=seed,
        )
        lca.lci()
        lca.lcia()
        rows = [dict(lca.scores)]
        for _ in range(iterations - 1):
            next(lca)
            rows.append(dict(lca.scores))
    return {
        code.removeprefix("net/"): np.array(
            [[row[(method_key(i), code)] for i in INDICATOR_IDS] for row in rows]
        )
        for code in roots
    }
