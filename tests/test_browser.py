"""The HTML report in a real browser: it shows something, and logs no console error."""

from __future__ import annotations

import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)


def _chromium(tmp_path, *arguments: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
    ]  # fmt: skip
    return subprocess.run(
        [CHROMIUM, *flags, *arguments], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(("lang", "heading"), [("en", "Summary"), ("fr", "Synthèse")])
def test_the_html_report_renders_without_console_errors(tiny_assessment, tmp_path, lang, heading):
    from reports.html import html_report

    assessment, _ = tiny_assessment
    page = tmp_path / "report.html"
    page.write_text(html_report(assessment, "twinlca report", lang), encoding="utf-8")
    shot = tmp_path / "shot.png"
    run = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=800,1600", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 20_000, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert heading in dom and "<svg" in dom
