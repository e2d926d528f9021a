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
from lca.units import to_pint
from reports.i18n import DEFAULT_LANGUAGE, Messages, messages_for
from reports.numbers import net_is_meaningful, uncertainty_digits
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


def verdict(document: dict, messages: Messages | None = None, driver: str = "") -> str:
    """One sentence on the climate result, with its main caveat.

    With Monte Carlo: the 90 % interval, the probability of a net benefit and
    ``driver``, the input that explains most of the variance.
    """
    messages = messages or messages_for()
    climate = next(e for e in document["indicators"] if e["id"] == "climate_change")
    net = climate["net_benefit"]
    digits = uncertainty_digits(climate)
    footprint_share = (
        climate["footprint"]["total"] / climate["gains"] if climate["gains"] else float("inf")
    )
    if net > 0:
        sentence = messages(
            "summary.verdict_lower",
            net=messages.quantity(net, climate["unit"], digits),
            share=messages.percent(min(footprint_share, 1.0)),
        )
    else:
        sentence = messages(
            "summary.verdict_raise", net=messages.quantity(-net, climate["unit"], digits)
        )
    electricity = messages.term("electricity", document["electricity"])
    statistics = climate.get("uncertainty")
    if statistics is None:
        return sentence + messages("summary.verdict_caveat", electricity=electricity)
    caveat = messages(
        "summary.verdict_caveat_mc",
        electricity=electricity,
        probability=messages.percent(statistics["prob_net_benefit_positive"]),
        low=messages.number(statistics["p05"], digits),
        high=messages.quantity(statistics["p95"], climate["unit"], digits),
    )
    if driver:
        caveat += messages("summary.verdict_driver", driver=driver)
    return sentence + caveat + "."


def _interval(entry: dict, messages: Messages) -> str:
    """The 90 % interval of a net benefit, rounded as the net benefit is."""
    if not net_is_meaningful(entry):
        return messages("summary.not_available")
    statistics, digits = entry["uncertainty"], uncertainty_digits(entry)
    return messages(
        "summary.interval_value",
        low=messages.number(statistics["p05"], digits),
        high=messages.quantity(statistics["p95"], entry["unit"], digits),
    )


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


def _amount(value: float, unit: str, messages: Messages) -> str:
    """A value with its unit as a reader writes it: none for a pure number, "/year" for 1/year."""
    unit = {"dimensionless": "", "1/year": "/year"}.get(unit, unit)
    return messages.number(value) if not unit else messages.quantity(value, unit)


def _uncertainty_text(spec, unit: str, messages: Messages) -> str:
    """A distribution in words, its bounds in ``unit``."""
    if spec is None or spec.distribution == "none":
        return messages("inventory.no_uncertainty")
    if spec.distribution in ("triangular", "uniform"):
        return messages(
            f"inventory.{spec.distribution}",
            low=messages.number(spec.min),
            high=_amount(spec.max, unit, messages),
        )
    if spec.distribution == "lognormal":
        return messages("inventory.lognormal", gsd=messages.plain(spec.gsd))
    return messages("inventory.normal", sd=_amount(spec.sd, unit, messages))


def inventory_tables(assessment: Assessment, messages: Messages) -> dict[str, list[dict]]:
    """What the inventory rests on: the user's inputs, the defaults used, the datasets used."""
    from lca.montecarlo import project_quantities

    background = assessment.background
    inputs = [
        {
            "path": path,
            "value": _amount(quantity.value, quantity.unit, messages),
            "uncertainty": _uncertainty_text(quantity.uncertainty, quantity.unit, messages),
        }
        for path, quantity in project_quantities(assessment.project)
    ]
    defaults = []
    for key in assessment.inventory.parameters:
        record = background.parameters[key]
        defaults.append(
            {
                "id": key,
                "value": _amount(record.value, record.unit, messages),
                "uncertainty": _uncertainty_text(record.uncertainty, record.unit, messages),
                "source": record.source,
                "year": record.reference_year,
            }
        )
    datasets = []
    for key in sorted({line.dataset for line in assessment.inventory.lines}):
        record = background.datasets[key]
        unit = f"kg CO2-eq/{to_pint(record.unit)}"
        datasets.append(
            {
                "id": key,
                "uncertainty": _uncertainty_text(record.uncertainty, unit, messages),
                "source": record.source,
                "year": record.reference_year,
            }
        )
    return {"inputs": inputs, "defaults": defaults, "datasets": datasets}


def _sensitivity(assessment: Assessment):
    return assessment.uncertainty.sensitivity if assessment.uncertainty else None


def report_fields(assessment: Assessment, command: str, lang: str = DEFAULT_LANGUAGE) -> dict:
    """The report's own fields, added to results.json in the JSON report."""
    sensitivity = _sensitivity(assessment)
    driver = sensitivity.rows[0]["label"] if sensitivity else ""
    return {
        "language": lang,
        "verdict": verdict(assessment.document(), messages_for(lang), driver),
        "command": command,
        "sensitivity": sensitivity.document() if sensitivity else None,
    }


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
    sensitivity = _sensitivity(assessment)
    driver = f"`{sensitivity.rows[0]['label']}`" if sensitivity else ""
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
                messages.quantity(entry["net_benefit"], entry["unit"], uncertainty_digits(entry))
                if net_is_meaningful(entry)
                else messages("summary.not_available")
            ),
            interval=lambda entry: _interval(entry, messages),
            probability=lambda entry: (
                messages.percent(entry["uncertainty"]["prob_net_benefit_positive"])
                if net_is_meaningful(entry)
                else messages("summary.not_available")
            ),
            digits=uncertainty_digits,
            meaningful=net_is_meaningful,
            mc=document["monte_carlo"],
            sensitivity=sensitivity,
            comparison=assessment.comparison,
            tiers=TIERS,
            period=messages.period(document["study_period_years"]),
            verdict=verdict(document, messages, driver),
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
            **inventory_tables(assessment, messages),
            tier_phase=tier_phase_table(assessment),
            phases=PHASES,
            climate_unit=climate["unit"],
            tree=consequence_tree(document, messages),
            command=command,
            notes=assessment.project.notes,
        )
    )
