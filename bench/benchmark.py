"""Benchmark on the built-in example: Monte Carlo speed and `twinlca run` wall time.

Usage: python bench/benchmark.py [--samples N] [--brightway-iterations N] [--repeat N]

In one run, on the built-in example project:

(a) bw2calc's own Monte Carlo, iterations per second, on the example written
    as a stochastic Brightway database (every uncertain exchange drawn);
(b) twinlca's fast path, samples per second for --samples samples (one
    million by default), its wall time and peak memory, and the ratio (b)/(a).
    A sample is one draw of every uncertain input giving the study-period net
    benefit per indicator and rebound scenario;
(c) `twinlca run` wall time in a fresh process: cold (empty data directory),
    then warm (same data directory), the median of --repeat runs each.

Speed is measured here, never in the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def example_model():
    """The built-in example, ready for sampling."""
    from inventories.project import load_project
    from lca.assessment import uncertainty_model

    return uncertainty_model(
        load_project(ROOT / "inventories" / "examples" / "machining-plant-fr.toml")
    )


def brightway_rate(model, data_dir: Path, iterations: int) -> tuple[float, int]:
    """bw2calc Monte Carlo iterations per second, set-up excluded; and the exchanges drawn."""
    from lca.brightway import brightway_net_benefits
    from lca.datadir import DataDirectory

    directory = DataDirectory(data_dir)
    brightway_net_benefits(directory, model, iterations=2)  # writes the database once
    timings = {}
    for count in (10, 10 + iterations):
        start = time.perf_counter()
        brightway_net_benefits(directory, model, iterations=count, seed=1)
        timings[count] = time.perf_counter() - start
    distributions, _ = model.exchange_distributions()
    drawn = sum(d is not None for d in distributions) + sum(
        len(values) for values in model.dataset_distributions().values()
    )
    return iterations / (timings[10 + iterations] - timings[10]), drawn


def fast_rate(model, samples: int) -> tuple[float, float, float]:
    """Fast-path samples per second, wall time, and the growth of the process's peak
    resident memory (MB) during the run."""
    from lca.montecarlo import monte_carlo

    monte_carlo(model, 1000, seed=1)  # imports and first-call costs out of the timing
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    monte_carlo(model, samples, seed=1)
    elapsed = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return samples / elapsed, elapsed, grown


def timed_run(data_dir: Path, output: Path) -> float:
    """Seconds for one `twinlca run` of the example in a new process."""
    command = [sys.executable, str(ROOT / "cli.py"), "-q", "--data-dir", str(data_dir), "run"]
    start = time.perf_counter()
    subprocess.run([*command, "--output", str(output)], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def run_times(repeat: int) -> tuple[list[float], list[float]]:
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            data_dir, output = Path(folder) / "data", Path(folder) / "out"
            cold.append(timed_run(data_dir, output))
            warm.append(timed_run(data_dir, output))
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000, help="fast-path samples")
    parser.add_argument(
        "--brightway-iterations", type=int, default=300, help="bw2calc Monte Carlo iterations"
    )
    parser.add_argument("--repeat", type=int, default=3, help="cold and warm runs to time")
    options = parser.parse_args()
    print(f"Built-in example, {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")

    model = example_model()
    scenarios = len(model.inventory.scenarios)
    print(f"uncertain inputs: {len(model.inputs)}; rebound scenarios: {scenarios}")
    with tempfile.TemporaryDirectory() as folder:
        bw_rate, drawn = brightway_rate(model, Path(folder), options.brightway_iterations)
    print(
        f"(a) bw2calc Monte Carlo: {bw_rate:,.0f} iterations/s "
        f"({options.brightway_iterations} iterations, {drawn} uncertain exchanges, "
        f"{scenarios} functional units x 4 methods)"
    )
    rate, elapsed, peak = fast_rate(model, options.samples)
    print(
        f"(b) fast path: {rate:,.0f} samples/s; {options.samples:,} samples in {elapsed:.2f} s, "
        f"peak memory +{peak:,.0f} MB"
    )
    print(f"    ratio fast path / bw2calc: {rate / bw_rate:,.0f}")
    cold, warm = run_times(options.repeat)
    for label, runs in (
        ("cold (empty data directory)", cold),
        ("warm (same data directory) ", warm),
    ):
        print(
            f"(c) twinlca run, {label}: {statistics.median(runs):.2f} s median of {len(runs)} "
            f"({', '.join(f'{t:.2f}' for t in runs)})"
        )


if __name__ == "__main__":
    main()
