"""The consequence tree of ITU-T L.1480, built from the model, not written by hand.

One node per effect order, then per opportunity and lever (second order), per
tier and component (first order), per rebound scenario and kind (higher
order). A node is quantified (its value per indicator, positive when it adds
impact) or described only, with the reason it is not counted.
"""

from __future__ import annotations

from inventories.lines import TIERS
from lca.indicators import INDICATOR_IDS
from lca.results import Evaluation

REBOUND_KINDS = {
    "direct": "a fraction of each energy gain taken back",
    "respending": "money saved re-spent",
    "output": "extra units made or sold, a faster time-to-market",
    "induction": "extra use the twin enables: more data, more devices",
    "reinvestment": "savings invested in a measure that avoids impact",
}


def _node(
    name: str, order: str, rows, evaluation: Evaluation, children: list | None = None
) -> dict:
    values = {
        indicator: float(-evaluation.values[rows, column].sum())
        if order == "second"
        else float(evaluation.values[rows, column].sum())
        for column, indicator in enumerate(INDICATOR_IDS)
    }
    climate = values["climate_change"]
    return {
        "name": name,
        "effect_order": order,
        "status": "quantified",
        "direction": "adds impact" if climate > 0 else "reduces impact" if climate < 0 else "none",
        "impact": values,
        "children": children or [],
    }


def _described(name: str, order: str, reason: str) -> dict:
    return {
        "name": name,
        "effect_order": order,
        "status": "described only",
        "reason": reason,
        "children": [],
    }


def _kind(line_id: str) -> str:
    parts = line_id.split("/")
    return parts[2] if len(parts) > 2 else "other"


def consequence_tree(evaluation: Evaluation) -> dict:
    """The tree of the twin's effects; impacts are oriented so that positive adds impact."""
    frame = evaluation.lines
    order = frame["effect_order"].to_numpy()
    second = []
    for source in dict.fromkeys(frame.loc[order == "second", "source"]):
        rows = (order == "second") & (frame["source"] == source).to_numpy()
        levers = [
            _node(lever, "second", rows & (frame["lever"] == lever).to_numpy(), evaluation)
            for lever in dict.fromkeys(frame.loc[rows, "lever"])
        ]
        second.append(_node(source, "second", rows, evaluation, levers))
    first = []
    for tier in TIERS:
        rows = (order == "first") & (frame["tier"] == tier).to_numpy()
        if not rows.any():
            first.append(_described(tier, "first", "no item of the twin's IT in this tier"))
            continue
        components = [
            _node(source, "first", rows & (frame["source"] == source).to_numpy(), evaluation)
            for source in dict.fromkeys(frame.loc[rows, "source"])
        ]
        first.append(_node(tier, "first", rows, evaluation, components))
    higher = []
    for scenario in evaluation.inventory.scenarios:
        rows = (order == "higher") & (frame["scenario"] == scenario).to_numpy()
        kinds = {_kind(line_id) for line_id in frame.loc[rows, "line_id"]}
        children = [
            _node(
                kind,
                "higher",
                rows & frame["line_id"].str.startswith(f"rebound/{scenario}/{kind}").to_numpy(),
                evaluation,
            )
            if kind in kinds
            else _described(
                kind,
                "higher",
                f"not quantified in this scenario: {reason} (rebound.{scenario}.{kind})",
            )
            for kind, reason in REBOUND_KINDS.items()
        ]
        label = (
            f"{scenario} (central case)"
            if scenario == evaluation.inventory.default_scenario
            else scenario
        )
        higher.append(_node(label, "higher", rows, evaluation, children))
    return {
        "name": "the twin",
        "status": "quantified",
        "children": [
            _node(
                "second-order effect: reductions enabled",
                "second",
                order == "second",
                evaluation,
                second,
            ),
            _node(
                "first-order effect: the twin's own footprint",
                "first",
                order == "first",
                evaluation,
                first,
            ),
            {
                "name": "higher-order effect: rebound and induction",
                "effect_order": "higher",
                "status": "quantified",
                "children": higher,
            },
        ],
    }
