"""Charts for the HTML report, as inline SVG (no file, no script, nothing fetched)."""

from __future__ import annotations

import io

import numpy as np

from inventories.lines import PHASES, TIERS


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float = 6.4, height: float = 3.2):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def waterfall(climate: dict) -> str:
    """Gains, minus footprint, minus rebound, to the net benefit (kg CO2-eq)."""
    figure, axes = _figure()
    steps = [
        ("gains", climate["gains"]),
        ("footprint", -climate["footprint"]["total"]),
        ("rebound", -climate["rebound"]),
    ]
    level = 0.0
    levels = [0.0]
    for position, (_, value) in enumerate(steps):
        axes.bar(position, value, bottom=level, color="#2e7d32" if value >= 0 else "#c62828")
        level += value
        levels.append(level)
    axes.bar(len(steps), level, color="#1565c0")
    span = max(levels) - min(levels) or 1.0
    axes.set_ylim(min(levels) - 0.05 * span, max(levels) + 0.05 * span)
    axes.set_xticks(range(len(steps) + 1), [label for label, _ in steps] + ["net benefit"])
    axes.set_ylabel(climate["unit"])
    axes.axhline(0, color="black", linewidth=0.6)
    axes.set_title("From second-order gains to the net benefit")
    return _svg(figure)


def tier_phase_bars(tier_phase: dict, unit: str) -> str:
    """The first-order effect by tier, stacked by phase."""
    figure, axes = _figure()
    bottom = np.zeros(len(TIERS))
    colours = {"manufacture": "#6d4c41", "use": "#f9a825", "end of life": "#757575"}
    for phase in PHASES:
        values = np.array([tier_phase[tier][phase] for tier in TIERS])
        axes.bar(TIERS, values, bottom=bottom, label=phase, color=colours[phase])
        bottom += values
    axes.set_ylabel(unit)
    axes.legend(frameon=False)
    axes.set_title("The twin's footprint (terminals, networks, datacentres) by phase")
    return _svg(figure)


def cumulative(monthly: dict, break_even: float | None, unit: str) -> str:
    """The cumulative net benefit month by month, with break-even."""
    figure, axes = _figure()
    values = np.asarray(monthly["cumulative_net"])
    months = np.arange(1, len(values) + 1)
    axes.plot(months, values, color="#1565c0")
    axes.axhline(0, color="black", linewidth=0.6)
    if break_even is not None:
        axes.axvline(
            break_even,
            color="#2e7d32",
            linestyle="--",
            label=f"break-even: {break_even:.1f} months",
        )
        axes.legend(frameon=False)
    axes.set_xlabel("months from the start")
    axes.set_ylabel(unit)
    axes.set_title("Cumulative net benefit")
    return _svg(figure)
