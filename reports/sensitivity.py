"""The sensitivity ranking as a table on the terminal and as CSV."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console
from rich.table import Table

from lca.indicators import INDICATORS
from lca.sensitivity import Sensitivity
from reports.numbers import significant

#: Rows printed on the terminal; the files hold every input.
SHOWN = 15


def sensitivity_csv(result: Sensitivity) -> str:
    """One row per input, ranked, with its distribution flattened into columns."""
    rows = []
    for row in result.rows:
        flat = {key: value for key, value in row.items() if key != "distribution"}
        flat.update({f"distribution_{k}": v for k, v in row["distribution"].items()})
        rows.append(flat)
    frame = pd.DataFrame(rows)
    first = ["rank", "id", "kind", "label", "central", "unit"]
    frame = frame[first + [column for column in frame.columns if column not in first]]
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return "\ufeff" + buffer.getvalue()


def _index(value: float, confidence: float) -> str:
    """A Sobol index and its 95 % confidence half-width; estimates below zero read as 0."""
    return f"{max(value, 0.0):.2f}±{confidence:.2f}"


def print_sensitivity(result: Sensitivity, console: Console) -> None:
    """The most influential inputs, their indices and their one-at-a-time swing."""
    unit = next(i.unit for i in INDICATORS if i.id == result.indicator)
    sobol = result.method == "sobol"
    table = Table(
        title=f"What drives the net benefit ({result.indicator}, scenario {result.scenario}): "
        + (
            f"Sobol indices, {result.evaluations} evaluations"
            if sobol
            else f"Morris screening, {result.evaluations} evaluations"
        ),
        title_justify="left",
    )
    table.add_column("#", justify="right")
    table.add_column("Input", overflow="fold", ratio=3)
    if sobol:
        table.add_column("S1 alone", justify="right")
        table.add_column("ST total", justify="right")
    else:
        table.add_column(f"mu* ({unit})", justify="right")
    table.add_column(f"Net, input at p05 / p95 ({unit})", justify="right", ratio=2)
    for row in result.rows[:SHOWN]:
        cells = [str(row["rank"]), f"{row['label']} [dim]({row['kind']})[/dim]"]
        if sobol:
            cells += [_index(row["S1"], row["S1_conf"]), _index(row["ST"], row["ST_conf"])]
        else:
            cells.append(significant(row["mu_star"]))
        cells.append(
            f"{significant(row['net_at_input_p05'])} / {significant(row['net_at_input_p95'])}"
        )
        table.add_row(*cells)
    console.print(table)
    hidden = len(result.rows) - SHOWN
    console.print(
        f"Net benefit with every input central: {significant(result.central_net)} {unit}."
        + (f" {hidden} more inputs in the files." if hidden > 0 else "")
        + (
            " S1: share of the variance an input explains alone; ST: with its interactions."
            if sobol
            else " mu*: mean size of an input's effect between its 5th and 95th percentiles."
        )
    )
