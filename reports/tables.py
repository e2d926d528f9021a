"""The summary table printed by ``twinlca run``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from inventories.lines import TIERS
from reports.i18n import Messages, messages_for
from reports.numbers import net_is_meaningful, percent, significant, uncertainty_digits

#: Marks a value that rests partly on datasets without a value for the indicator.
PARTIAL = "†"

#: Column headings short enough for an 80-column terminal.
_HEADERS = {
    "climate_change": "climate\nchange",
    "water": "water",
    "resources_minerals_metals": "minerals,\nmetals",
    "resources_fossil": "fossil\nresources",
}


def _cell(value: float, coverage: float, digits: int = 3) -> str:
    return significant(value, digits) + (PARTIAL if coverage < 1 else "")


def break_even_sentence(document: dict, messages: Messages | None = None) -> str:
    """When the twin's cumulative climate benefit turns positive, in words."""
    messages = messages or messages_for()
    months = document["break_even_months"]
    changes = document["sign_changes_months"]
    if months is None:
        return messages("summary.break_even_never")
    text = (
        messages("summary.break_even_at_once")
        if months == 0
        else messages("summary.break_even_after", months=messages.fixed(months, 1))
    )
    if len(changes) > 1:
        text += messages(
            "summary.sign_changes",
            months=messages.join([messages.fixed(month, 1) for month in changes]),
        )
    return text + "."


def trajectory_sentence(trajectory: dict, messages: Messages | None = None) -> str:
    """The ITU-T L.1480 label of the last study year, with its figures."""
    messages = messages or messages_for()
    return messages(
        "summary.trajectory",
        with_twin=messages.quantity(trajectory["with_twin"][-1], "kg CO2-eq"),
        without_twin=messages.number(trajectory["without_twin"][-1]),
        today=messages.number(trajectory["emissions_today"]),
        label=messages.term("trajectory", trajectory["label"]),
    )


def net_cell(entry: dict) -> str:
    """The net benefit, or "n/a" when the gains or the footprint rest on no data at all."""
    if not net_is_meaningful(entry):
        return "n/a"
    coverage = min(entry["coverage"].values())
    return _cell(entry["net_benefit"], coverage, uncertainty_digits(entry))


def _interval_cell(entry: dict) -> str:
    """The 5th to 95th percentile of a net benefit, at the net benefit's precision."""
    if not net_is_meaningful(entry):
        return "n/a"
    statistics, digits = entry["uncertainty"], uncertainty_digits(entry)
    return f"{significant(statistics['p05'], digits)}–{significant(statistics['p95'], digits)}"


def summary_table(document: dict) -> Table:
    """One row per part of the net effect, one column per indicator."""
    table = Table(
        title=(
            f"{document['project']}\nnet effect over "
            f"{messages_for().period(document['study_period_years'])}: "
            f"architecture {document['architecture']}, rebound scenario "
            f"{document['default_scenario']}, {document['electricity']} electricity"
        ),
        title_justify="left",
    )
    indicators = document["indicators"]
    table.add_column("")
    for entry in indicators:
        table.add_column(
            f"{_HEADERS.get(entry['id'], entry['id'])}\n({entry['unit']})",
            justify="right",
            no_wrap=True,
        )
    rows = [
        ("Gains, 2nd order", lambda e: _cell(e["gains"], e["coverage"]["gains"])),
        (
            "Footprint, 1st order",
            lambda e: _cell(e["footprint"]["total"], e["coverage"]["footprint"]),
        ),
    ]
    rows += [
        (f"  {tier}", lambda e, t=tier: _cell(e["footprint"][t], e["coverage"]["footprint"]))
        for tier in TIERS
    ]
    rows += [("Rebound, higher order", lambda e: _cell(e["rebound"], e["coverage"]["rebound"]))]
    for label, cell in rows:
        table.add_row(label, *(cell(entry) for entry in indicators))
    table.add_section()
    table.add_row("[bold]Net benefit[/]", *(f"[bold]{net_cell(entry)}[/]" for entry in indicators))
    if indicators[0]["uncertainty"] is not None:
        table.add_row("  p05–p95", *(_interval_cell(entry) for entry in indicators))
        table.add_row(
            "  P(net benefit > 0)",
            *(
                percent(entry["uncertainty"]["prob_net_benefit_positive"])
                if net_is_meaningful(entry)
                else "n/a"
                for entry in indicators
            ),
        )
    table.add_row(
        "Coverage gains/footp.",
        *(
            f"{percent(e['coverage']['gains'])}/{percent(e['coverage']['footprint'])}"
            for e in indicators
        ),
    )
    return table


def print_summary(document: dict, console: Console) -> None:
    """The table, the other scenarios' net benefit, and the warnings."""
    console.print(summary_table(document))
    console.print(
        f"{PARTIAL} rests partly on datasets without a value for the indicator (missing is "
        "not zero: they add nothing); see 'missing' in results.json. n/a: the gains or the "
        "footprint have no data at all for that indicator."
    )
    statistics = document["indicators"][0]["uncertainty"]
    if statistics is not None:
        console.print(
            f"Net benefit: central value; 90 % interval (5th to 95th percentile) and "
            f"probability from {statistics['iterations']} Monte Carlo iterations, seed "
            f"{statistics['seed']} (mean and median in results.json).",
            highlight=False,
        )
    console.print(break_even_sentence(document), highlight=False)
    energy = document["energy"]
    console.print(
        f"Energy: net {significant(energy['final_kwh']['net'])} kWh final, "
        f"{significant(energy['primary_kwh']['net'])} kWh primary (electricity at "
        f"{energy['primary_energy_factor_electricity']:g} kWh primary per kWh; "
        f"{energy['scope']}).",
        highlight=False,
    )
    if document["trajectory"] is not None:
        console.print(trajectory_sentence(document["trajectory"]), highlight=False)
    others = [name for name in document["scenarios"] if name != document["default_scenario"]]
    for name in others:
        climate = document["scenarios"][name]["climate_change"]
        interval = (
            f", 90 % interval {_interval_cell(climate)}"
            if climate["uncertainty"] is not None
            else ""
        )
        console.print(
            f"Rebound scenario [bold]{name}[/]: net climate benefit "
            f"{significant(climate['net_benefit'])} {climate['unit']} "
            f"(rebound {significant(climate['rebound'])}{interval})",
            highlight=False,
        )
    alternative = document["electricity_alternative"]
    if alternative["available"]:
        climate = alternative["indicators"]["climate_change"]
        console.print(
            f"With [bold]{alternative['electricity']}[/] electricity instead: net climate benefit "
            f"{significant(climate['net_benefit'])} kg CO2-eq "
            f"(gains {significant(climate['gains'])})",
            highlight=False,
        )
    else:
        console.print(
            f"With {alternative['electricity']} electricity: not computed ({alternative['reason']})"
        )
    for assumption in document["assumptions"]:
        console.print(f"[yellow]Assumption:[/] {assumption}", highlight=False)
    for warning in document["warnings"]:
        console.print(f"[yellow]Warning:[/] {warning}", highlight=False)
