"""The HTML report: the Markdown report's content, self-contained, with inline SVG charts."""

from __future__ import annotations

import html

import markdown

from lca.assessment import Assessment
from reports.charts import (
    architectures,
    cumulative,
    distribution,
    tier_phase_bars,
    tornado,
    waterfall,
)
from reports.i18n import DEFAULT_LANGUAGE, messages_for
from reports.markdown import markdown_report, tier_phase_table

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem;
       line-height: 1.45; color: #1b1b1b; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.92rem; display: block;
        overflow-x: auto; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; }
th { background: #f1f3f4; }
svg { max-width: 100%; height: auto; }
figure { margin: 1rem 0; }
@page { size: A4; margin: 1.5cm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  table { display: table; font-size: 7.5pt; width: 100%; table-layout: fixed; }
  th, td { padding: 0.15rem 0.3rem; overflow-wrap: anywhere; hyphens: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  td code { word-break: break-all; font-size: 7pt; }
  figure { break-inside: avoid; }
}
"""


def html_report(
    assessment: Assessment,
    command: str,
    lang: str = DEFAULT_LANGUAGE,
    markdown_text: str | None = None,
) -> str:
    """One self-contained HTML document: text, tables and charts, nothing fetched.

    ``markdown_text`` is the Markdown report of the same assessment and language,
    when the caller has it already.
    """
    messages = messages_for(lang)
    document = assessment.document()
    climate = document["indicators"][0]
    timeline = document["time_profile"]["climate_change"]
    text = (
        markdown_text if markdown_text is not None else markdown_report(assessment, command, lang)
    )
    body = markdown.markdown(text, extensions=["tables"])
    tier_phase = tier_phase_table(assessment)
    charts = (
        f"<figure>{waterfall(climate, messages)}</figure>"
        f"<figure>{tier_phase_bars(tier_phase, climate['unit'], messages)}</figure>"
        f"<figure>{cumulative(timeline, document['break_even_months'], climate['unit'], messages)}"
        "</figure>"
    )
    if assessment.uncertainty is not None:
        samples = assessment.uncertainty.result.nets[document["default_scenario"]][:, 0]
        charts += (
            f"<figure>{distribution(samples, climate['uncertainty'], climate['unit'], messages)}"
            "</figure>"
        )
        ranking = assessment.uncertainty.sensitivity
        if ranking is not None:
            charts += (
                f"<figure>{tornado(ranking.rows, ranking.central_net, climate['unit'], messages)}"
                "</figure>"
            )
    if assessment.comparison is not None:
        charts += (
            f"<figure>{architectures(assessment.comparison, climate['unit'], messages)}</figure>"
        )
    rebound = f"<h2>{html.escape(messages('rebound.heading'), quote=False)}</h2>"
    body = body.replace(rebound, charts + rebound, 1)
    title = messages("html.title", project=html.escape(document["project"]))
    return (
        f'<!DOCTYPE html>\n<html lang="{messages("html.lang")}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def pdf_report(assessment: Assessment, command: str, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The HTML report typeset as PDF (WeasyPrint: no browser needed)."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html_report(assessment, command, lang)).write_pdf()
