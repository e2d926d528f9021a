"""The ``twinlca`` command line: parsing, context, errors. The work is done elsewhere."""

from __future__ import annotations

import contextlib
import functools
import logging
import shlex
import sys
from importlib.resources import files
from pathlib import Path

import click

from lca.errors import TwinlcaError

EXAMPLE = "machining-plant-fr.toml"
LOGGERS = ("lca", "inventories", "reports", "twinlca")


class Context:
    """What every command shares: the data directory and the console."""

    def __init__(self, data_dir: str | None, verbose: int, quiet: bool):
        from lca.datadir import DataDirectory

        self.data_dir = DataDirectory.resolve(data_dir)
        self.verbose = verbose
        self.quiet = quiet


pass_context = click.make_pass_decorator(Context)


def reported(command):
    """Turn twinlca's own errors into one clean line and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except TwinlcaError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


def _set_up_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("twinlca: %(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level if verbose else max(level, logging.WARNING))
        logger.propagate = False


def example_text() -> str:
    """The built-in example project file."""
    return files("inventories").joinpath("examples", EXAMPLE).read_text(encoding="utf-8")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="twinlca", prog_name="twinlca")
@click.option(
    "--data-dir",
    envvar="TWINLCA_DATA_DIR",
    metavar="DIR",
    help="Folder for twinlca's Brightway project and caches (default: the platform's "
    "user data folder; also TWINLCA_DATA_DIR). Never the user's own Brightway folder.",
)
@click.option("-v", "--verbose", count=True, help="Say more on stderr (-vv for debug).")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the results (with their warnings) and errors: no progress, no file list.",
)
@click.pass_context
def main(ctx: click.Context, data_dir: str | None, verbose: int, quiet: bool) -> None:
    """twinlca: will a Digital Twin cut environmental impact once its own IT and
    rebound are counted? Consequential LCA in the structure of ITU-T L.1480."""
    _set_up_logging(verbose, quiet)
    ctx.obj = Context(data_dir, verbose, quiet)


def project_and_folder(files: str):
    """The PROJECT_FILE argument and --output DIR option of commands that write several files."""

    def decorate(command):
        command = click.option(
            "--output",
            "-o",
            type=Path,
            metavar="DIR",
            help=f"Folder to write {files} into (default: ./twinlca-out/<project-slug>/).",
        )(command)
        return click.argument("project_file", required=False, type=Path)(command)

    return decorate


#: Fewer iterations give no meaningful percentiles; more would hold too many samples in memory.
MIN_ITERATIONS, MAX_ITERATIONS = 100, 10_000_000


def _enough_iterations(ctx: click.Context, param: click.Parameter, value: int | None):
    if value is not None and 0 < value < MIN_ITERATIONS:
        raise click.BadParameter(
            f"{value} iterations give no meaningful 5th and 95th percentiles; use at least "
            f"{MIN_ITERATIONS} (or 0 for none)"
        )
    return value or None


def file_or_stdout(what: str):
    """The --output FILE and --force options of commands that print one document by default."""

    def decorate(command):
        command = click.option("--force", is_flag=True, help="Overwrite --output if it exists.")(
            command
        )
        return click.option(
            "--output",
            "-o",
            type=Path,
            metavar="FILE",
            help=f"Write {what} here instead of printing it.",
        )(command)

    return decorate


def monte_carlo_options(default_iterations: int | None):
    """The --iterations and --seed options of commands that can sample uncertain inputs."""

    def decorate(command):
        command = click.option(
            "--seed",
            type=click.IntRange(min=0),
            default=1,
            show_default=True,
            help="Seed of the random draws: the same seed gives the same numbers.",
        )(command)
        return click.option(
            "--iterations",
            "-n",
            type=click.IntRange(min=0, max=MAX_ITERATIONS),
            callback=_enough_iterations,
            default=default_iterations,
            show_default=default_iterations is not None,
            help=f"Monte Carlo iterations over every uncertain input, {MIN_ITERATIONS} to "
            f"{MAX_ITERATIONS:,}"
            + (" (0 for none)." if default_iterations else " (default: none, deterministic)."),
        )(command)

    return decorate


def _feedback_console():
    """The stderr console for progress feedback, or None where none should show."""
    from rich.console import Console

    console = Console(stderr=True)
    return console if console.is_terminal else None


@contextlib.contextmanager
def working(obj: Context, label: str):
    """A spinner on stderr while a long step runs (never with -q, nor off a terminal)."""
    console = None if obj.quiet else _feedback_console()
    if console is None:
        yield
        return
    with console.status(label):
        yield


@contextlib.contextmanager
def sample_progress(obj: Context, total: int | None, label: str = "Monte Carlo"):
    """A progress bar on stderr for ``total`` samples, advanced by the callback it yields.

    Without ``total``, a spinner (a first run builds the Brightway databases).
    Nothing shows with -q or off a terminal.
    """
    console = None if obj.quiet else _feedback_console()
    if console is None:
        yield None
        return
    if not total:
        with working(obj, "Computing (a first run also builds the Brightway databases)"):
            yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)


def _output_folder(output: str | None, project_name: str) -> Path:
    from inventories.project import slug

    if output:
        return Path(output)
    return Path.cwd() / "twinlca-out" / slug(project_name)


@main.command()
@project_and_folder("results.json, results.csv, report.md and report.html")
@click.option("--architecture", help="Report this architecture instead of the project's choice.")
@click.option(
    "--strict",
    is_flag=True,
    help="Stop when a project's own dataset lacks a value for an indicator, instead of "
    "listing it as missing.",
)
@monte_carlo_options(default_iterations=None)
@pass_context
@reported
def run(
    obj: Context,
    project_file: Path | None,
    output: Path | None,
    architecture: str | None,
    strict: bool,
    iterations: int | None,
    seed: int,
) -> None:
    """Compute the net effect of PROJECT_FILE (the built-in example when omitted).

    Prints gains, footprint by tier, rebound and net benefit per indicator, and
    writes results.json, results.csv, report.md and report.html. With --iterations, every
    uncertain input is sampled and the net benefit gets its mean, median, 90 %
    interval and the probability that it is positive.

    Example: twinlca run my-twin.toml --output results/ --iterations 10000
    """
    from rich.console import Console

    from lca.assessment import assess
    from reports.files import json_text, write_outputs
    from reports.html import html_report
    from reports.markdown import markdown_report
    from reports.tables import print_summary

    project = _project(project_file, architecture)
    with sample_progress(obj, iterations) as progress:
        assessment = assess(
            project, obj.data_dir, architecture, iterations=iterations, seed=seed, progress=progress
        )
    if strict:
        assessment.strict_check()
    document = assessment.document()
    command = shlex.join(["twinlca", *sys.argv[1:]])
    csv_text = "\ufeff" + assessment.tidy().to_csv(index=False, lineterminator="\n")
    folder = (
        Path(output)
        if output
        else _output_folder(None, project.name + (f" {architecture}" if architecture else ""))
    )
    with working(obj, "Writing results and reports"):
        report_text = markdown_report(assessment, command)
        files = {
            "results.json": json_text(document),
            "results.csv": csv_text,
            "report.md": report_text,
            "report.html": html_report(assessment, command, markdown_text=report_text),
        }
    written = write_outputs(folder, files)
    console = Console(stderr=False, soft_wrap=False)
    print_summary(document, console)
    if not obj.quiet:
        click.echo(f"Wrote {', '.join(str(path) for path in written)}", err=True)


@main.command()
@project_and_folder("compare.json and compare.csv")
@pass_context
@reported
def compare(obj: Context, project_file: Path | None, output: Path | None) -> None:
    """Compare the architectures of PROJECT_FILE (the built-in example when omitted).

    For each architecture: the footprint by tier and phase and the net benefit,
    the lower footprint per indicator, and the crossover: the factor on the main
    drivers (data volume, compute load) at which the ranking flips, found by a
    sweep from 0.1x to 10x ("none in range" when it does not flip).

    Example: twinlca compare my-twin.toml --output results/
    """
    from rich.console import Console

    from inventories.background import shipped_background
    from lca.architectures import compare_architectures
    from lca.brightway import unit_impacts
    from reports.compare import compare_csv, print_comparison
    from reports.files import json_text, write_outputs

    project = _project(project_file)
    background = shipped_background().extended([d.record() for d in project.datasets])
    impacts, _ = unit_impacts(obj.data_dir, background)
    comparison = compare_architectures(project, background, impacts)
    folder = Path(output) if output else _output_folder(None, project.name)
    written = write_outputs(
        folder, {"compare.json": json_text(comparison), "compare.csv": compare_csv(comparison)}
    )
    print_comparison(comparison, Console())
    if not obj.quiet:
        click.echo(f"Wrote {', '.join(str(path) for path in written)}", err=True)


@main.command()
@project_and_folder("sensitivity.json and sensitivity.csv")
@click.option("--architecture", help="Analyse this architecture instead of the project's choice.")
@click.option(
    "--method",
    type=click.Choice(["auto", "sobol", "morris"]),
    default="auto",
    show_default=True,
    help="Sobol indices (variance shares), or Morris screening for many inputs; auto picks "
    "Sobol up to 60 inputs.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=16, max=1_000_000),
    default=None,
    help="Base samples for Sobol (default 1024; evaluations = samples x (inputs + 2)) or "
    "trajectories for Morris (default 100).",
)
@click.option(
    "--indicator",
    type=click.Choice(["climate_change", "water", "resources_minerals_metals", "resources_fossil"]),
    default="climate_change",
    show_default=True,
    help="The net benefit whose variance is analysed.",
)
@click.option("--scenario", help="Rebound scenario (default: the project's default scenario).")
@click.option(
    "--seed", type=click.IntRange(min=0), default=1, show_default=True, help="Seed of the draws."
)
@pass_context
@reported
def sensitivity(
    obj: Context,
    project_file: Path | None,
    output: Path | None,
    architecture: str | None,
    method: str,
    samples: int | None,
    indicator: str,
    scenario: str | None,
    seed: int,
) -> None:
    """Rank the uncertain inputs of PROJECT_FILE by their influence on the net benefit.

    Sobol indices through SALib (the share of the net benefit's variance each
    input explains, alone and with its interactions), or Morris screening,
    plus a one-at-a-time tornado (each input at its 5th and 95th percentiles).
    Prints the ranking and writes sensitivity.json and sensitivity.csv.

    Example: twinlca sensitivity my-twin.toml --output results/
    """
    from rich.console import Console

    from lca.assessment import uncertainty_model
    from lca.sensitivity import checked_request, choose_method, evaluations_needed
    from lca.sensitivity import sensitivity as rank_inputs
    from reports.files import json_text, write_outputs
    from reports.sensitivity import print_sensitivity, sensitivity_csv

    project = _project(project_file, architecture)
    model = uncertainty_model(project, architecture)
    scenario = checked_request(model, indicator, scenario)
    chosen = choose_method(method, len(model.inputs))
    base = samples or (1024 if chosen == "sobol" else 100)
    total = evaluations_needed(chosen, len(model.inputs), base)
    with sample_progress(obj, total, f"Sensitivity ({chosen})") as progress:
        result = rank_inputs(model, indicator, scenario, chosen, base, seed, progress)
    document = {
        "project": project.name,
        "architecture": model.inventory.architecture,
        **result.document(),
        "not_propagated": model.not_propagated,
    }
    folder = Path(output) if output else _output_folder(None, project.name)
    written = write_outputs(
        folder,
        {"sensitivity.json": json_text(document), "sensitivity.csv": sensitivity_csv(result)},
    )
    print_sensitivity(result, Console(soft_wrap=False))
    if not obj.quiet:
        click.echo(f"Wrote {', '.join(str(path) for path in written)}", err=True)


#: Report formats known by the extension of --output.
REPORT_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".json": "json", ".pdf": "pdf"}


def _report_format(requested: str | None, output: Path | None) -> str:
    """The report's format: as asked, else from the output's extension, else HTML."""
    inferred = REPORT_EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if requested is None:
        return inferred or "html"
    if inferred is not None and inferred != requested:
        raise click.UsageError(
            f"--output {output} ends in {output.suffix} but --format is {requested}; "
            f"name the file *.{requested} or drop --format"
        )
    return requested


def _project(project_file: Path | None, architecture: str | None = None):
    """The project of a file, or the built-in example; ``architecture`` must be one of its."""
    from inventories.project import load_project, parse_project, read_project_text
    from lca.errors import ProjectError

    if project_file is None:
        project = parse_project(
            read_project_text(example_text().encode("utf-8"), "built-in example")
        )
    else:
        project = load_project(project_file)
    if architecture is not None and architecture not in project.architectures:
        raise ProjectError(
            "--architecture",
            f"{architecture!r} is not one of the project's architectures: "
            f"{sorted(project.architectures)}",
        )
    return project


@main.command()
@click.argument("project_file", required=False, type=Path)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "md", "json", "pdf"]),
    default=None,
    help="The report's format (default: from --output's extension, else html; JSON: "
    "results.json plus the report's text fields; PDF needs --output).",
)
@file_or_stdout("the report")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default="en",
    show_default=True,
    help="The report's language (fr: French terms and number formatting; the model's "
    "warnings stay in English).",
)
@monte_carlo_options(default_iterations=10_000)
@pass_context
@reported
def report(
    obj: Context,
    project_file: Path | None,
    output_format: str | None,
    output: Path | None,
    force: bool,
    lang: str,
    iterations: int,
    seed: int,
) -> None:
    """Write the assessment report of PROJECT_FILE (the built-in example when omitted).

    Sections, in the structure of ITU-T L.1480: Summary; Goal and scope;
    Inventory; Results; Rebound and consequences; Data quality and limitations;
    Reproducibility; Qualitative notes. HTML is one self-contained file with
    inline charts. Runs 10 000 Monte Carlo iterations (seed 1) unless told
    otherwise (--iterations 0 for a deterministic report).

    Example: twinlca report my-twin.toml --format html --output report.html --lang fr
    """
    from lca.assessment import assess
    from reports.files import json_text, write_document
    from reports.html import html_report, pdf_report
    from reports.markdown import markdown_report, report_fields

    output_format = _report_format(output_format, output)
    if output_format == "pdf" and output is None:
        raise click.UsageError("a PDF needs --output FILE")
    project = _project(project_file)
    with sample_progress(obj, iterations) as progress:
        assessment = assess(
            project, obj.data_dir, iterations=iterations or None, seed=seed, progress=progress
        )
    command = shlex.join(["twinlca", *sys.argv[1:]])
    with working(obj, "Writing the report (sensitivity ranking, charts)"):
        if output_format == "pdf":
            from reports.files import write_binary

            write_binary(output, pdf_report(assessment, command, lang), force)
        elif output_format == "html":
            text = html_report(assessment, command, lang)
        elif output_format == "md":
            text = markdown_report(assessment, command, lang)
        else:
            document = assessment.document()
            text = json_text({**document, "report": report_fields(assessment, command, lang)})
    if output_format == "pdf":
        click.echo(f"Wrote {output}", err=True)
        return
    if output is None:
        click.echo(text, nl=False)
    else:
        write_document(output, text, force)
        click.echo(f"Wrote {output}", err=True)


@main.command()
@click.option("--example", is_flag=True, help="Print the built-in example project file.")
@click.option(
    "--opportunity",
    "opportunities",
    multiple=True,
    metavar="ID",
    help="Start from these opportunities (repeat the option); illustrative starter values.",
)
@file_or_stdout("the project file")
@reported
def init(example: bool, opportunities: tuple[str, ...], output: Path | None, force: bool) -> None:
    """Start a project file: the built-in example, or a starter for some opportunities.

    A starter runs as it is, but every figure in it is an illustrative assumption,
    labelled so in the file and in the results.

    Example: twinlca init --opportunity Production-01 --opportunity Maintenance-01 -o twin.toml
    """
    from inventories.catalogue import starter_project
    from lca.errors import ProjectError
    from reports.files import write_document

    if example == bool(opportunities):
        raise click.UsageError("say what to start from: --example, or one or more --opportunity ID")
    if example:
        text = example_text()
    else:
        try:
            text = starter_project(list(opportunities))
        except ValueError as error:
            raise ProjectError("--opportunity", str(error)) from None
    if output is None:
        click.echo(text, nl=False)
        return
    write_document(output, text, force)
    click.echo(f"Wrote {output}", err=True)


@main.group(invoke_without_command=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the list.",
)
@click.pass_context
@reported
def catalogue(ctx: click.Context, output_format: str) -> None:
    """List the 19 impact-reduction opportunities with their levers and indicators.

    `twinlca catalogue show ID` explains one. Ids are accepted with accents,
    spaces or any case ("Outil Indus-03", "durée-01").

    Example: twinlca catalogue --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    import json
    import shutil

    from inventories.catalogue import catalogue_records
    from reports.opportunities import catalogue_text

    records = catalogue_records()
    if output_format == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    else:
        click.echo(catalogue_text(records, shutil.get_terminal_size((100, 24)).columns), nl=False)


@catalogue.command("show")
@click.argument("opportunity_id", metavar="ID")
@reported
def catalogue_show(opportunity_id: str) -> None:
    """Explain one opportunity: what the twin does, its levers and units, what is not counted.

    Example: twinlca catalogue show "Outil Indus-03"
    """
    import shutil

    from inventories.catalogue import record
    from lca.errors import ProjectError
    from reports.opportunities import opportunity_text

    try:
        found = record(opportunity_id)
    except ValueError as error:
        raise ProjectError("ID", str(error)) from None
    click.echo(opportunity_text(found, shutil.get_terminal_size((100, 24)).columns), nl=False)


@main.group(invoke_without_command=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="How to print the list.",
)
@click.option(
    "--search",
    metavar="TEXT",
    help="Only records whose id, name, location or source contain TEXT.",
)
@click.option(
    "--parameters",
    "list_parameters",
    is_flag=True,
    help="List the model parameters (lifetimes, power draws, PUE, prices...) instead.",
)
@click.pass_context
@reported
def data(ctx: click.Context, output_format: str, search: str | None, list_parameters: bool) -> None:
    """List the open background datasets with their values and sources.

    Values are impacts per unit of the dataset; a missing value (no open
    source) is shown as missing, never as zero. `twinlca data show ID` shows
    one dataset or parameter in full.

    Example: twinlca data --search electricity/FR --format json
    (twinlca data --parameters --search lifetime lists parameters)
    """
    if ctx.invoked_subcommand is not None:
        return
    import shutil

    from inventories.background import shipped_background
    from reports import catalogue

    background = shipped_background()
    if list_parameters:
        records = catalogue.matching_parameters(background, search)
        as_json, as_csv, as_text = (
            catalogue.parameters_json,
            catalogue.parameters_csv,
            catalogue.parameters_text,
        )
    else:
        records = catalogue.matching(background, search)
        as_json, as_csv, as_text = (
            catalogue.datasets_json,
            catalogue.datasets_csv,
            catalogue.datasets_text,
        )
    if output_format == "json":
        click.echo(as_json(records), nl=False)
    elif output_format == "csv":
        click.echo(as_csv(records), nl=False)
    else:
        width = shutil.get_terminal_size((100, 24)).columns
        click.echo(as_text(records, background.version, width), nl=False)


@data.command()
@click.argument("record_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@reported
def show(record_id: str, as_json: bool) -> None:
    """Show everything known of one dataset or parameter: values, unit, source, uncertainty.

    Example: twinlca data show electricity/FR/marginal
    """
    import json

    from rich.console import Console

    from inventories.background import shipped_background
    from lca.errors import LookupFailure
    from reports.catalogue import dataset_document, parameter_document, print_record

    background = shipped_background()
    known = {key.lower(): key for key in (*background.datasets, *background.parameters)}
    record_id = known.get(record_id.lower(), record_id)  # ids are matched whatever their case
    if record_id in background.datasets:
        document = dataset_document(background.datasets[record_id])
    elif record_id in background.parameters:
        document = parameter_document(background.parameters[record_id])
    else:
        try:
            background.dataset(record_id)
        except LookupFailure as error:
            raise LookupFailure(
                f"{error} (parameters are listed by `twinlca data --parameters`)"
            ) from None
    if as_json:
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print_record(document, Console())


if __name__ == "__main__":  # pragma: no cover
    main()
