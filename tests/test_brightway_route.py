"""The two routes to a score agree: Brightway's LCA, and amount x unit impact by hand."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inventories.background import load_background
from inventories.brightway import brightway, method_key
from lca.assessment import assess
from lca.indicators import INDICATOR_IDS

ROOT = Path(__file__).parent.parent


def _by_hand(assessment, indicator: str) -> float:
    """Net benefit from the data files' values, without Brightway."""
    total = 0.0
    for line in assessment.inventory.lines:
        if line.effect_order == "higher" and line.scenario != assessment.inventory.default_scenario:
            continue
        value = assessment.background.datasets[line.dataset].values[indicator] or 0.0
        total += line.sign * line.total * value
    return total


@pytest.mark.parametrize("indicator", INDICATOR_IDS)
def test_brightway_lca_of_the_net_activity_equals_the_sum_by_hand(tiny_assessment, indicator):
    import bw2calc

    assessment, data_dir = tiny_assessment
    with brightway(data_dir) as bd:
        foreground = [name for name in bd.databases if name.startswith("twinlca-foreground-")]
        assert len(foreground) == 1
        net = bd.get_node(database=foreground[0], code="net")
        lca = bw2calc.LCA({net: 1}, method_key(indicator))
        lca.lci()
        lca.lcia()
        score = lca.score
    expected = _by_hand(assessment, indicator)
    assert score == pytest.approx(expected, rel=1e-6, abs=1e-9)
    entry = next(e for e in assessment.summaries["central"] if e["id"] == indicator)
    assert entry["net_benefit"] == pytest.approx(expected, rel=1e-6, abs=1e-9)


def test_second_run_reuses_databases_and_unit_impacts(tiny_project, tiny_background, data_dir):
    first = assess(tiny_project, data_dir, background=tiny_background)
    assert first.cache == {"unit_impacts": False, "foreground": False}
    database_files = sorted(data_dir.brightway_dir.rglob("*"))
    stamps = {path: path.stat().st_mtime_ns for path in database_files if path.is_file()}
    second = assess(tiny_project, data_dir, background=tiny_background)
    assert second.cache == {"unit_impacts": True, "foreground": True}
    assert {path: path.stat().st_mtime_ns for path in stamps} == stamps
    assert second.document()["indicators"] == first.document()["indicators"]


def test_warm_run_does_not_import_brightway(tmp_path):
    data = tmp_path / "data"
    script = (
        "import sys\n"
        "from inventories.background import load_background\n"
        "from inventories.project import load_project\n"
        "from lca.assessment import assess\n"
        "from lca.datadir import DataDirectory\n"
        f"bg = load_background({str(ROOT / 'tests/data/tiny')!r})\n"
        f"p = load_project({str(ROOT / 'tests/data/tiny/project.toml')!r})\n"
        f"assess(p, DataDirectory({str(data)!r}), background=bg)\n"
        "print(sys.modules.get('bw2data') is not None)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert [run.stdout.strip().splitlines()[-1] for run in runs] == ["True", "False"]


def test_an_edited_factor_is_reflected_on_the_same_data_directory(tmp_path, tiny_project, data_dir):
    edited = tmp_path / "edited"
    shutil.copytree(ROOT / "tests/data/tiny", edited)
    path = edited / "background" / "tiny.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "values: {climate_change: 0.1, water: 0.002",
            "values: {climate_change: 0.2, water: 0.002",
        ),
        encoding="utf-8",
    )
    before = assess(tiny_project, data_dir, background=load_background(ROOT / "tests/data/tiny"))
    after = assess(tiny_project, data_dir, background=load_background(edited))
    gains = [
        next(e for e in run.summaries["central"] if e["id"] == "climate_change")["gains"]
        for run in (before, after)
    ]
    # only the electricity gain (24 000 kWh) doubles its factor: +2 400 kg
    assert gains[1] - gains[0] == pytest.approx(24_000 * 0.1, rel=1e-6)
    assert after.cache == {"unit_impacts": False, "foreground": False}
    cached = json.loads(
        next(data_dir.cache_dir.glob(f"unit-impacts-{after.background.version}.json")).read_text()
    )
    assert cached["electricity/FR/marginal"]["climate_change"] == pytest.approx(0.2, rel=1e-6)


def test_the_users_own_brightway_projects_are_left_alone(tmp_path):
    user_dir = tmp_path / "user-brightway"
    user_dir.mkdir()
    script = (
        "import os, sys\n"
        f"os.environ['BRIGHTWAY2_DIR'] = {str(user_dir)!r}\n"
        "import bw2data\n"
        "bw2data.projects.set_current('mine')\n"
        "from inventories.background import load_background\n"
        "from inventories.project import load_project\n"
        "from lca.assessment import assess\n"
        "from lca.datadir import DataDirectory\n"
        f"bg = load_background({str(ROOT / 'tests/data/tiny')!r})\n"
        f"p = load_project({str(ROOT / 'tests/data/tiny/project.toml')!r})\n"
        f"assess(p, DataDirectory({str(tmp_path / 'twinlca-data')!r}), background=bg)\n"
        "print(bw2data.projects.current, os.environ['BRIGHTWAY2_DIR'])\n"
        "print(sorted(p.name for p in bw2data.projects))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    current, projects = run.stdout.strip().splitlines()[-2:]
    assert current == f"mine {user_dir}"
    assert "twinlca" not in projects
    assert (tmp_path / "twinlca-data" / "brightway").is_dir()
