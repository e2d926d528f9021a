"""The catalogue of opportunities: metadata, levers described from the models, starter files."""

from __future__ import annotations

import functools
import inspect
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

from inventories.opportunities import OPPORTUNITY_MODELS, canonical_opportunity_id
from inventories.quantities import UnitSpec

_FILE = Path(__file__).parent / "data" / "catalogue.yaml"
_HIDDEN = {"id"}


@functools.cache
def _entries() -> dict[str, dict]:
    content = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return {entry["id"]: entry for entry in content["opportunities"]}


def _find(annotation, kind):
    """The first metadata object of ``kind`` in an annotation, looking inside unions and lists."""
    for item in getattr(annotation, "__metadata__", ()):
        if isinstance(item, kind):
            return item
    for argument in typing.get_args(annotation):
        found = _find(argument, kind)
        if found is not None:
            return found
    return None


def _describe(annotation, metadata: list | None = None) -> str:
    spec = next((m for m in metadata or [] if isinstance(m, UnitSpec)), None) or _find(
        annotation, UnitSpec
    )
    if spec is not None:
        return f"quantity in {' or '.join(spec.canonical)}, e.g. {spec.example!r}"
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(annotation))
    if (
        origin is list
        and arguments
        and inspect.isclass(arguments[0])
        and issubclass(arguments[0], BaseModel)
    ):
        fields = ", ".join(arguments[0].model_fields)
        return f"list of tables with {fields}"
    if origin is dict:
        value = arguments[-1] if arguments else None
        fields = (
            ", ".join(value.model_fields)
            if inspect.isclass(value) and issubclass(value, BaseModel)
            else "values"
        )
        return f"table of lever key -> {{{fields}}}"
    if arguments and len(arguments) == 1:
        return _describe(arguments[0])
    if annotation is str:
        return "text"
    if annotation is bool:
        return "true or false"
    if inspect.isclass(annotation):
        return annotation.__name__
    return str(annotation)


def levers(model: type[BaseModel]) -> list[dict]:
    """The lever fields of an opportunity model: name, whether required, what it takes."""
    return [
        {
            "name": name,
            "required": field.is_required(),
            "takes": _describe(field.annotation, field.metadata),
            **({"description": field.description} if field.description else {}),
        }
        for name, field in model.model_fields.items()
        if name not in _HIDDEN
    ]


def catalogue_records() -> list[dict]:
    """One record per opportunity, in catalogue order."""
    records = []
    for opportunity_id, model in OPPORTUNITY_MODELS.items():
        entry = _entries()[opportunity_id]
        records.append(
            {
                "id": opportunity_id,
                "title": entry["title"],
                "pillar": entry["pillar"],
                "stages": entry["stages"],
                "twin": entry["twin"],
                "levers": levers(model),
                "indicators": entry["indicators"],
                "related": entry["related"],
                "model": inspect.cleandoc(model.__doc__ or ""),
            }
        )
    return records


def record(written_id: str) -> dict:
    """The record of one opportunity, written in any accepted spelling."""
    canonical = canonical_opportunity_id(written_id)
    return next(r for r in catalogue_records() if r["id"] == canonical)


def starter_project(written_ids: list[str]) -> str:
    """A commented project file that runs as it is, with the opportunities asked for."""
    ids = list(dict.fromkeys(canonical_opportunity_id(text) for text in written_ids))
    entries = [_entries()[i] for i in ids]
    datasets = {}
    for entry in entries:
        datasets.update({d["id"]: d["toml"] for d in entry.get("starter_datasets", [])})
    parts = [_STARTER_HEADER.format(ids=", ".join(ids))]
    for entry in entries:
        parts.append(
            f"# {entry['id']}: {entry['title']}.\n# {entry['twin']}\n{entry['starter'].strip()}\n"
        )
    parts += [text.strip() + "\n" for text in datasets.values()]
    return "\n".join(parts)


_STARTER_HEADER = """\
# twinlca starter project for: {ids}
#
# EVERY FIGURE BELOW IS AN ILLUSTRATIVE ASSUMPTION, not a published or measured
# figure: replace each with your own plant's before relying on the result.
# `twinlca catalogue show ID` explains each opportunity's levers.

name = "Starter project: {ids}"
country = "FR"
study_period = "5 years"
currency = "EUR"
electricity = "marginal"
architecture = "cloud"
assumptions = [
  "Starter project: every lever value and IT figure is an illustrative assumption.",
  "None of the starter figures is published or measured: replace each with your own.",
]

# The twin's own IT (ASSUMPTION: a small twin).
[[it.field_devices]]
name = "Sensors"
type = "iot-sensor-simple"
count = 20
power = "0.5 W"

[[architectures.cloud.networks]]
type = "fixed"
volume = "0.1 TB/year"

[[architectures.cloud.cloud]]
name = "Twin backend"
region = "FR"
vcpus = 2
storage = "0.2 TB"

# Rebound (ASSUMPTION): a tenth of the energy gains taken back.
[rebound.central]
default = true
direct = "10 %"
"""
