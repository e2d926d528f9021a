"""Report writers: user text stays text, numbers keep their units and markers."""

from __future__ import annotations

import pytest

from reports.markdown import markdown_report, markdown_text
from reports.numbers import net_is_meaningful, significant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (548046.6, "548\u202f000"),
        (2649.68, "2\u202f650"),
        (0.0195, "0.0195"),
        (1.234e-7, "1.23e-07"),
        (-493334.01, "-493\u202f000"),
        (1e300, "1.00e+300"),
        (0, "0"),
    ],
)
def test_significant_figures(value, expected):
    assert significant(value) == expected


def test_user_text_cannot_inject_html_or_break_tables():
    assert markdown_text("<script>alert(1)</script> | x\nnext") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\| x next"
    )


def test_report_escapes_the_project_name(tiny_assessment):
    assessment, _ = tiny_assessment
    hostile = assessment.project.model_copy(update={"name": "<script>alert(1)</script>"})
    assessment.project = hostile
    try:
        report = markdown_report(assessment, "twinlca run")
    finally:
        assessment.project = hostile.model_copy(update={"name": "Tiny twin"})
    assert "<script>" not in report
    assert "&lt;script&gt;" in report


def test_net_benefit_without_any_data_on_one_side_is_not_a_number_to_show():
    entry = {"coverage": {"gains": 0.0, "footprint": 0.4, "rebound": 1.0}}
    assert not net_is_meaningful(entry)
    entry["coverage"]["gains"] = 0.2
    assert net_is_meaningful(entry)


def test_a_net_without_data_on_one_side_is_flagged_in_the_results(tiny_background):
    from inventories.build import build_inventory
    from inventories.project import parse_project
    from lca.results import evaluate, summarise

    raw = {
        "name": "t", "country": "FR", "study_period": "1 year", "electricity": "marginal",
        "architecture": "a",
        "architectures": {"a": {"networks": [{"type": "4g", "volume": "1 TB/year"}]}},
        "opportunities": [{"id": "Production-01", "electricity_saved": "1 MWh/year"}],
        "rebound": {"none": {"default": True}},
    }  # fmt: skip
    inventory = build_inventory(parse_project(raw), tiny_background)
    impacts = tiny_background.record_impacts()
    entries = {e["id"]: e for e in summarise(evaluate(inventory, impacts), "none")}
    # the test electricity has no minerals value: gains and footprint rest on no data
    assert entries["resources_minerals_metals"]["net_benefit_complete"] is False
    assert entries["climate_change"]["net_benefit_complete"] is True


HEADINGS = {
    "en": [
        "Summary", "Goal and scope", "Inventory", "Results", "Rebound and consequences",
        "Data quality and limitations", "Reproducibility", "Qualitative notes",
    ],
    "fr": [
        "Synthèse", "Objectifs et champ de l'étude", "Inventaire", "Résultats",
        "Effet rebond et conséquences", "Qualité des données et limites", "Reproductibilité",
        "Remarques qualitatives",
    ],
}  # fmt: skip
TERMS = {
    "en": ("first-order effect", "second-order effect", "higher-order effect", "Break-even",
           "terminals", "networks", "datacentres"),
    "fr": ("effet de premier ordre", "effet de second ordre", "effets d'ordre supérieur",
           "Seuil de rentabilité environnementale", "terminaux", "réseaux", "centres de données"),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_report_is_self_contained_escaped_and_structured(tiny_assessment, lang):
    import re

    from reports.html import html_report

    assessment, _ = tiny_assessment
    hostile = assessment.project.model_copy(update={"name": "<script>alert(1)</script>"})
    original, assessment.project = assessment.project, hostile
    try:
        page = html_report(assessment, "twinlca report", lang)
    finally:
        assessment.project = original
    assert f'<html lang="{lang}">' in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert page.count("<svg") == 3
    assert not re.search(r"(src|href)=\"https?://", page)
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == HEADINGS[lang]
    for term in TERMS[lang]:
        assert term in page


def test_report_numbers_equal_the_results(tiny_assessment):
    from reports.markdown import markdown_report
    from reports.numbers import with_unit

    assessment, _ = tiny_assessment
    report = markdown_report(assessment, "twinlca report")
    for entry in assessment.document()["indicators"]:
        assert with_unit(entry["gains"], entry["unit"]) in report
        assert with_unit(entry["footprint"]["total"], entry["unit"]) in report
