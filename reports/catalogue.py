"""Listings of the open background: as a table, JSON or CSV, and one record in full."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console
from rich.table import Table

from inventories.background import Background, DatasetRecord, ParameterRecord
from lca.indicators import INDICATORS
from lca.units import to_pint


def dataset_document(record: DatasetRecord) -> dict:
    """A dataset as plain data (``null`` for an indicator no open source gives)."""
    return {
        "id": record.id,
        "name": record.name,
        "unit": record.unit,
        "location": record.location,
        "values": dict(record.values),
        "source": record.source,
        "reference_year": record.reference_year,
        "uncertainty": record.uncertainty.model_dump(exclude_none=True),
        "note": record.note,
    }


def parameter_document(record: ParameterRecord) -> dict:
    """A parameter as plain data."""
    return {
        "id": record.id,
        "value": record.value,
        "unit": record.unit,
        "source": record.source,
        "reference_year": record.reference_year,
        "uncertainty": record.uncertainty.model_dump(exclude_none=True),
        "note": record.note,
    }


def matching(background: Background, search: str | None) -> list[DatasetRecord]:
    """Datasets whose id, name, location or source contains ``search`` (any case)."""
    records = sorted(background.datasets.values(), key=lambda record: record.id)
    if not search:
        return records
    needle = search.lower()
    return [
        record
        for record in records
        if any(
            needle in text.lower()
            for text in (record.id, record.name, record.location, record.source)
        )
    ]


def datasets_json(records: list[DatasetRecord]) -> str:
    """The records as a JSON list."""
    return json.dumps([dataset_document(r) for r in records], indent=2, ensure_ascii=False) + "\n"


def datasets_csv(records: list[DatasetRecord]) -> str:
    """The records as CSV, one column per indicator (empty = missing)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["id", "name", "unit", "location"]
        + [f"{i.id} ({i.unit})" for i in INDICATORS]
        + ["source", "reference_year", "uncertainty", "note"]
    )
    for record in records:
        uncertainty = record.uncertainty.model_dump(exclude_none=True)
        writer.writerow(
            [record.id, record.name, record.unit, record.location]
            + ["" if record.values[i.id] is None else repr(record.values[i.id]) for i in INDICATORS]
            + [record.source, record.reference_year, json.dumps(uncertainty), record.note]
        )
    return "\ufeff" + buffer.getvalue()


def datasets_text(records: list[DatasetRecord], version: str, width: int) -> str:
    """Aligned lines: id, climate-change value per unit, indicators present, year, source."""
    header = f"twinlca open background, data version {version}: {len(records)} datasets"
    legend = (
        "CWMF: climate change, water, minerals and metals, fossils; '-' = missing "
        "(no open source), never zero"
    )
    id_width = max((len(record.id) for record in records), default=2)
    lines = [header, legend, f"{'id':<{id_width}}  {'kg CO2-eq':>16}  CWMF  year  source"]
    for record in records:
        climate = record.values["climate_change"]
        value = "gap" if climate is None else f"{climate:.4g} /{to_pint(record.unit)}"
        present = "".join(
            letter if record.values[i.id] is not None else "-"
            for letter, i in zip("CWMF", INDICATORS, strict=True)
        )
        year = record.reference_year
        line = f"{record.id:<{id_width}}  {value:>16}  {present}  {year}  {record.source}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    return "\n".join(lines) + "\n"


def print_record(document: dict, console: Console) -> None:
    """Every field of one dataset or parameter."""
    table = Table(show_header=False, title=document["id"], title_justify="left")
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, value in document.items():
        if key == "values":
            for indicator in INDICATORS:
                shown = (
                    "missing (no open source)"
                    if value[indicator.id] is None
                    else f"{value[indicator.id]:.6g}"
                )
                table.add_row(f"{indicator.id} ({indicator.unit})", shown)
        elif key != "id":
            table.add_row(
                key,
                json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else str(value),
            )
    console.print(table)


def matching_parameters(background: Background, search: str | None) -> list[ParameterRecord]:
    """Parameters whose id or source contains ``search`` (any case)."""
    records = sorted(background.parameters.values(), key=lambda record: record.id)
    needle = (search or "").lower()
    return [r for r in records if needle in r.id.lower() or needle in r.source.lower()]


def parameters_json(records: list[ParameterRecord]) -> str:
    """The parameters as a JSON list."""
    documents = [parameter_document(record) for record in records]
    return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"


def parameters_csv(records: list[ParameterRecord]) -> str:
    """The parameters as CSV (an empty value = no open source)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "value", "unit", "source", "reference_year", "uncertainty", "note"])
    for record in records:
        uncertainty = json.dumps(record.uncertainty.model_dump(exclude_none=True))
        value = "" if record.value is None else repr(record.value)
        writer.writerow(
            [record.id, value, record.unit, record.source, record.reference_year, uncertainty]
            + [record.note]
        )
    return "\ufeff" + buffer.getvalue()


def parameters_text(records: list[ParameterRecord], version: str, width: int) -> str:
    """Aligned lines: id, value with its unit, year, source."""
    header = f"twinlca open background, data version {version}: {len(records)} parameters"
    id_width = max((len(record.id) for record in records), default=2)
    lines = [header, "'gap' = no open source", f"{'id':<{id_width}}  {'value':>24}  year  source"]
    for record in records:
        value = "gap" if record.value is None else f"{record.value:.4g} {record.unit}"
        line = f"{record.id:<{id_width}}  {value:>24}  {record.reference_year}  {record.source}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    return "\n".join(lines) + "\n"
