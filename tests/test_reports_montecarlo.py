"""The report with Monte Carlo: intervals, probability, distribution and sensitivity charts."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from cli import main
from reports.numbers import digits_for, with_unit


@pytest.mark.parametrize(
    ("value", "width", "expected"),
    [
        (303_546, 379_000, 2),  # the interval's leading figure is in the 100 000s: 300 000
        (303_546, 5_000, 3),  # never more than three
        (303_546, 2_000_000, 1),  # never fewer than one
        (0.38, 0.52, 2),
        (1234.5, 0.0, 3),  # no spread: the default
    ],
)
def test_digits_fit_the_interval(value, width, expected):
    assert digits_for(value, width) == expected


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory):
    """The built-in example's report in JSON, Markdown and HTML, 2 000 iterations, seed 3."""
    folder = tmp_path_factory.mktemp("reports")
    runner = CliRunner()
    for form in ("json", "md", "html"):
        result = runner.invoke(
            main,
            [
                "-q",
                "report",
                "--format",
                form,
                "-n",
                "2000",
                "--seed",
                "3",
                "-o",
                str(folder / form),
            ],
        )
        assert result.exit_code == 0, result.output
    return {form: (folder / form).read_text(encoding="utf-8") for form in ("json", "md", "html")}


def test_summary_numbers_equal_the_results_rounded_to_their_uncertainty(example_reports):
    document = json.loads(example_reports["json"])
    report = example_reports["md"]
    climate = document["indicators"][0]
    statistics = climate["uncertainty"]
    digits = digits_for(climate["net_benefit"], statistics["p95"] - statistics["p05"])

    assert statistics["iterations"] == 2000 and statistics["seed"] == 3
    assert f"**{with_unit(climate['net_benefit'], climate['unit'], digits)}**" in report
    assert with_unit(statistics["p95"], climate["unit"], digits) in report
    assert f"{round(100 * statistics['prob_net_benefit_positive'])} %" in report
    assert re.search(r"2\s000 Monte Carlo iterations \(seed 3\)", report)
    for name, scenario in document["scenarios"].items():
        entry = scenario["climate_change"]
        width = entry["uncertainty"]["p95"] - entry["uncertainty"]["p05"]
        shown = with_unit(
            entry["net_benefit"], entry["unit"], digits_for(entry["net_benefit"], width)
        )
        assert re.search(rf"\| {name}[^|]*\|[^|]*\| {re.escape(shown)} \|", report), name


def test_report_names_what_drives_the_result(example_reports):
    document = json.loads(example_reports["json"])
    ranking = document["report"]["sensitivity"]
    top = ranking["inputs"][0]["label"]

    assert ranking["method"] == "sobol"
    assert top in {"electricity/FR/marginal", "opportunities[0].electricity_saved"}
    assert f"the input that matters most is `{top}`" in example_reports["md"]
    assert top in document["report"]["verdict"]


def test_html_has_distribution_tornado_and_architecture_charts(example_reports):
    page = example_reports["html"]
    assert (
        page.count("<svg") == 6
    )  # waterfall, tiers, cumulative, distribution, tornado, architectures
    assert "Net benefit over the Monte Carlo iterations" in page
    assert "One input at a time" in page
    assert "footprint per architecture" in page


def test_qualitative_notes_from_the_project(example_reports):
    notes = example_reports["md"].split("## Qualitative notes")[1]
    assert "**Operator safety** (social)" in notes
    assert "**CSRD / ESRS E1** (regulation)" in notes


def test_a_report_without_monte_carlo_says_so(tmp_path):
    result = CliRunner().invoke(
        main, ["-q", "report", "--format", "md", "--iterations", "0", "-o", str(tmp_path / "r.md")]
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "made without Monte Carlo" in report
    assert "90 % interval" not in report
