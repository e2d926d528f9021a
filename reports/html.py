"""The HTML report: the Markdown report's content, self-contained, with inline SVG charts."""

from __future__ import annotations

import html

import markdown

from lca.assessment import Assessment
from reports.charts import cumulative, tier_phase_bars, waterfall
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
  table { display: table; font-size: 8pt; }
  figure { break-inside: avoid; }
}
"""


def html_report(assessment: Assessment, command: str) -> str:
    """One self-contained HTML document: text, tables and charts, nothing fetched."""
    document = assessment.document()
    climate = document["indicators"][0]
    timeline = document["time_profile"]["climate_change"]
    body = markdown.markdown(markdown_report(assessment, command), extensions=["tables"])
    charts = (
        f"<figure>{waterfall(climate)}</figure>"
        f"<figure>{tier_phase_bars(tier_phase_table(assessment), climate['unit'])}</figure>"
        f"<figure>{cumulative(timeline, document['break_even_months'], climate['unit'])}</figure>"
    )
    body = body.replace(
        "<h2>Rebound and consequences</h2>", charts + "<h2>Rebound and consequences</h2>", 1
    )
    title = html.escape(document["project"])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}: net effect of the Digital Twin</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def pdf_report(assessment: Assessment, command: str) -> bytes:
    """The HTML report typeset as PDF (WeasyPrint: no browser needed)."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html_report(assessment, command)).write_pdf()
