"""Charts for the HTML report, as inline SVG (no file, no script, nothing fetched)."""

from __future__ import annotations

import io

import numpy as np

from inventories.lines import PHASES, TIERS
from reports.i18n import Messages


def _svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(width: float = 6.4, height: float = 3.2):
    from matplotlib.figure import Figure  # no pyplot: no GUI backend is ever loaded

    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def _numbers_in(axes, messages: Messages, *, x: bool = False, y: bool = True) -> None:
    """Axis labels written as the report writes numbers (decimal mark, thousands)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _: messages.tick(value))
    if y:
        axes.yaxis.set_major_formatter(formatter)
    if x:
        from matplotlib.ticker import MaxNLocator

        axes.xaxis.set_major_locator(MaxNLocator(nbins=6))
        axes.xaxis.set_major_formatter(formatter)


def waterfall(climate: dict, messages: Messages) -> str:
    """Gains, minus footprint, minus rebound, to the net benefit (kg CO2-eq)."""
    figure, axes = _figure()
    steps = [
        (messages("chart.gains"), climate["gains"]),
        (messages("chart.footprint"), -climate["footprint"]["total"]),
        (messages("chart.rebound"), -climate["rebound"]),
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
    labels = [label for label, _ in steps] + [messages("chart.net_benefit")]
    axes.set_xticks(range(len(steps) + 1), labels)
    axes.set_ylabel(messages.unit(climate["unit"]))
    _numbers_in(axes, messages)
    axes.axhline(0, color="black", linewidth=0.6)
    axes.set_title(messages("chart.waterfall_title"))
    return _svg(figure)


def _stacked_bars(
    names: list[str],
    layers: list[tuple[str, list[float], str]],
    unit: str,
    title: str,
    messages: Messages,
) -> str:
    """Bars for ``names``, stacked by layer (label, one value per name, colour)."""
    figure, axes = _figure()
    bottom = np.zeros(len(names))
    for label, values, colour in layers:
        axes.bar(names, values, bottom=bottom, label=label, color=colour)
        bottom += np.asarray(values)
    axes.set_ylabel(messages.unit(unit))
    _numbers_in(axes, messages)
    axes.legend(frameon=False)
    axes.set_title(title)
    return _svg(figure)


def tier_phase_bars(tier_phase: dict, unit: str, messages: Messages) -> str:
    """The first-order effect by tier, stacked by phase."""
    colours = {"manufacture": "#6d4c41", "use": "#f9a825", "end of life": "#757575"}
    layers = [
        (messages.term("phase", phase), [tier_phase[tier][phase] for tier in TIERS], colours[phase])
        for phase in PHASES
    ]
    names = [messages.term("tier", tier) for tier in TIERS]
    return _stacked_bars(names, layers, unit, messages("chart.tier_phase_title"), messages)


def cumulative(monthly: dict, break_even: float | None, unit: str, messages: Messages) -> str:
    """The cumulative net benefit month by month, with break-even."""
    figure, axes = _figure()
    values = np.asarray(monthly["cumulative_net"])
    months = np.arange(1, len(values) + 1)
    axes.plot(months, values, color="#1565c0")
    axes.axhline(0, color="black", linewidth=0.6)
    if break_even is not None:
        label = (
            messages("chart.break_even_at_once")
            if break_even == 0
            else messages("chart.break_even", months=messages.fixed(break_even, 1))
        )
        axes.axvline(break_even, color="#2e7d32", linestyle="--", label=label)
        axes.legend(frameon=False)
    axes.set_xlabel(messages("chart.months"))
    axes.set_ylabel(messages.unit(unit))
    _numbers_in(axes, messages, x=True)
    axes.set_title(messages("chart.cumulative_title"))
    return _svg(figure)


def distribution(samples: np.ndarray, statistics: dict, unit: str, messages: Messages) -> str:
    """The Monte Carlo distribution of the net benefit, its 90 % interval and zero."""
    figure, axes = _figure()
    axes.hist(samples, bins=60, color="#90caf9", edgecolor="#1565c0", linewidth=0.3)
    axes.axvline(0, color="black", linewidth=0.8)
    for key, style in (("p05", ":"), ("median", "-"), ("p95", ":")):
        axes.axvline(statistics[key], color="#1565c0", linestyle=style, linewidth=1.2)
    axes.set_xlabel(messages.unit(unit))
    axes.set_ylabel(messages("chart.iterations"))
    axes.set_title(
        messages(
            "chart.distribution_title",
            probability=messages.percent(statistics["prob_net_benefit_positive"]),
        )
    )
    _numbers_in(axes, messages, x=True)
    return _svg(figure)


def tornado(rows: list[dict], central: float, unit: str, messages: Messages) -> str:
    """The net benefit with each of the most influential inputs alone at p05 and p95."""
    shown = rows[:10][::-1]
    figure, axes = _figure(height=0.45 * len(shown) + 1.2)
    for position, row in enumerate(shown):
        low, high = row["net_at_input_p05"], row["net_at_input_p95"]
        axes.barh(position, low - central, left=central, color="#c62828", height=0.6)
        axes.barh(position, high - central, left=central, color="#2e7d32", height=0.6)
    axes.axvline(central, color="black", linewidth=0.8)
    axes.set_yticks(range(len(shown)), [_short(row["label"]) for row in shown], fontsize=8)
    axes.set_xlabel(messages.unit(unit))
    axes.set_title(messages("chart.tornado_title"))
    _numbers_in(axes, messages, x=True, y=False)
    return _svg(figure)


def _short(label: str, width: int = 38) -> str:
    """An input's label cut from the left, where paths share their beginnings."""
    return label if len(label) <= width else "…" + label[-(width - 1) :]


def architectures(comparison: dict, unit: str, messages: Messages) -> str:
    """The twin's footprint per architecture, stacked by tier (climate change)."""
    names = list(comparison["architectures"])
    colours = {"networks": "#8e24aa", "terminals": "#f9a825", "datacentres": "#00838f"}
    footprints = [
        comparison["architectures"][name]["climate_change"]["footprint"] for name in names
    ]
    layers = [
        (messages.term("tier", tier), [footprint[tier] for footprint in footprints], colours[tier])
        for tier in TIERS
    ]
    return _stacked_bars(names, layers, unit, messages("chart.architectures_title"), messages)
