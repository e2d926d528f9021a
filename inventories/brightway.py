"""Writing twinlca's databases and methods into its own Brightway project.

Three kinds of database live in one Brightway project, ``twinlca``, under the
data directory's own ``BRIGHTWAY2_DIR``:

- ``twinlca-indicators``: one biosphere flow per indicator (open sources
  publish characterised figures, so each stands for a whole category);
- ``twinlca-background-<data version>``: one activity per dataset, whose
  biosphere exchanges are its characterised values;
- ``twinlca-foreground-<key>``: one activity per inventory line, grouped into
  activities per effect order (gains; footprint by tier and phase; rebound
  per scenario) and a root activity for the net effect.

Database names are made from hashes only, never from user text. Brightway is
imported here, inside functions, never at module import.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from inventories.background import Background
from inventories.build import Inventory
from lca.datadir import DataDirectory
from lca.indicators import INDICATORS

log = logging.getLogger(__name__)

PROJECT = "twinlca"
INDICATOR_DATABASE = "twinlca-indicators"


class _Chatter(io.TextIOBase):
    """A stream that passes what Brightway prints on to twinlca's debug log."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if text.strip():
            log.debug("brightway: %s", text.strip())
        return len(text)


@contextlib.contextmanager
def brightway(data_dir: DataDirectory) -> Iterator[Any]:
    """bw2data, pointed at twinlca's project in ``data_dir``, with stdout kept clean.

    A process that had bw2data pointed elsewhere (a user's own projects) gets
    its folder and project back on exit.
    """
    data_dir.prepare()
    saved_environment = {key: os.environ.get(key) for key in ("BRIGHTWAY2_DIR", "TQDM_DISABLE")}
    os.environ["BRIGHTWAY2_DIR"] = str(data_dir.brightway_dir)
    os.environ["TQDM_DISABLE"] = "1"
    with contextlib.redirect_stdout(_Chatter()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import bw2data

        projects = bw2data.projects
        previous = (Path(projects._base_data_dir), projects.current)
        if previous[0] != data_dir.brightway_dir:
            projects.change_base_directories(data_dir.brightway_dir, project_name=None)
        try:
            if PROJECT not in projects:
                projects.create_project(PROJECT)
            projects.set_current(PROJECT)
            yield bw2data
        finally:
            if previous[0] != data_dir.brightway_dir:
                projects.change_base_directories(previous[0], project_name=previous[1])
            for key, value in saved_environment.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def background_database(background: Background) -> str:
    """The Brightway database name of one data version."""
    return f"twinlca-background-{background.version}"


def method_key(indicator_id: str) -> tuple[str, ...]:
    """The Brightway method key of a twinlca indicator."""
    indicator = next(i for i in INDICATORS if i.id == indicator_id)
    return ("twinlca", *indicator.method)


def write_indicators(bd: Any) -> None:
    """The indicator flows and their methods (a factor of 1 each), when missing."""
    flows = {
        (INDICATOR_DATABASE, indicator.id): {
            "name": f"{indicator.label} (characterised)",
            "unit": indicator.unit,
            "type": "emission",
            "categories": ("twinlca indicators",),
            "comment": indicator.definition,
        }
        for indicator in INDICATORS
    }
    if INDICATOR_DATABASE not in bd.databases or len(bd.Database(INDICATOR_DATABASE)) != len(flows):
        bd.Database(INDICATOR_DATABASE).write(flows)
    for indicator in INDICATORS:
        method = bd.Method(method_key(indicator.id))
        if method.name not in bd.methods:
            method.register(unit=indicator.unit, description=indicator.definition)
            method.write([((INDICATOR_DATABASE, indicator.id), 1.0)])


def write_background(bd: Any, background: Background) -> str:
    """The background database of this data version, written once."""
    name = background_database(background)
    write_indicators(bd)
    if name in bd.databases and bd.databases[name].get("complete"):
        return name
    data = {(name, record.id): _activity(name, record) for record in background.shipped.values()}
    staging = f"{name}-staging"
    if staging in bd.databases:
        del bd.databases[staging]
    staged = bd.Database(staging)
    staged.write(
        {(staging, code): _relabel(content, name, staging) for (_, code), content in data.items()}
    )
    staged.rename(name)
    bd.databases[name] = {
        **bd.databases[name],
        "complete": True,
        "data_version": background.version,
    }
    # Foreground databases were processed against the old background's activity
    # ids: they go with it, and are rebuilt on demand.
    stale = [
        db
        for db in bd.databases
        if (db.startswith("twinlca-background-") and db != name)
        or db.startswith("twinlca-foreground-")
    ]
    for old in stale:
        del bd.databases[old]
    return name


def _activity(database: str, record) -> dict:
    """A characterised dataset as a Brightway activity: its values as biosphere exchanges."""
    exchanges = [{"input": (database, record.id), "amount": 1.0, "type": "production"}]
    exchanges += [
        {"input": (INDICATOR_DATABASE, indicator), "amount": value, "type": "biosphere"}
        for indicator, value in record.values.items()
        if value is not None
    ]
    return {
        "name": record.name,
        "unit": record.unit,
        "location": record.location,
        "type": "process",
        "comment": f"{record.source} ({record.reference_year}). {record.note}".strip(),
        "exchanges": exchanges,
    }


def _relabel(content: dict, name: str, staging: str) -> dict:
    exchanges = [
        {**exchange, "input": (staging, exchange["input"][1])}
        if exchange["input"][0] == name
        else exchange
        for exchange in content["exchanges"]
    ]
    return {**content, "exchanges": exchanges}


def write_foreground(bd: Any, inventory: Inventory, background: Background, key: str) -> str:
    """The foreground database of one inventory (written once per key); returns its name."""
    from lca.results import net_weight

    name = f"twinlca-foreground-{key}"
    bg = background_database(background)
    groups: dict[str, list[tuple[str, float]]] = {}
    data: dict[tuple[str, str], dict] = {
        (name, key): _activity(name, background.datasets[key]) for key in background.custom
    }
    for number, line in enumerate(inventory.lines):
        code = f"line-{number}"
        data[(name, code)] = {
            "name": line.line_id,
            "unit": "unit",
            "type": "process",
            "comment": f"{line.component}; {line.effect_order}-order effect, {line.role}",
            "exchanges": [
                {"input": (name, code), "amount": 1.0, "type": "production"},
                {
                    "input": (name if line.dataset in background.custom else bg, line.dataset),
                    "amount": line.total,
                    "type": "technosphere",
                },
            ],
        }
        orientation = line.sign if line.effect_order == "second" else -line.sign
        for group in group_names(line):
            groups.setdefault(group, []).append((code, float(orientation)))
    for group, members in groups.items():
        data[(name, group)] = {
            "name": _group_label(group),
            "unit": "unit",
            "type": "process",
            "exchanges": [{"input": (name, group), "amount": 1.0, "type": "production"}]
            + [
                {"input": (name, code), "amount": amount, "type": "technosphere"}
                for code, amount in members
            ],
        }
    data[(name, "net")] = {
        "name": "net effect of the twin: second-order minus first- and higher-order effects",
        "unit": "unit",
        "type": "process",
        "exchanges": [{"input": (name, "net"), "amount": 1.0, "type": "production"}]
        + [
            {
                "input": (name, group),
                "amount": net_weight(group, inventory.default_scenario),
                "type": "technosphere",
            }
            for group in groups
            if net_weight(group, inventory.default_scenario)
        ],
    }
    if name not in bd.databases or not bd.databases[name].get("complete"):
        bd.Database(name).write(data)
        bd.databases[name] = {**bd.databases[name], "complete": True}
    return name


def group_names(line) -> list[str]:
    """The group activities a line belongs to."""
    if line.effect_order == "second":
        return ["gains"]
    if line.effect_order == "first":
        return [f"footprint/{line.tier}/{line.phase}"]
    return [f"rebound/{line.scenario}"]


def _group_label(group: str) -> str:
    parts = group.split("/")
    if parts[0] == "gains":
        return "second-order effect: reductions enabled by the twin (gains)"
    if parts[0] == "footprint":
        return f"first-order effect: twin footprint, {parts[1]}, {parts[2]}"
    return f"higher-order effect: rebound, scenario {parts[1]}"


def write_stochastic(bd: Any, name: str, model: Any) -> list[str]:
    """A self-contained database of one project with its uncertainty on the exchanges.

    For Brightway's own Monte Carlo (which draws each exchange independently):
    the datasets the project uses, their biosphere exchanges carrying the
    records' distributions; one activity per inventory line, whose exchange
    carries the distribution of the single input its amount is proportional to
    (else its central amount); and a root per rebound scenario, ``net/<name>``,
    whose score is the net benefit. Returns the roots' codes.
    """
    write_indicators(bd)
    if name in bd.databases and bd.databases[name].get("complete"):
        return [f"net/{scenario}" for scenario in model.inventory.scenarios]
    line_distributions, _ = model.exchange_distributions()
    dataset_distributions = model.dataset_distributions()
    totals = model.line_totals(model.central_values())[0]
    data: dict[tuple[str, str], dict] = {}
    for dataset in model.datasets:
        record = model.background.datasets[dataset]
        activity = _activity(name, record)
        for exchange in activity["exchanges"]:
            if exchange["type"] == "biosphere":
                indicator = exchange["input"][1]
                exchange.update(dataset_distributions.get(dataset, {}).get(indicator, {}))
        data[(name, dataset)] = activity
    for number, (line, total, distribution) in enumerate(
        zip(model.inventory.lines, totals, line_distributions, strict=True)
    ):
        data[(name, f"line-{number}")] = {
            "name": line.line_id,
            "unit": "unit",
            "type": "process",
            "exchanges": [
                {"input": (name, f"line-{number}"), "amount": 1.0, "type": "production"},
                {
                    "input": (name, line.dataset),
                    "amount": float(total),
                    "type": "technosphere",
                    **(distribution or {}),
                },
            ],
        }
    roots = []
    for scenario in model.inventory.scenarios:
        code = f"net/{scenario}"
        roots.append(code)
        members = [
            {"input": (name, f"line-{number}"), "amount": float(line.sign), "type": "technosphere"}
            for number, line in enumerate(model.inventory.lines)
            if line.effect_order != "higher" or line.scenario == scenario
        ]
        data[(name, code)] = {
            "name": f"net benefit, rebound scenario {scenario}",
            "unit": "unit",
            "type": "process",
            "exchanges": [{"input": (name, code), "amount": 1.0, "type": "production"}, *members],
        }
    bd.Database(name).write(data)
    bd.databases[name] = {**bd.databases[name], "complete": True}
    return roots
