"""The Markdown report: a first short report in the structure of ITU-T L.1480."""

from __future__ import annotations

import jinja2

from inventories.countries import country_names
from inventories.lines import PHASES, TIERS
from lca.assessment import Assessment
from lca.indicators import INDICATORS
from reports.numbers import net_is_meaningful, percent, with_unit
from reports.tables import break_even_sentence, trajectory_sentence


def markdown_text(value: object) -> str:
    """User text made inert in Markdown: no HTML, no table breaks, on one line."""
    text = " ".join(str(value).split())
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, escaped)
    return text


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["text"] = markdown_text
    return environment


def verdict(document: dict) -> str:
    """One sentence on the climate result, with its main caveat."""
    climate = next(e for e in document["indicators"] if e["id"] == "climate_change")
    net = climate["net_benefit"]
    footprint_share = (
        climate["footprint"]["total"] / climate["gains"] if climate["gains"] else float("inf")
    )
    if net > 0:
        sentence = (
            f"The twin lowers greenhouse-gas emissions by {with_unit(net, climate['unit'])} "
            f"over the study period; its own footprint takes back "
            f"{percent(min(footprint_share, 1.0))} of its gains"
        )
    else:
        sentence = (
            f"The twin raises greenhouse-gas emissions by {with_unit(-net, climate['unit'])} "
            "over the study period: its footprint and rebound exceed its gains"
        )
    return (
        sentence
        + f", under the {document['electricity']} electricity factors; the result rests on "
        "the lever values given and on deterministic figures whose uncertainty is not "
        "propagated in this report."
    )


def tier_phase_table(assessment: Assessment) -> dict[str, dict[str, float]]:
    """The first-order effect on climate change, by tier and phase, with tier totals."""
    frame = assessment.evaluation.lines
    table = {}
    for tier in TIERS:
        row = {}
        for phase in PHASES:
            mask = ((frame["tier"] == tier) & (frame["phase"] == phase)).to_numpy()
            row[phase] = float(assessment.evaluation.values[mask, 0].sum())
        row["total"] = sum(row.values())
        table[tier] = row
    return table


def markdown_report(assessment: Assessment, command: str) -> str:
    """The report as Markdown text."""
    document = assessment.document()
    background = assessment.background
    climate = next(e for e in document["indicators"] if e["id"] == "climate_change")
    tier_phase = tier_phase_table(assessment)
    lines = [
        {
            "effect_order": f"{line.effect_order}-order",
            "tier": line.tier,
            "phase": line.phase,
            "component": line.component,
            "dataset": line.dataset,
            "amount": line.total,
            "unit": background.datasets[line.dataset].unit,
        }
        for line in assessment.inventory.lines
        if line.effect_order != "higher" or line.scenario == document["default_scenario"]
    ]
    return (
        _environment()
        .get_template("report.md.j2")
        .render(
            doc=document,
            label={indicator.id: indicator.label for indicator in INDICATORS},
            fmt=with_unit,
            pct=percent,
            partial=lambda share: "†" if share < 1 else "",
            net=lambda entry: (
                with_unit(entry["net_benefit"], entry["unit"])
                if net_is_meaningful(entry)
                else "n/a"
            ),
            verdict=verdict(document),
            break_even=break_even_sentence(document),
            trajectory_sentence=trajectory_sentence,
            description=assessment.project.description or assessment.project.name,
            country=country_names().get(assessment.project.country, assessment.project.country),
            lines=lines,
            tier_phase=tier_phase,
            phases=PHASES,
            climate_unit=climate["unit"],
            command=command,
            notes=[],
        )
    )
