"""The command line, as a user meets it."""

from __future__ import annotations

import json
import math
import re
import tomllib

import click
import pandas as pd
import pytest
from click.testing import CliRunner

import cli
from lca.indicators import INDICATOR_IDS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_command_and_option_has_help():
    assert cli.main.help
    for name, command in _commands(cli.main):
        assert command.help, f"command {name} has no help"
        assert "Example:" in command.help, f"command {name} shows no example"
        for parameter in command.params:
            if isinstance(parameter, click.Option):
                assert parameter.help, f"option {parameter.name} of {name} has no help"


def test_version(runner):
    result = runner.invoke(cli.main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("twinlca, version ")


def test_init_example_prints_a_valid_project(runner):
    from inventories.project import parse_project

    result = runner.invoke(cli.main, ["init", "--example"])
    assert result.exit_code == 0
    project = parse_project(tomllib.loads(result.output))
    assert {"cloud", "edge", "hybrid"} <= set(project.architectures)
    assert {o.id for o in project.opportunities} == {
        "Production-01",
        "Maintenance-01",
        "Maintenance-02",
    }
    assert project.electricity == "marginal"


def test_init_refuses_to_overwrite_without_force(runner, tmp_path):
    target = tmp_path / "twin.toml"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(cli.main, ["init", "--example", "--output", str(target)])
    assert result.exit_code == 1
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(cli.main, ["init", "--example", "--output", str(target), "--force"])
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == cli.example_text()


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    """`twinlca run` on the built-in example, once for the module."""
    folder = tmp_path_factory.mktemp("example")
    result = CliRunner().invoke(
        cli.main, ["--data-dir", str(folder / "data"), "run", "--output", str(folder / "out")]
    )
    assert result.exit_code == 0, result.output
    return result, folder / "out"


def test_run_writes_results_with_the_documented_keys(example_run):
    _, out = example_run
    assert sorted(path.name for path in out.iterdir()) == [
        "report.html", "report.md", "results.csv", "results.json"
    ]  # fmt: skip
    text = (out / "results.json").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    document = json.loads(text)
    assert {"project", "study_period_years", "indicators", "versions"} <= set(document)
    assert document["study_period_years"] == 5
    assert set(document["versions"]) >= {"twinlca", "bw2calc", "data"}
    assert [entry["id"] for entry in document["indicators"]] == list(INDICATOR_IDS)
    for entry in document["indicators"]:
        footprint = entry["footprint"]
        assert set(footprint) == {"total", "networks", "terminals", "datacentres"}
        assert math.isclose(
            footprint["total"],
            footprint["networks"] + footprint["terminals"] + footprint["datacentres"],
            rel_tol=1e-9,
        )
        assert math.isclose(
            entry["net_benefit"],
            entry["gains"] - footprint["total"] - entry["rebound"],
            rel_tol=1e-9,
        )
        assert all(0 <= share <= 1 for share in entry["coverage"].values())
        assert isinstance(entry["missing"], list)
    assert set(document["scenarios"]) == {"central", "high", "none"}
    assert (
        document["scenarios"]["high"]["climate_change"]["rebound"]
        > document["scenarios"]["central"]["climate_change"]["rebound"]
        > 0
    )


def test_results_csv_sums_to_results_json(example_run):
    _, out = example_run
    frame = pd.read_csv(out / "results.csv", encoding="utf-8-sig")
    assert {
        "indicator",
        "unit",
        "scenario",
        "effect_order",
        "tier",
        "phase",
        "component",
        "value",
    } <= set(frame.columns)
    document = json.loads((out / "results.json").read_text(encoding="utf-8"))
    central = frame[frame["scenario"] == document["default_scenario"]]
    for entry in document["indicators"]:
        rows = central[central["indicator"] == entry["id"]]
        gains = rows.loc[rows["part"] == "gains", "value"].sum()
        footprint = rows.loc[rows["part"] == "footprint", "value"].sum()
        rebound = rows.loc[rows["part"] == "rebound", "value"].sum()
        assert gains == pytest.approx(entry["gains"], rel=1e-9, abs=1e-12)
        assert footprint == pytest.approx(entry["footprint"]["total"], rel=1e-9, abs=1e-12)
        assert rebound == pytest.approx(entry["rebound"], rel=1e-9, abs=1e-12)


def test_run_prints_the_table_and_the_report_has_its_sections(example_run):
    result, out = example_run
    assert "Net benefit" in result.output
    report = (out / "report.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in report.splitlines() if line.startswith("## ")]
    assert headings == [
        "Summary",
        "Goal and scope",
        "Inventory",
        "Results",
        "Rebound and consequences",
        "Data quality and limitations",
        "Reproducibility",
        "Qualitative notes",
    ]
    assert not re.search(r"\bnan\b", report)


def test_default_output_folder_is_a_slug_under_the_working_directory(runner, tmp_path, monkeypatch):
    project = tmp_path / "p.toml"
    project.write_text(
        cli.example_text().replace(
            'name = "CNC machining plant, France: predictive maintenance and energy monitoring"',
            'name = "../../Étude — bâtiment Nord"',
        ),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.main, ["--data-dir", str(tmp_path / "data"), "run", str(project)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "twinlca-out" / "etude-batiment-nord" / "results.json").exists()
    document = json.loads(
        (tmp_path / "twinlca-out" / "etude-batiment-nord" / "results.json").read_text("utf-8")
    )
    assert document["project"] == "../../Étude — bâtiment Nord"


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ("count = 80", "count = -80", "it.field_devices[0].count: -80 is negative"),
        ('study_period = "5 years"', 'study_period = "5 kg"', "study_period: '5 kg' is in kg"),
        ('direct = "10 %"', "direct = 50", "rebound.central.direct: '50' is above 1: write 0.5"),
        (
            'country = "FR"',
            'country = "US-DC"',
            "country: 'US-DC' is a sub-national zone, which twinlca has no data for; write 'US'",
        ),
        ('architecture = "hybrid"', 'architecture = "fog"', "architecture: 'fog' is not one of"),
        (
            'type = "tablet"',
            'type = "phablet"',
            "it.user_terminals[0].type: 'phablet' is not a known device type",
        ),
        (
            'id = "Maintenance-01"',
            'id = "Maintenance-99"',
            "'Maintenance-99' is not an opportunity",
        ),
    ],
)
def test_bad_input_gives_one_line_naming_the_field(runner, tmp_path, replace, by, expected):
    text = cli.example_text()
    assert replace in text
    project = tmp_path / "bad.toml"
    project.write_text(text.replace(replace, by, 1), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli.main, ["--data-dir", str(tmp_path / "data"), "run", str(project), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert expected in lines[0]
    assert not out.exists()


def test_data_json_lists_every_dataset_with_its_provenance(runner):
    from inventories.background import shipped_background

    result = runner.invoke(cli.main, ["data", "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.output)
    assert {r["id"] for r in records} == set(shipped_background().datasets)
    for record in records:
        assert {
            "id",
            "name",
            "unit",
            "location",
            "values",
            "source",
            "reference_year",
            "uncertainty",
        } <= set(record)
        assert set(record["values"]) == set(INDICATOR_IDS)


def test_data_search_and_show(runner):
    result = runner.invoke(cli.main, ["data", "--search", "electricity/FR/", "--format", "csv"])
    assert result.exit_code == 0
    rows = result.output.lstrip("\ufeff").strip().splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == [
        "electricity/FR/average",
        "electricity/FR/marginal",
    ]
    shown = runner.invoke(cli.main, ["data", "show", "electricity/FR/marginal", "--json"])
    assert json.loads(shown.output)["id"] == "electricity/FR/marginal"
    parameter = runner.invoke(cli.main, ["data", "show", "cloud/vcpu/power-max", "--json"])
    assert json.loads(parameter.output)["unit"] == "watt"
    unknown = runner.invoke(cli.main, ["data", "show", "electricity/FR/averag"])
    assert unknown.exit_code == 1
    assert "did you mean 'electricity/FR/average'" in unknown.output


def test_report_formats(tmp_path):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    pdf = tmp_path / "report.pdf"
    result = runner.invoke(cli.main, [*data, "report", "--format", "pdf", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    refused = runner.invoke(cli.main, [*data, "report", "--format", "pdf"])
    assert refused.exit_code == 2 and "a PDF needs --output FILE" in refused.output
    document = json.loads(runner.invoke(cli.main, [*data, "report", "--format", "json"]).output)
    assert document["report"]["verdict"].startswith("The twin lowers greenhouse-gas emissions")
    assert "indicators" in document


def test_report_format_follows_the_output_extension(tmp_path):
    runner = CliRunner()
    pdf = tmp_path / "r.pdf"
    result = runner.invoke(cli.main, ["-q", "report", "-n", "0", "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")

    clash = runner.invoke(
        cli.main, ["report", "-n", "0", "--format", "md", "-o", str(tmp_path / "r.html")]
    )
    assert clash.exit_code == 2
    assert "ends in .html but --format is md" in clash.output
    assert not (tmp_path / "r.html").exists()


def test_too_few_iterations_are_refused():
    result = CliRunner().invoke(cli.main, ["run", "--iterations", "5"])
    assert result.exit_code == 2
    assert "5 iterations give no meaningful 5th and 95th percentiles" in result.output


def test_an_output_folder_that_is_a_file(tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    result = CliRunner().invoke(cli.main, ["run", "-o", str(target)])
    assert result.exit_code == 1
    assert "is a file; give a folder with --output" in result.output


def test_data_lists_parameters_and_finds_ids_whatever_their_case():
    runner = CliRunner()
    listed = runner.invoke(
        cli.main, ["data", "--parameters", "--format", "json", "--search", "pue"]
    )
    assert listed.exit_code == 0, listed.output
    ids = {record["id"] for record in json.loads(listed.output)}
    assert {"datacentre/edge/pue", "datacentre/hyperscale/pue"} <= ids
    shown = runner.invoke(cli.main, ["data", "show", "electricity/fr/marginal", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["id"] == "electricity/FR/marginal"
