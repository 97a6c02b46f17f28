"""The `specdoc` command line: thin click commands over plain functions."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from . import __version__
from ._config import Settings, describe, load_settings
from ._errors import SpecdocError
from ._findings import Finding
from ._operations import plan_bump
from ._plan import Plan
from ._resources import example_folder
from ._spec import Spec, is_iso_date, load_spec
from ._views import (
    format_header,
    format_rows,
    format_status,
    header_report,
    rows_report,
    status_report,
)

FORMAT = click.Choice(["text", "json"])
F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """Global options, and settings loaded once on first use."""

    def __init__(self, folder: Path | None, spec: str | None, contracts: Sequence[str]):
        self.folder = folder
        self.spec_option = spec
        self.contracts_option = tuple(contracts)
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(
                self.folder, self.spec_option, self.contracts_option
            )
        return self._settings

    def spec(self) -> Spec:
        settings = self.settings
        return load_spec(settings.require_spec(), settings.parse_options())

    @property
    def base(self) -> Path:
        return (self.folder or Path.cwd()).resolve()

    def path(self, given: Path | None) -> Path | None:
        """A path from the command line, relative to the -C folder."""
        return None if given is None else self.base / given


pass_context = click.make_pass_decorator(Context)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def finish(plan: Plan, ctx: Context, dry_run: bool, check: bool, fmt: str) -> NoReturn:
    """Show, check or write a plan, then exit 0 (clean), 1 (would change) or 0."""
    changed = plan.changed
    for note in plan.notes:
        click.echo(f"specdoc: {note}", err=True)
    if fmt == "json":
        report = dict(plan.report)
        report["files"] = [str(c.path) for c in changed]
        report["written"] = bool(changed) and not (dry_run or check)
        if dry_run:
            report["diff"] = plan.diff(ctx.base)
    if dry_run:
        if fmt == "json":
            echo_json(report)
        else:
            click.echo(plan.diff(ctx.base), nl=False)
        sys.exit(0)
    if check:
        if fmt == "json":
            echo_json(report)
        elif changed:
            names = ", ".join(str(c.path) for c in changed)
            click.echo(f"specdoc: would change {names}", err=True)
        sys.exit(1 if changed else 0)
    plan.write()
    if fmt == "json":
        echo_json(report)
    elif not changed and not plan.notes:
        click.echo("nothing to change", err=True)
    else:
        click.echo(plan.report.get("summary", "written"))
    sys.exit(0)


def writing_options(func: Any) -> Any:
    func = click.option(
        "--format", "fmt", type=FORMAT, default="text", help="Output format."
    )(func)
    func = click.option(
        "--check", is_flag=True, help="Exit 1 if anything would change; write nothing."
    )(func)
    func = click.option(
        "--dry-run", is_flag=True, help="Print a unified diff; write nothing."
    )(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="specdoc")
@click.option(
    "-C",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run as if started in this folder.",
)
@click.option("--spec", metavar="PATH", help="The spec file (overrides the settings).")
@click.option(
    "--contracts",
    metavar="GLOB",
    multiple=True,
    help="Contract files, as a glob (repeatable; overrides the settings).",
)
@click.pass_context
def cli(
    click_ctx: click.Context,
    folder: Path | None,
    spec: str | None,
    contracts: tuple[str, ...],
) -> None:
    """Keep a living markdown spec in step with the YAML contracts behind it.

    Exit codes: 0 clean, 1 findings or drift, 2 bad input or usage.
    """
    if folder is not None and not folder.is_dir():
        raise SpecdocError("no such folder", folder, None, "check the -C argument")
    click_ctx.obj = Context(folder, spec, contracts)


@cli.command()
@click.option("--format", "fmt", type=FORMAT, default="text", help="Output format.")
@click.option(
    "--header", is_flag=True, help="Show the header, Date history and amendments."
)
@pass_context
def show(ctx: Context, fmt: str, header: bool) -> None:
    """Show the spec's AC tables (or, with --header, its header)."""
    spec = ctx.spec()
    if fmt == "json":
        echo_json(header_report(spec) if header else rows_report(spec))
    else:
        click.echo(format_header(spec) if header else format_rows(spec))


@cli.command()
@click.option("--format", "fmt", type=FORMAT, default="text", help="Output format.")
@pass_context
def status(ctx: Context, fmt: str) -> None:
    """Count the rows of each AC table by status."""
    spec = ctx.spec()
    if fmt == "json":
        echo_json(status_report(spec))
    else:
        click.echo(format_status(spec))


@cli.command()
@click.argument("part", type=click.Choice(["major", "minor", "patch"]))
@writing_options
@pass_context
def bump(ctx: Context, part: str, dry_run: bool, check: bool, fmt: str) -> None:
    """Bump the spec's Version line."""
    finish(plan_bump(ctx.spec(), part), ctx, dry_run, check, fmt)


@cli.command()
@click.option("--format", "fmt", type=FORMAT, default="text", help="Output format.")
@pass_context
def config(ctx: Context, fmt: str) -> None:
    """Print the effective settings and where each came from."""
    settings = ctx.settings
    rows = describe(settings)
    if fmt == "json":
        echo_json(
            {
                "config_file": str(settings.config_file)
                if settings.config_file
                else None,
                "settings": {k: {"value": v, "from": o} for k, v, o in rows},
            }
        )
        return
    where = settings.config_file or "none found (defaults and options only)"
    click.echo(f"configuration file: {where}")
    for key, value, origin in rows:
        click.echo(f"{key} = {value}    [{origin}]")


@cli.command()
@click.argument("dest", type=click.Path(path_type=Path))
def example(dest: Path) -> None:
    """Copy the packaged example (spec, contracts, settings) into DEST."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise SpecdocError(
            "folder is not empty", dest, None, "name a new or empty folder"
        )
    shutil.copytree(
        example_folder(),
        dest,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__", "__init__.py"),
    )
    click.echo(f"example copied to {dest}; try: specdoc -C {dest} show")


@cli.command()
@click.option("--as-version", metavar="X.Y.Z", help="Version for changed markers.")
@click.option(
    "--bump",
    "bump_part",
    type=click.Choice(["major", "minor", "patch"]),
    help="Bump the Version line and mark changed rows with the new version.",
)
@writing_options
@pass_context
def sync(
    ctx: Context,
    as_version: str | None,
    bump_part: str | None,
    dry_run: bool,
    check: bool,
    fmt: str,
) -> None:
    """Regenerate the marker of every bound row from the contracts."""
    if as_version and bump_part:
        raise click.UsageError("use --as-version or --bump, not both")
    from ._derive import load_contracts
    from ._sync import plan_sync

    settings = ctx.settings
    spec = ctx.spec()
    index = load_contracts(settings)
    plan = plan_sync(spec, index, settings.status_rule, as_version, bump_part)
    finish(plan, ctx, dry_run, check, fmt)


def print_findings(findings: list[Finding], fmt: str, extra: dict[str, Any]) -> None:
    if fmt == "json":
        echo_json({**extra, "findings": [f.as_dict() for f in findings]})
    elif fmt == "github":
        for f in findings:
            message = f.message.replace("%", "%25").replace("\n", "%0A")
            click.echo(f"::error file={f.path},line={f.line},title={f.rule}::{message}")
    else:
        for f in findings:
            click.echo(f.as_text())
    noun = "finding" if len(findings) == 1 else "findings"
    click.echo(f"{len(findings)} {noun}", err=True)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    help="text, json, or GitHub annotations.",
)
@click.option(
    "--select", "chosen", multiple=True, metavar="RULE", help="Only these rules."
)
@click.option(
    "--ignore", "ignored", multiple=True, metavar="RULE", help="Skip these rules."
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Repository root for evidence paths (default: the settings file's folder).",
)
@pass_context
def check(
    ctx: Context,
    fmt: str,
    chosen: tuple[str, ...],
    ignored: tuple[str, ...],
    root: Path | None,
) -> None:
    """Report drift between the spec and its contracts (exit 1 on findings)."""
    from ._check import RULES, run_check, select
    from ._derive import load_contracts

    for rule_id in (*chosen, *ignored):
        if rule_id.upper() not in RULES:
            raise click.BadParameter(
                f"unknown rule {rule_id}; rules: {', '.join(RULES)}"
            )
    root = ctx.path(root)
    if root is not None and not root.is_dir():
        raise SpecdocError("no such folder", root, None, "check the --root argument")
    settings = ctx.settings
    spec = ctx.spec()
    index = load_contracts(settings)
    result = run_check(
        spec, index, settings.status_rule, settings.marker_column, root or settings.root
    )
    findings = select(result.findings, chosen, ignored)
    print_findings(
        findings,
        fmt,
        {
            "spec": spec.path,
            "contracts": index.files_seen,
            "evidence": {
                "checked": result.evidence_checked,
                "unchecked": result.evidence_unchecked,
            },
        },
    )
    sys.exit(1 if findings else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    help="text, json, or GitHub annotations.",
)
@pass_context
def validate(ctx: Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Lint contracts (default: every configured contract file)."""
    import re

    from ._contracts import contract_files
    from ._validate import validate_contracts

    settings = ctx.settings
    files = (
        [ctx.base / p for p in paths]
        if paths
        else contract_files(Path.cwd(), settings.contracts)
    )
    for path in files:
        if not path.is_file():
            raise SpecdocError("file not found", path, None, "check the path")
    findings = validate_contracts(
        files,
        re.compile(settings.ac_id_pattern),
        binding_lists=settings.binding_lists,
        rule=settings.status_rule,
    )
    print_findings(findings, fmt, {"contracts": len(files)})
    sys.exit(1 if findings else 0)


def template_option(name: str, what: str) -> Callable[[F], F]:
    return click.option(
        name,
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Jinja2 template for {what}.",
    )


@cli.command()
@click.option(
    "--gate",
    "gates",
    multiple=True,
    metavar="ID",
    help="A contract item to amend for (repeatable).",
)
@click.option(
    "--from-contract",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Amend for every binding item of this contract.",
)
@click.option(
    "--bump",
    "bump_part",
    type=click.Choice(["major", "minor", "patch"]),
    default="minor",
    show_default=True,
    help="How to bump the spec's Version.",
)
@click.option(
    "--as-version", metavar="X.Y.Z", help="Use this version instead of --bump."
)
@click.option(
    "--date", metavar="YYYY-MM-DD", help="The amendment's date (default: today)."
)
@click.option("--summary", help="The Date history summary (default: from a template).")
@template_option("--block-template", "the amendment block")
@template_option("--summary-template", "the Date history summary")
@template_option("--changelog-template", "the contract changelog entry")
@click.option(
    "--bump-contract",
    type=click.Choice(["major", "minor", "patch"]),
    help="Also bump each touched contract's version and changelog.",
)
@writing_options
@pass_context
def amend(
    ctx: Context,
    gates: tuple[str, ...],
    from_contract: Path | None,
    bump_part: str,
    as_version: str | None,
    date: str | None,
    summary: str | None,
    block_template: Path | None,
    summary_template: Path | None,
    changelog_template: Path | None,
    bump_contract: str | None,
    dry_run: bool,
    check: bool,
    fmt: str,
) -> None:
    """Amend the spec for contract items: version, markers, Date entry, block."""
    from ._amend import AmendRequest, plan_amend
    from ._derive import load_contracts

    if not gates and from_contract is None:
        raise click.UsageError("name at least one --gate ID, or --from-contract PATH")
    if date is not None and not is_iso_date(date):
        raise SpecdocError(
            f"--date {date!r} is not a date", None, None, "write it as YYYY-MM-DD"
        )
    settings = ctx.settings
    spec = ctx.spec()
    index = load_contracts(settings)
    request = AmendRequest(
        gates=gates,
        from_contract=ctx.path(from_contract),
        bump=bump_part,
        as_version=as_version,
        date=date,
        summary=summary,
        block_template=ctx.path(block_template),
        summary_template=ctx.path(summary_template),
        changelog_template=ctx.path(changelog_template),
        bump_contract=bump_contract,
        templates_folder=settings.templates,
        root=settings.root or ctx.base,
        marker_column=settings.marker_column,
    )
    plan = plan_amend(
        spec, index, settings.status_rule, request, settings.parse_options()
    )
    finish(plan, ctx, dry_run, check, fmt)


def main() -> None:
    cli(prog_name="specdoc")
