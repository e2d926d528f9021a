"""Wall time of `twinlca run` on the built-in example: cold (empty data directory), then warm.

Usage: python bench/run_times.py [--repeat N]

Each run is a fresh process, as a user starts it. The cold run builds the
Brightway project (background, foreground, unit impacts); a warm run reuses
them. Prints the times and the warm/cold ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_run(data_dir: Path, output: Path) -> float:
    """Seconds for one `twinlca run` of the example in a new process."""
    command = [sys.executable, str(ROOT / "cli.py"), "-q", "--data-dir", str(data_dir), "run"]
    start = time.perf_counter()
    subprocess.run([*command, "--output", str(output)], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=3, help="cold and warm runs to time (default 3)"
    )
    repeat = parser.parse_args().repeat
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            data_dir, output = Path(folder) / "data", Path(folder) / "out"
            cold.append(timed_run(data_dir, output))
            warm.append(timed_run(data_dir, output))
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"twinlca run, built-in example, median of {repeat}:")
    for label, median, runs in (
        ("cold (empty data directory)", cold_s, cold),
        ("warm (same data directory) ", warm_s, warm),
    ):
        print(f"  {label}: {median:.2f} s   runs: {', '.join(f'{t:.2f}' for t in runs)}")
    print(f"  warm / cold: {warm_s / cold_s:.2f}")


if __name__ == "__main__":
    main()
