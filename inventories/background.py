"""The open background: characterised datasets and model parameters.

Both live as YAML under ``inventories/data`` (see its README for the schema).
They are read, validated and hashed here; the hash is the data version that
every result carries, and the key under which Brightway databases and cached
unit impacts are kept.
"""

from __future__ import annotations

import functools
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from lca import units
from lca.errors import DataError, LookupFailure
from lca.indicators import INDICATOR_IDS, REFERENCE_INDICATOR

DATA_DIR = Path(__file__).parent / "data"

#: libyaml's safe loader when PyYAML was built with it (ten times faster), else PyYAML's own.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Uncertainty(BaseModel):
    """An uncertainty distribution, as written in a data file or a project file.

    ``min`` and ``max`` bound a uniform or triangular distribution; on a normal
    distribution they are optional truncation bounds.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    distribution: Literal["none", "lognormal", "normal", "uniform", "triangular"]
    gsd: float | None = None
    sd: float | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _parameters_fit(self) -> Uncertainty:
        needs = {
            "lognormal": ("gsd",),
            "normal": ("sd",),
            "uniform": ("min", "max"),
            "triangular": ("min", "max"),
            "none": (),
        }[self.distribution]
        # a normal distribution may be truncated at min and/or max
        allowed = needs + (("min", "max") if self.distribution == "normal" else ())
        for name in ("gsd", "sd", "min", "max"):
            value = getattr(self, name)
            if name in needs and value is None:
                raise ValueError(f"a {self.distribution} distribution needs '{name}'")
            if name not in allowed and value is not None:
                raise ValueError(f"'{name}' does not belong to a {self.distribution} distribution")
            if value is not None and not math.isfinite(value):
                raise ValueError(f"'{name}' must be a finite number, not {value}")
        if self.gsd is not None and self.gsd <= 1:
            raise ValueError(f"gsd must be above 1 (sigma = ln gsd), not {self.gsd}")
        if self.sd is not None and self.sd <= 0:
            raise ValueError(f"sd must be above 0, not {self.sd}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self

    def check_against(self, value: float) -> None:
        """Raise ValueError when the distribution does not fit its central value."""
        if self.distribution == "lognormal" and value <= 0:
            raise ValueError(f"a lognormal distribution needs a positive value, not {value}")
        if self.min is not None and self.max is not None and not self.min <= value <= self.max:
            raise ValueError(f"value {value} is outside its range [{self.min}, {self.max}]")


class DatasetRecord(BaseModel):
    """One characterised unit process of the open background."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    unit: str
    location: str
    values: dict[str, float | None]
    source: str
    reference_year: int
    uncertainty: Uncertainty
    note: str = ""

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in units.BRIGHTWAY_UNITS:
            raise ValueError(f"unit '{unit}' is not one of {sorted(units.BRIGHTWAY_UNITS)}")
        return unit

    @field_validator("source")
    @classmethod
    def _has_source(cls, source: str) -> str:
        if not source.strip():
            raise ValueError("source is empty")
        return source

    @field_validator("values")
    @classmethod
    def _indicators(cls, values: dict[str, float | None]) -> dict[str, float | None]:
        unknown = set(values) - set(INDICATOR_IDS)
        if unknown:
            raise ValueError(f"unknown indicators {sorted(unknown)}; known: {list(INDICATOR_IDS)}")
        for key, value in values.items():
            if value is not None and not math.isfinite(value):
                raise ValueError(f"values.{key} must be finite, not {value}")
        return {key: values.get(key) for key in INDICATOR_IDS}

    @model_validator(mode="after")
    def _uncertainty_fits(self) -> DatasetRecord:
        reference = self.values[REFERENCE_INDICATOR]
        if reference is not None:
            self.uncertainty.check_against(reference)
        elif any(value is not None for value in self.values.values()):
            raise ValueError(
                f"values.{REFERENCE_INDICATOR} is null while other indicators have values; "
                "a record without a climate-change figure must be a gap record (all null)"
            )
        return self

    @property
    def is_gap(self) -> bool:
        """True for a record kept to say that no open source gives its figures."""
        return self.values[REFERENCE_INDICATOR] is None


class ParameterRecord(BaseModel):
    """One model parameter (a lifetime, a power draw, an energy intensity, a price...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    value: float | None
    unit: str
    source: str
    reference_year: int
    uncertainty: Uncertainty
    note: str = ""

    @field_validator("unit")
    @classmethod
    def _readable_unit(cls, unit: str) -> str:
        try:
            units.registry().Unit(units.to_pint(unit))
        except Exception as error:  # pint raises several unrelated types here
            raise ValueError(f"unit '{unit}' is not readable: {error}") from None
        return unit

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError(f"value must be finite, not {value}")
        return value

    @model_validator(mode="after")
    def _uncertainty_fits(self) -> ParameterRecord:
        if self.value is not None:
            self.uncertainty.check_against(self.value)
        return self

    def magnitude(self, unit: str) -> float:
        """The value expressed in ``unit``; a figure no open source gives raises."""
        if self.value is None:
            raise LookupFailure(
                f"parameter '{self.id}' has no published value in the open background "
                f"({self.note or 'gap'})"
            )
        return self.value * units.conversion_factor(self.unit, unit)


@dataclass(frozen=True)
class Background:
    """All datasets and parameters of one data version."""

    datasets: dict[str, DatasetRecord]
    parameters: dict[str, ParameterRecord]
    version: str
    files: tuple[str, ...] = field(default=())
    custom: frozenset[str] = frozenset()

    def extended(self, records: list[DatasetRecord]) -> Background:
        """This background plus a project's own datasets (ids ``custom/...``)."""
        if not records:
            return self
        datasets = dict(self.datasets)
        for record in records:
            datasets[record.id] = record
        return Background(
            datasets,
            self.parameters,
            self.version,
            self.files,
            self.custom | {record.id for record in records},
        )

    def record_impacts(self) -> dict[str, dict[str, float | None]]:
        """Each dataset's values: the unit impacts of a characterised background."""
        return {key: dict(record.values) for key, record in self.datasets.items()}

    @property
    def shipped(self) -> dict[str, DatasetRecord]:
        """The datasets that ship with twinlca (not a project's own)."""
        return {key: record for key, record in self.datasets.items() if key not in self.custom}

    def dataset(self, dataset_id: str) -> DatasetRecord:
        """The dataset with this id, or a clear error listing close ids or saying it is a gap."""
        try:
            record = self.datasets[dataset_id]
        except KeyError:
            raise LookupFailure(
                f"no background dataset '{dataset_id}'" + _nearby(dataset_id, self.datasets)
            ) from None
        if record.is_gap:
            raise LookupFailure(
                f"background dataset '{dataset_id}' has no figure from an open source yet "
                f"({record.note or 'gap'})"
            )
        return record

    def parameter(self, parameter_id: str) -> ParameterRecord:
        """The parameter with this id, or a clear error listing close ids."""
        try:
            return self.parameters[parameter_id]
        except KeyError:
            raise LookupFailure(
                f"no background parameter '{parameter_id}'" + _nearby(parameter_id, self.parameters)
            ) from None

    def ids_under(self, prefix: str) -> list[str]:
        """Dataset ids that start with ``prefix``, sorted."""
        return sorted(key for key in self.datasets if key.startswith(prefix))


def _nearby(wanted: str, known: dict) -> str:
    import difflib

    close = difflib.get_close_matches(wanted, list(known), n=4, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _read_records(path: Path, key: str) -> list[dict]:
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except yaml.YAMLError as error:
        raise DataError(f"{path.name}: not valid YAML ({error})") from None
    records = content.get(key, [])
    if not isinstance(records, list):
        raise DataError(f"{path.name}: '{key}' must be a list of records")
    return records


def _validated(model: type[BaseModel], raw: dict, where: str) -> BaseModel:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = ".".join(str(part) for part in first["loc"])
        raise DataError(f"{where}{'.' + loc if loc else ''}: {first['msg']}") from None


@dataclass(frozen=True)
class PlausibleRange:
    """The climate-change values a kind of dataset can plausibly take, per unit."""

    prefix: str
    unit: str
    min: float
    max: float
    basis: str


def plausible_ranges(data_dir: Path = DATA_DIR) -> list[PlausibleRange]:
    """The ranges of ``plausibility.yaml``, longest prefix first."""
    path = Path(data_dir) / "plausibility.yaml"
    if not path.exists():
        path = DATA_DIR / "plausibility.yaml"
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)["ranges"]
    return sorted(
        (PlausibleRange(**item) for item in raw), key=lambda r: len(r.prefix), reverse=True
    )


def custom_ranges(unit: str) -> list[PlausibleRange]:
    """For a project's own dataset: the widest range of any kind measured in ``unit``."""
    same = [rule for rule in plausible_ranges() if rule.unit == unit]
    families = [rule for rule in same if rule.prefix.endswith("/")]
    same = families or same
    if not same:
        return []
    widest = max(same, key=lambda rule: rule.max)
    return [PlausibleRange("custom/", unit, min(r.min for r in same), widest.max, widest.basis)]


def check_plausible(record: DatasetRecord, ranges: list[PlausibleRange]) -> None:
    """Raise DataError when a value is outside its kind's range, suggesting the unit slip."""
    value = record.values[REFERENCE_INDICATOR]
    rule = next((r for r in ranges if record.id.startswith(r.prefix)), None)
    if value is None or rule is None:
        return
    if record.unit != rule.unit:
        raise DataError(
            f"{record.id}: unit '{record.unit}' where a {rule.prefix}* dataset is per '{rule.unit}'"
        )
    if rule.min <= value <= rule.max:
        return
    hints = [
        f"{value * factor:g} ({label})"
        for factor, label in ((1e-3, "g written for kg"), (1e3, "t written for kg"))
        if rule.min <= value * factor <= rule.max
    ]
    raise DataError(
        f"{record.id}: {value:g} kg CO2-eq per {record.unit} is implausible for "
        f"{rule.prefix}* (expected {rule.min:g} to {rule.max:g}: {rule.basis})"
        + (f"; did you mean {' or '.join(hints)}?" if hints else "")
    )


def load_background(data_dir: Path | str = DATA_DIR) -> Background:
    """Read, validate and hash every data file under ``data_dir``."""
    data_dir = Path(data_dir)
    ranges = plausible_ranges(data_dir)
    digest = hashlib.sha256()
    datasets: dict[str, DatasetRecord] = {}
    parameters: dict[str, ParameterRecord] = {}
    files = []
    for kind, key, model, store in (
        ("background", "datasets", DatasetRecord, datasets),
        ("parameters", "parameters", ParameterRecord, parameters),
    ):
        for path in sorted((data_dir / kind).glob("*.yaml")):
            files.append(f"{kind}/{path.name}")
            digest.update(f"{kind}/{path.name}\n".encode())
            digest.update(path.read_bytes())
            for position, raw in enumerate(_read_records(path, key)):
                where = f"{kind}/{path.name}[{position}]"
                if not isinstance(raw, dict) or "id" not in raw:
                    raise DataError(f"{where}: a record needs an 'id'")
                record = _validated(model, raw, f"{where} ({raw['id']})")
                if record.id in store:
                    raise DataError(f"{where}: id '{record.id}' is defined twice")
                if isinstance(record, DatasetRecord):
                    try:
                        check_plausible(record, ranges)
                    except DataError as error:
                        raise DataError(f"{where}: {error}") from None
                store[record.id] = record
    return Background(datasets, parameters, digest.hexdigest()[:12], tuple(files))


@functools.cache
def shipped_background() -> Background:
    """The background that ships with twinlca, read once per process."""
    return load_background(DATA_DIR)
