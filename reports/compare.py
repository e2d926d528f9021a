"""Writers for `twinlca compare`: a table, JSON and a tidy CSV."""

from __future__ import annotations

import io

import pandas as pd
from rich.console import Console
from rich.table import Table

from inventories.lines import PHASES, TIERS
from reports.numbers import net_is_meaningful, significant


def compare_frame(comparison: dict) -> pd.DataFrame:
    """One row per architecture, indicator, tier and phase of the footprint, plus net rows."""
    rows = []
    for architecture, indicators in comparison["architectures"].items():
        for indicator, result in indicators.items():
            for tier in TIERS:
                for phase in PHASES:
                    rows.append(
                        (
                            architecture,
                            indicator,
                            result["unit"],
                            "footprint",
                            tier,
                            phase,
                            result["footprint_by_tier_and_phase"][tier][phase],
                        )
                    )
            rows.append(
                (
                    architecture,
                    indicator,
                    result["unit"],
                    "net_benefit",
                    "",
                    "",
                    result["net_benefit"],
                )
            )
    return pd.DataFrame(
        rows, columns=["architecture", "indicator", "unit", "quantity", "tier", "phase", "value"]
    )


def compare_csv(comparison: dict) -> str:
    """The tidy CSV (UTF-8 with a byte-order mark for spreadsheets)."""
    buffer = io.StringIO()
    compare_frame(comparison).to_csv(buffer, index=False, lineterminator="\n")
    return "\ufeff" + buffer.getvalue()


def _net(result: dict) -> str:
    return significant(result["net_benefit"]) if net_is_meaningful(result) else "n/a"


def print_comparison(comparison: dict, console: Console) -> None:
    """Footprint by tier and net benefit per architecture, the lower one, the crossovers."""
    architectures = list(comparison["architectures"])
    for indicator, lower in comparison["lower_footprint"].items():
        unit = comparison["architectures"][architectures[0]][indicator]["unit"]
        table = Table(title=f"{indicator.replace('_', ' ')} ({unit})", title_justify="left")
        table.add_column("")
        for name in architectures:
            mark = (
                " (lower)"
                if comparison["lower_footprint_complete_data"][indicator]
                else " (lower†)"
            )
            lowest = name == lower and len(architectures) > 1
            table.add_column(name + (mark if lowest else ""), justify="right")
        for tier in TIERS:
            table.add_row(
                f"footprint, {tier}",
                *(
                    significant(comparison["architectures"][n][indicator]["footprint"][tier])
                    for n in architectures
                ),
            )
        table.add_row(
            "footprint, total",
            *(
                significant(comparison["architectures"][n][indicator]["footprint"]["total"])
                for n in architectures
            ),
        )
        table.add_row(
            "[bold]net benefit[/]",
            *(f"[bold]{_net(comparison['architectures'][n][indicator])}[/]" for n in architectures),
        )
        console.print(table)
        if not comparison["lower_footprint_complete_data"][indicator]:
            console.print(
                "  † some datasets lack this indicator: the ranking rests on partial data"
            )
        for driver, crossover in comparison["crossover"].get(indicator, {}).items():
            console.print(
                f"  crossover in {driver} (0.1x to 10x): {crossover['summary']}", highlight=False
            )
