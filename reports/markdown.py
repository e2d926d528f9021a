"""The Markdown report: a first short report in the structure of ITU-T L.1480.

Every word the report writes comes from the language's message catalogue
(``reports/locales``, see :mod:`reports.i18n`); names from the project file, the
model's warnings and the names of inventory components are shown as they are.
"""

from __future__ import annotations

import re

import jinja2

from inventories.countries import country_names
from inventories.lines import PHASES, TIERS
from lca.assessment import Assessment
from lca.indicators import INDICATORS
from reports.i18n import DEFAULT_LANGUAGE, Messages, messages_for
from reports.numbers import net_is_meaningful
from reports.tables import break_even_sentence, trajectory_sentence

_SPACES = re.compile(r"[^\S\u00a0\u202f]+")

#: How the model words a consequence it names but does not count in a rebound scenario.
_NOT_QUANTIFIED = re.compile(
    r"not quantified in this scenario: (?P<reason>.*) \((?P<path>[^()]*)\)"
)


def markdown_text(value: object) -> str:
    """User text made inert in Markdown: no HTML, no table breaks, on one line.

    Line breaks and runs of spaces become one space; no-break spaces stay.
    """
    text = _SPACES.sub(" ", str(value)).strip()
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(raw, escaped)
    return text


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["text"] = markdown_text
    environment.filters["first_upper"] = _first_upper
    return environment


def verdict(document: dict, messages: Messages | None = None) -> str:
    """One sentence on the climate result, with its main caveat."""
    messages = messages or messages_for()
    climate = next(e for e in document["indicators"] if e["id"] == "climate_change")
    net = climate["net_benefit"]
    footprint_share = (
        climate["footprint"]["total"] / climate["gains"] if climate["gains"] else float("inf")
    )
    if net > 0:
        sentence = messages(
            "summary.verdict_lower",
            net=messages.quantity(net, climate["unit"]),
            share=messages.percent(min(footprint_share, 1.0)),
        )
    else:
        sentence = messages("summary.verdict_raise", net=messages.quantity(-net, climate["unit"]))
    electricity = messages.term("electricity", document["electricity"])
    return sentence + messages("summary.verdict_caveat", electricity=electricity)


def consequence_tree(document: dict, messages: Messages) -> dict:
    """The model's consequence tree with the model's own terms in the report's language.

    The names of effect orders, tiers and rebound kinds, and the reasons a
    consequence is not counted, are translated; opportunities, levers,
    components and scenarios keep the names the project gives them.
    """
    central = f"{document['default_scenario']} (central case)"

    def translated(node: dict, depth: int) -> dict:
        name, order = node["name"], node.get("effect_order")
        if depth == 1:
            name = messages.term("tree", name)
        elif depth == 2 and order == "first":
            name = messages.term("tier", name)
        elif depth == 2 and order == "higher" and name == central:
            name = f"{document['default_scenario']} ({messages('rebound.central_case')})"
        elif depth == 3 and order == "higher":
            name = messages.term("rebound_kind", name)
        result = {**node, "name": name}
        if "reason" in node:
            result["reason"] = _reason(node["reason"], messages)
        result["children"] = [translated(child, depth + 1) for child in node["children"]]
        return result

    return translated(document["consequence_tree"], 0)


def _reason(reason: str, messages: Messages) -> str:
    """Why the model does not count a consequence, in the report's language when known."""
    match = _NOT_QUANTIFIED.fullmatch(reason)
    if match:
        return messages(
            "rebound.not_quantified",
            reason=messages.term("reason", match["reason"]),
            path=match["path"],
        )
    return messages.term("reason", reason)


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


def markdown_report(assessment: Assessment, command: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The report as Markdown text, in the language ``lang`` ("en", "fr")."""
    messages = messages_for(lang)
    document = assessment.document()
    background = assessment.background
    climate = next(e for e in document["indicators"] if e["id"] == "climate_change")
    label = {indicator.id: messages(f"indicator.{indicator.id}") for indicator in INDICATORS}
    lines = [
        {
            "effect_order": line.effect_order,
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
    code = assessment.project.country
    return (
        _environment()
        .get_template("report.md.j2")
        .render(
            doc=document,
            t=messages,
            term=messages.term,
            unit=messages.unit,
            label=label,
            fmt=messages.quantity,
            pct=messages.percent,
            plain=messages.plain,
            fixed=messages.fixed,
            scientific=messages.scientific,
            partial=lambda share: "†" if share < 1 else "",
            net=lambda entry: (
                messages.quantity(entry["net_benefit"], entry["unit"])
                if net_is_meaningful(entry)
                else messages("summary.not_available")
            ),
            period=messages.period(document["study_period_years"]),
            verdict=verdict(document, messages),
            break_even=break_even_sentence(document, messages),
            trajectory=(
                trajectory_sentence(document["trajectory"], messages)
                if document["trajectory"]
                else ""
            ),
            description=assessment.project.description or assessment.project.name,
            country=messages.term("country", code, country_names().get(code, code)),
            indicator_list=", ".join(
                messages(
                    "scope.indicator_item", indicator=label[e["id"]], unit=messages.unit(e["unit"])
                )
                for e in document["indicators"]
            ),
            lines=lines,
            tier_phase=tier_phase_table(assessment),
            phases=PHASES,
            climate_unit=climate["unit"],
            tree=consequence_tree(document, messages),
            command=command,
            notes=[],
        )
    )
