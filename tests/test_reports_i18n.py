"""The report in French: one message catalogue per language, French terms and numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from reports.i18n import (
    LANGUAGES,
    catalogue_keys,
    messages_for,
    placeholders,
    read_catalogue,
)
from reports.numbers import ENGLISH, NumberStyle, percent, significant

REPORTS = Path(__file__).parent.parent / "reports"
FRENCH = NumberStyle(**read_catalogue("fr")["number"])

ENGLISH_HEADINGS = [
    "Summary", "Goal and scope", "Inventory", "Results", "Rebound and consequences",
    "Data quality and limitations", "Reproducibility", "Qualitative notes",
]  # fmt: skip
FRENCH_HEADINGS = [
    "Synthèse", "Objectifs et champ de l'étude", "Inventaire", "Résultats",
    "Effet rebond et conséquences", "Qualité des données et limites", "Reproductibilité",
    "Remarques qualitatives",
]  # fmt: skip
FRENCH_TERMS = (
    "ACV", "effet de premier ordre", "effet de second ordre", "effets d'ordre supérieur",
    "Seuil de rentabilité environnementale", "terminaux", "réseaux", "centres de données",
    "Unité fonctionnelle", "Frontières du système", "effet rebond", "Bénéfice net",
)  # fmt: skip

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_FRENCH_QUANTITY = re.compile(
    r"(?P<number>[−\d\u202f]+(?:,\d+)?(?:\u00a0×\u00a010[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?)\u00a0(?P<unit>.+?)†?"
)


def _messages(catalogue: dict, prefix: tuple[str, ...] = ()):
    for key, value in catalogue.items():
        if isinstance(value, dict):
            yield from _messages(value, (*prefix, key))
        else:
            yield (*prefix, key), value


def french_number(text: str) -> float:
    """A number as the French report writes it ("−1 230,5", "3,6 × 10⁻⁸") read back."""
    mantissa, _, exponent = text.partition("\u00a0×\u00a010")
    mantissa = mantissa.replace("\u202f", "").replace("−", "-").replace(",", ".")
    return float(mantissa) * 10 ** int(exponent.translate(_SUPERSCRIPT) or 0)


def french_quantity(cell: str) -> tuple[float, str]:
    """A table cell such as "361 000 kg CO2 éq.†" as (361000.0, "kg CO2 éq.")."""
    match = _FRENCH_QUANTITY.fullmatch(cell.strip().strip("*"))
    assert match, f"not a French quantity: {cell!r}"
    return french_number(match["number"]), match["unit"]


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The body cells of the first table from the line that starts with ``heading`` on."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows, started = [], False
    for line in lines[start:]:
        if line.startswith("|"):
            started = True
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
        elif started:
            break
    return rows[2:]


# The catalogues


def test_every_language_has_a_catalogue_and_click_offers_exactly_those():
    assert sorted(path.stem for path in (REPORTS / "locales").glob("*.yaml")) == sorted(LANGUAGES)
    option = next(p for p in cli.main.commands["report"].params if p.name == "lang")
    assert list(option.type.choices) == list(LANGUAGES)
    assert option.default == "en"


def test_french_and_english_catalogues_have_the_same_keys_and_placeholders():
    english, french = read_catalogue("en"), read_catalogue("fr")
    assert sorted(catalogue_keys(english)) == sorted(catalogue_keys(french))
    french_messages = dict(_messages(french))
    for key, text in _messages(english):
        assert isinstance(text, str) and isinstance(french_messages[key], str), key
        if key[0] == "number":  # patterns: each language picks the fields it writes
            allowed = {"value", "unit", "mantissa", "exponent", "superscript"}
            assert placeholders(french_messages[key]) <= allowed, ".".join(key)
        else:
            assert placeholders(text) == placeholders(french_messages[key]), ".".join(key)


def test_every_message_the_writers_ask_for_exists():
    sources = [REPORTS / "templates" / "report.md.j2", *sorted(REPORTS.glob("*.py"))]
    asked = {
        key
        for path in sources
        for key in re.findall(
            r"\b(?:t|messages)\(\s*\"([a-z_]+(?:\.[a-z_]+)+)\"", path.read_text(encoding="utf-8")
        )
    }
    assert len(asked) > 60
    keys = {".".join(key) for key in catalogue_keys(read_catalogue("en"))}
    assert asked - keys == set()


def test_english_catalogue_agrees_with_the_model_and_the_console():
    from inventories.countries import country_names
    from lca.indicators import INDICATORS

    english = read_catalogue("en")
    assert NumberStyle(**english["number"]) == ENGLISH
    assert english["indicator"] == {indicator.id: indicator.label for indicator in INDICATORS}
    assert english["term"]["country"] == country_names()
    assert set(read_catalogue("fr")["term"]["country"]) == set(country_names())


def test_an_unknown_message_or_language_is_a_clear_error():
    with pytest.raises(KeyError, match="no message 'summary.nothing' in the 'fr' catalogue"):
        messages_for("fr")("summary.nothing")
    with pytest.raises(ValueError, match="not one of the report languages"):
        messages_for("de")


# French numbers and typography


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (548046.6, "548\u202f000"),
        (2649.68, "2\u202f650"),
        (0.0195, "0,0195"),
        (1.234e-7, "1,23\u00a0×\u00a010⁻⁷"),
        (-493334.01, "−493\u202f000"),
        (1e300, "1,00\u00a0×\u00a010³⁰⁰"),
        (0, "0"),
    ],
)
def test_french_significant_figures(value, expected):
    assert significant(value, style=FRENCH) == expected
    english = significant(value).replace("\u202f", "")
    assert french_number(expected) == pytest.approx(float(english), rel=1e-12)


def test_french_quantities_percent_and_no_break_spaces():
    french = messages_for("fr")
    assert percent(0.02, FRENCH) == "2\u202f%"
    assert french.quantity(307123.0, "kg CO2-eq") == "307\u202f000\u00a0kg\u00a0CO2\u00a0éq."
    assert french.unit("m3") == "m³"
    assert french.unit("a unit of the project's own") == "a unit of the project's own"
    assert french("scope.twin") == "Le jumeau\u00a0:"
    assert french("results.tier_phase", indicator="X").endswith("«\u202fX\u202f»\u00a0:")
    assert french.period(5.0) == "5 ans" and french.period(1.5) == "1,5 an"
    assert messages_for("en").period(1.0) == "1 year"


def test_french_sentences_of_break_even_trajectory_and_verdict():
    from reports.markdown import verdict
    from reports.tables import break_even_sentence, trajectory_sentence

    french = messages_for("fr")
    never = {"break_even_months": None, "sign_changes_months": []}
    assert break_even_sentence(never, french).startswith(
        "Seuil de rentabilité environnementale (changement climatique)\u00a0: jamais atteint"
    )
    twice = {"break_even_months": 4.25, "sign_changes_months": [4.25, 30.5]}
    assert break_even_sentence(twice, french) == (
        "Seuil de rentabilité environnementale (changement climatique)\u00a0: atteint après "
        "4,2 mois\u202f; le bénéfice net cumulé change de signe aux mois 4,2\u202f; 30,5."
    )
    trajectory = {
        "with_twin": [1200.0], "without_twin": [1500.0], "emissions_today": 1000.0,
        "label": "lesser increase",
    }  # fmt: skip
    assert trajectory_sentence(trajectory, french).endswith(
        "contre 1\u202f000 aujourd'hui\u00a0: moindre augmentation."
    )
    document = {
        "electricity": "average",
        "indicators": [
            {
                "id": "climate_change", "unit": "kg CO2-eq", "net_benefit": -1500.0,
                "gains": 100.0, "footprint": {"total": 1600.0},
            }
        ],
    }  # fmt: skip
    assert verdict(document, french).startswith(
        "Le jumeau augmente les émissions de gaz à effet de serre de 1\u202f500\u00a0kg"
    )
    assert "avec les facteurs moyens de l'électricité" in verdict(document, french)


# The built-in example in French


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The built-in example assessed once: (assessment, results.json as written)."""
    from inventories.project import parse_project, read_project_text
    from lca.assessment import assess
    from lca.datadir import DataDirectory
    from reports.files import json_text

    project = parse_project(read_project_text(cli.example_text().encode(), "built-in example"))
    assessment = assess(project, DataDirectory(tmp_path_factory.mktemp("example-data")))
    return assessment, json.loads(json_text(assessment.document()))


@pytest.fixture(scope="module")
def french_markdown(example):
    from reports.markdown import markdown_report

    return markdown_report(example[0], "twinlca report --lang fr", "fr")


def test_french_report_has_the_french_sections_and_terms(french_markdown):
    headings = [line[3:] for line in french_markdown.splitlines() if line.startswith("## ")]
    assert headings == FRENCH_HEADINGS
    for term in FRENCH_TERMS:
        assert term in french_markdown, term
    for english in ("Break-even", "Net benefit", "second-order effect", "described only", "n/a"):
        assert english not in french_markdown, english
    assert not re.search(r"\bnan\b", french_markdown)


def test_french_report_says_once_that_the_models_warnings_stay_in_english(french_markdown, example):
    _, results = example
    assert french_markdown.count("le modèle les rédige en anglais") == 1
    for warning in results["warnings"]:
        assert warning.replace("<", "&lt;").replace(">", "&gt;") in french_markdown


def _without_sources(markdown: str) -> str:
    """The report without the tables that quote the data files' sources as they are written."""
    for start, end in (
        ("Valeurs par défaut tirées", "Lignes d'inventaire"),
        ("Jeux de données d'arrière-plan utilisés", "## Résultats"),
    ):
        before, _, rest = markdown.partition(start)
        markdown = before + rest.partition(end)[2]
    return markdown


def test_french_report_writes_french_typography_outside_the_warnings(french_markdown):
    french_part = _without_sources(french_markdown).split("Avertissements émis")[0]
    assert not re.search(r"\d\.\d", french_part)
    assert not re.search(r"[^\S\u00a0\u202f][:;?!%]", french_part)


def test_french_report_numbers_equal_the_results(french_markdown, example):
    _, results = example
    french = messages_for("fr")

    def check(cell: str, value: float, unit: str) -> None:
        number, written_unit = french_quantity(cell)
        assert written_unit == french.unit(unit)
        assert number == pytest.approx(value, rel=5.1e-3, abs=0), (cell, value)

    summary = table_rows(french_markdown, "## Synthèse")
    assert len(summary) == len(results["indicators"])
    for row, entry in zip(summary, results["indicators"], strict=True):
        assert row[0] == french(f"indicator.{entry['id']}")
        check(row[1], entry["gains"], entry["unit"])
        check(row[2], entry["footprint"]["total"], entry["unit"])
        check(row[3], entry["rebound"], entry["unit"])
        if entry["net_benefit_complete"]:
            check(row[4], entry["net_benefit"], entry["unit"])
        else:
            assert row[4] == "**n.d.**"
    scenarios = table_rows(french_markdown, "| Scénario d'effet rebond")
    assert len(scenarios) == len(results["scenarios"])
    for row, (name, values) in zip(scenarios, results["scenarios"].items(), strict=True):
        assert row[0].startswith(name)
        check(row[1], values["climate_change"]["rebound"], "kg CO2-eq")
        check(row[2], values["climate_change"]["net_benefit"], "kg CO2-eq")
    energy = table_rows(french_markdown, "Bilan énergétique")
    for row, view in zip(energy, ("final_kwh", "primary_kwh"), strict=True):
        for cell, part in zip(row[1:], ("gains", "footprint", "rebound", "net"), strict=True):
            check(cell, results["energy"][view][part], "kWh")


def test_french_html_is_self_contained_and_structured(example):
    from reports.html import html_report

    page = html_report(example[0], "twinlca report --lang fr", "fr")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert page.count("<svg") == 4  # waterfall, tiers, cumulative; architectures (three here)
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=\"https?://", page)
    assert re.findall(r"<h2>(.*?)</h2>", page) == FRENCH_HEADINGS
    for term in FRENCH_TERMS:
        assert term in page, term


def test_report_command_writes_french(tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    markdown = runner.invoke(cli.main, [*data, "report", "--format", "md", "--lang", "fr"])
    assert markdown.exit_code == 0, markdown.output
    assert "## Synthèse" in markdown.output
    document = json.loads(
        runner.invoke(cli.main, [*data, "report", "--format", "json", "--lang", "fr"]).output
    )
    assert document["report"]["language"] == "fr"
    assert document["report"]["verdict"].startswith("Le jumeau réduit les émissions")
    refused = runner.invoke(cli.main, [*data, "report", "--lang", "de"])
    assert refused.exit_code == 2 and "Invalid value for '--lang'" in refused.output
