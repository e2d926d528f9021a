"""The catalogue of opportunities as text: a list, and one opportunity in full."""

from __future__ import annotations

import textwrap


def catalogue_text(records: list[dict], width: int) -> str:
    """One line per opportunity: id, title, pillar."""
    lines = [f"{'id':<18} {'title':<60} pillar"]
    for record in records:
        line = f"{record['id']:<18} {record['title']:<60} {record['pillar']}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    return "\n".join(lines) + "\n"


def opportunity_text(record: dict, width: int) -> str:
    """Everything the catalogue knows of one opportunity."""
    wrap = lambda text, indent="": textwrap.fill(  # noqa: E731
        text, width=min(width, 100), initial_indent=indent, subsequent_indent=indent
    )
    parts = [
        f"{record['id']}: {record['title']}",
        f"Pillar: {record['pillar']}. Life-cycle stages: {', '.join(record['stages'])}.",
        wrap(f"What the twin does: {record['twin']}"),
        "",
        "Model:",
        wrap(record["model"], "  "),
        "",
        "Levers (quantities take any unit of the same kind):",
    ]
    for lever in record["levers"]:
        required = "required" if lever["required"] else "optional"
        description = f"; {lever['description']}" if "description" in lever else ""
        parts.append(wrap(f"{lever['name']} ({required}): {lever['takes']}{description}", "  "))
    parts += [
        "",
        f"Indicators: {', '.join(record['indicators'])}.",
        f"Related opportunities: {', '.join(record['related']) or 'none'}.",
        f"Start a project with it: twinlca init --opportunity {record['id']}",
    ]
    return "\n".join(parts) + "\n"
