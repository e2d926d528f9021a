"""The project file: one Digital Twin, its opportunities, its IT and its rebound.

A project file is TOML. It is read as data, never run; every quantity is
converted to its canonical unit once, here, and every error names the dotted
path of the field as written (``it.field_devices[0].lifetime``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    SerializeAsAny,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from inventories.background import DatasetRecord, check_plausible, custom_ranges
from inventories.countries import parent_country, resolve_country
from inventories.opportunities import OPPORTUNITY_MODELS, canonical_opportunity_id
from inventories.quantities import (
    Count,
    Data,
    DataPerYear,
    DataRate,
    Fraction,
    GrowthRate,
    Hours,
    HoursPerDay,
    HoursPerYear,
    Mass,
    MassPerYear,
    MoneyPerYear,
    PerYear,
    Power,
    Quantity,
    Ratio,
    ReboundFraction,
    WaterPerEnergy,
    YearlyAmount,
    Years,
)
from lca.errors import DataError, ProjectError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True, frozen=True)


class Device(_Strict):
    """A piece of equipment the twin uses: a sensor, a gateway, a laptop, a server."""

    name: str
    type: str = Field(description="device type, e.g. 'iot-sensor-simple', 'laptop', 'rack-server'")
    count: Count
    lifetime: Years | None = None
    share: Fraction | None = None
    power: Power | None = None
    hours_per_day: HoursPerDay | None = None
    location: str | None = None
    waste_mass: Mass | None = Field(
        None, description="mass of one device treated at its end of life"
    )
    waste_treatment: Literal["e-waste", "recycling", "incineration", "landfill"] = "e-waste"

    @field_validator("location")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return None if value is None else resolve_country(value)


class Network(_Strict):
    """Data the twin moves over one kind of network.

    ``model = "per-GB"`` (default) counts energy per GB moved, an average;
    ``model = "power"`` counts the always-on baseline power of the lines the twin
    causes (``lines`` x ``line_share``, with the line's ``capacity``) plus a small
    marginal energy per GB: the consequential reading, where a GB on a line that
    is on anyway costs little.
    """

    name: str | None = None
    type: Literal["fixed", "wifi", "4g", "5g", "lpwan", "lan"]
    volume: DataPerYear
    location: str | None = None
    model: Literal["per-GB", "power"] = "per-GB"
    lines: Count | None = None
    line_share: Fraction | None = None
    capacity: DataRate | None = None

    @field_validator("location")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        return None if value is None else resolve_country(value)


class Cloud(_Strict):
    """Compute, memory and storage rented from a cloud provider."""

    name: str
    region: str
    vcpu_hours: HoursPerYear | None = None
    vcpus: Count | None = None
    utilisation: Fraction | None = None
    memory: Data | None = None
    storage: Data | None = None
    storage_type: Literal["ssd", "hdd"] = "ssd"
    datacentre: Literal["hyperscale", "colocation", "on-premises", "edge"] = "hyperscale"
    pue: Ratio | None = None
    wue: WaterPerEnergy | None = None
    gpu_hours: HoursPerYear | None = Field(None, description="GPU-hours a year (inference)")
    training_gpu_hours: Hours | None = Field(None, description="GPU-hours of one training run")
    trainings_per_year: PerYear | None = Field(None, description="retrainings a year; none: once")

    @field_validator("region")
    @classmethod
    def _country(cls, value: str) -> str:
        return resolve_country(value)

    @model_validator(mode="after")
    def _compute_given_once(self) -> Cloud:
        if self.vcpu_hours is not None and self.vcpus is not None:
            raise ValueError("give either vcpu_hours or vcpus (always on), not both")
        return self


class ITInventory(_Strict):
    """The twin's IT, by the way users list it; each list maps to one tier."""

    field_devices: list[Device] = []
    user_terminals: list[Device] = []
    edge_servers: list[Device] = []
    networks: list[Network] = []
    cloud: list[Cloud] = []


class Respending(_Strict):
    """Money saved, partly re-spent on other goods and services."""

    share: Fraction
    spender: Literal["business", "household"] = "business"
    money_saved: MoneyPerYear | None = None


class Baseline(_Strict):
    """The site's emissions today and their growth without the twin (for the L.1480 label)."""

    emissions: MassPerYear = Field(description="greenhouse-gas emissions today, kg CO2-eq a year")
    growth: GrowthRate = Field(description="yearly growth without the twin, e.g. 5 %/year")


class QualitativeNote(_Strict):
    """An effect the assessment does not quantify: social, regulatory or other (ITU-T L.1480)."""

    topic: str = Field(min_length=1, description="e.g. operator safety, CSRD/ESRS")
    kind: Literal["social", "regulation", "other"] = "other"
    text: str = Field(min_length=1)


class ReboundFlow(_Strict):
    """A yearly amount of a dataset that a rebound adds or avoids, in the dataset's kind of unit.

    ``dataset`` is a full id (``custom/my-product``, ``fuel/natural-gas``) or
    ``electricity`` for the project's electricity under its supply model.
    """

    dataset: str
    amount: YearlyAmount
    name: str | None = None


class ReboundScenario(_Strict):
    """One named rebound scenario (a higher-order effect).

    Kinds: ``direct`` (a fraction of each energy gain taken back), ``respending``
    (money saved re-spent), ``output`` (extra units made or sold thanks to the twin,
    e.g. a faster time-to-market), ``induction`` (extra use the twin enables: more
    data, more devices) and ``reinvestment`` (savings invested in a measure that
    itself avoids impact: a negative rebound).
    """

    default: bool = False
    backfire: bool = Field(False, description="allow a direct rebound above 1 (backfire)")
    direct: ReboundFraction | None = None
    respending: Respending | None = None
    output: list[ReboundFlow] = []
    induction: list[ReboundFlow] = []
    reinvestment: list[ReboundFlow] = []

    @field_validator("direct")
    @classmethod
    def _backfire_explicit(cls, direct: Quantity | None, info: ValidationInfo) -> Quantity | None:
        if direct is not None and direct.value > 1 and not info.data.get("backfire"):
            if "%" in direct.written:
                raise ValueError(
                    f"{direct.written!r} is above 100 %: set backfire = true if the rebound "
                    "really exceeds the saving"
                )
            raise ValueError(
                f"{direct.written!r} is above 1: write {direct.value / 100:g} or "
                f'"{direct.value:g} %", or set backfire = true if the rebound really '
                "exceeds the saving"
            )
        return direct


class CustomDataset(_Strict):
    """A project's own characterised dataset (e.g. a product's footprint from its EPD)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="referred to as custom/<id>")
    name: str
    unit: str
    values: dict[str, float | None]
    source: str
    reference_year: int
    location: str = "WORLD"
    uncertainty: dict = Field(default_factory=lambda: {"distribution": "none"})
    note: str = ""

    def record(self) -> DatasetRecord:
        """The dataset as a background record, id ``custom/<id>``, checked for plausibility."""
        record = DatasetRecord.model_validate({**self.model_dump(), "id": f"custom/{self.id}"})
        try:
            check_plausible(record, custom_ranges(record.unit))
        except DataError as error:
            raise ValueError(str(error).removeprefix(f"{record.id}: ")) from None
        return record

    @model_validator(mode="after")
    def _valid_record(self) -> CustomDataset:
        self.record()
        return self


def _opportunity(raw: Any) -> BaseModel:
    if not isinstance(raw, dict) or "id" not in raw:
        raise ValueError("an opportunity is a table with an 'id', e.g. id = \"Production-01\"")
    canonical = canonical_opportunity_id(str(raw["id"]))
    model = OPPORTUNITY_MODELS[canonical]
    return model.model_validate({**raw, "id": canonical})


Opportunity = SerializeAsAny[Annotated[BaseModel, PlainValidator(_opportunity)]]


class Project(_Strict):
    """One Digital Twin project, validated."""

    name: str = Field(min_length=1)
    parent_country_fallback: bool = Field(
        False, description="use the country's figures for a sub-national zone such as US-DC"
    )
    country: str
    country_written: str = ""
    study_period: Years
    currency: Literal["EUR"] = "EUR"
    electricity: Literal["marginal", "average"] = "marginal"
    opportunities: list[Opportunity] = Field(min_length=1)
    it: ITInventory = ITInventory()
    architectures: dict[str, ITInventory] = Field(min_length=1)
    architecture: str
    rebound: dict[str, ReboundScenario] = Field(min_length=1)
    datasets: list[CustomDataset] = []
    assumptions: list[str] = Field(default=[], description="shown with every result")
    notes: list[QualitativeNote] = Field(
        default=[], description="social effects and regulations, for the report's last section"
    )
    baseline: Baseline | None = None
    primary_energy_factor: Ratio | None = Field(
        None, description="primary energy per kWh of electricity; default: the EU convention"
    )
    description: str = ""

    @field_validator("country")
    @classmethod
    def _country(cls, value: str, info: ValidationInfo) -> str:
        parent = parent_country(value)
        if info.data.get("parent_country_fallback") and parent is not None:
            return parent
        return resolve_country(value)

    @model_validator(mode="before")
    @classmethod
    def _keep_country_as_written(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and isinstance(raw.get("country"), str):
            return {**raw, "country_written": raw["country"]}
        return raw

    @field_validator("study_period")
    @classmethod
    def _whole_months(cls, period: Quantity) -> Quantity:
        if period.value > 30:
            raise ValueError(
                f"{period.written!r} is beyond what today's factors can describe; "
                "use at most 30 years"
            )
        months = period.value * 12
        if months < 1 - 1e-9 or abs(months - round(months)) > 1e-6:
            raise ValueError(
                f"{period.written!r} is {months:.3g} months; twinlca counts whole months: give at "
                "least one, e.g. '18 months' or '5 years'"
            )
        return period

    @field_validator("opportunities")
    @classmethod
    def _each_once(cls, opportunities: list[BaseModel]) -> list[BaseModel]:
        seen: dict[str, int] = {}
        for position, opportunity in enumerate(opportunities):
            if opportunity.id in seen:
                raise ValueError(
                    f"{opportunity.id} is listed twice (opportunities[{seen[opportunity.id]}] and "
                    f"opportunities[{position}]); put all its levers in one entry"
                )
            seen[opportunity.id] = position
        return opportunities

    @field_validator("architecture")
    @classmethod
    def _architecture_exists(cls, architecture: str, info: ValidationInfo) -> str:
        described = info.data.get("architectures")
        if described is not None and architecture not in described:
            raise ValueError(
                f"{architecture!r} is not one of the architectures described: {sorted(described)}"
            )
        return architecture

    @field_validator("rebound")
    @classmethod
    def _one_default(cls, rebound: dict[str, ReboundScenario]) -> dict[str, ReboundScenario]:
        defaults = [name for name, scenario in rebound.items() if scenario.default]
        if len(defaults) != 1:
            raise ValueError(
                f"exactly one rebound scenario must have default = true; found {len(defaults)}"
                + (f" ({', '.join(defaults)})" if defaults else f" among {sorted(rebound)}")
            )
        return rebound

    @property
    def months(self) -> int:
        """Number of whole months in the study period."""
        return round(self.study_period.value * 12)

    @property
    def default_scenario(self) -> str:
        """The rebound scenario reported as the central case."""
        return next(name for name, scenario in self.rebound.items() if scenario.default)


def _dotted(loc: tuple, raw: Any) -> str:
    """A pydantic error location as the dotted TOML path the user wrote."""
    path = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        if not isinstance(node, dict) or part not in node:
            # a discriminator or validator name that is not in the file
            if isinstance(node, dict) and part not in node and path:
                continue
        path += f".{part}" if path else str(part)
        node = node.get(part) if isinstance(node, dict) else None
    return path


def _message(error: dict) -> str:
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        return "is required but missing"
    if error["type"] == "extra_forbidden":
        return f"is not a known field (value {error['input']!r}); check its spelling"
    if error["type"] == "literal_error":
        return f"{error['input']!r} is not allowed: {message.lower()}"
    if error["type"] != "value_error":
        shown = repr(error.get("input"))
        return f"{message} (got {shown[:60]}{'...' if len(shown) > 60 else ''})"
    return message


def parse_project(raw: dict) -> Project:
    """Validate a parsed TOML document as a :class:`Project`."""
    try:
        return Project.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise ProjectError(_dotted(first["loc"], raw), _message(first)) from None


def read_project_text(data: bytes, origin: str) -> dict:
    """Decode and parse a project file's bytes (UTF-8, with or without BOM)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProjectError(
            "",
            f"{origin} is not UTF-8 (byte {error.start} is {data[error.start]:#04x}); "
            "save it as UTF-8 and run again",
        ) from None
    try:
        return tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        raise ProjectError("", f"{origin} is not valid TOML: {error}") from None


def load_project(path: Path) -> Project:
    """Read and validate a project file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ProjectError("", f"cannot read project file {path}: {error.strerror}") from None
    return parse_project(read_project_text(data, str(path)))


def slug(name: str) -> str:
    """A folder name from a project name: only ``[a-z0-9-]``, never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return cleaned[:60].strip("-") or "project"
