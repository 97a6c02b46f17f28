"""Settings: `[tool.specdoc]` in pyproject.toml or `specdoc.toml`, then CLI flags.

The configuration file is found by searching upward from the starting folder;
in one folder `specdoc.toml` wins over `pyproject.toml`. Relative paths in it
resolve against its own folder. Command-line options win over the file.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import SpecdocError
from ._rule import StatusRule
from ._spec import DEFAULT_AC_PATTERN, ParseOptions

DEFAULTS: Mapping[str, Any] = {
    "spec": None,
    "contracts": ["contracts/**/*.y*ml"],
    "templates": "templates",
    "ac_id_pattern": DEFAULT_AC_PATTERN,
    "marker_column": "Verification",
    "status_column": "Status",
    "binding_lists": ["gates", "falsification_tests", "falsification"],
    "binds_to_keys": ["binds_to"],
    "discharges_keys": ["discharges"],
    "anchor_comment": "<!-- specdoc:amendments -->",
    "status_rule": {},
}
_LISTS = ("contracts", "binding_lists", "binds_to_keys", "discharges_keys")


@dataclass(frozen=True)
class Settings:
    """The effective settings, each with the place it came from."""

    spec: Path | None
    contracts: tuple[str, ...]
    templates: Path | None
    ac_id_pattern: str
    marker_column: str
    status_column: str
    binding_lists: tuple[str, ...]
    binds_to_keys: tuple[str, ...]
    discharges_keys: tuple[str, ...]
    anchor_comment: str
    status_rule: StatusRule
    root: Path | None
    config_file: Path | None
    origins: Mapping[str, str] = field(default_factory=dict)

    def parse_options(self) -> ParseOptions:
        return ParseOptions(
            ac_pattern=self.ac_id_pattern,
            marker_column=self.marker_column,
            status_column=self.status_column,
            anchor_comment=self.anchor_comment,
        )

    def require_spec(self) -> Path:
        if self.spec is None:
            raise SpecdocError(
                "no spec to work on: no configuration file names one",
                self.config_file or Path.cwd(),
                None,
                'pass --spec PATH, or add `spec = "path/to/spec.md"` under '
                "[tool.specdoc] in pyproject.toml or in specdoc.toml",
            )
        return self.spec


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above ``start`` and its specdoc table."""
    for folder in [start, *start.parents]:
        own = folder / "specdoc.toml"
        if own.is_file():
            data = _read_toml(own)
            return own, data.get("tool", {}).get("specdoc", data)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("specdoc")
            if table is not None:
                return project, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise SpecdocError(
            f"not valid TOML: {exc}", path, line, "fix the TOML syntax"
        ) from None
    except OSError as exc:
        raise SpecdocError(f"cannot read: {exc.strerror}", path) from None


def load_settings(
    start: Path | None = None,
    spec: str | None = None,
    contracts: Sequence[str] = (),
) -> Settings:
    """Settings for a run started in ``start``, with command-line overrides."""
    here = (start or Path.cwd()).resolve()
    found = find_config(here)
    values: dict[str, Any] = dict(DEFAULTS)
    origins = {key: "default" for key in DEFAULTS}
    config_file: Path | None = None
    base = here
    if found is not None:
        config_file, table = found
        base = config_file.parent
        _check_keys(table, config_file)
        for key, value in table.items():
            values[key] = _checked(key, value, config_file)
            origins[key] = str(config_file)
    if spec is not None:
        values["spec"] = str(here / spec)
        origins["spec"] = "--spec"
    if contracts:
        values["contracts"] = [str(here / glob) for glob in contracts]
        origins["contracts"] = "--contracts"
    return _build(values, base, config_file, origins)


def _build(
    values: dict[str, Any],
    base: Path,
    config_file: Path | None,
    origins: dict[str, str],
) -> Settings:
    rule_source = str(config_file) if config_file else "defaults"
    templates = values["templates"]
    return Settings(
        spec=None if values["spec"] is None else _resolve(base, values["spec"]),
        contracts=tuple(str(_resolve(base, g)) for g in values["contracts"]),
        templates=None if not templates else _resolve(base, templates),
        ac_id_pattern=values["ac_id_pattern"],
        marker_column=values["marker_column"],
        status_column=values["status_column"],
        binding_lists=tuple(values["binding_lists"]),
        binds_to_keys=tuple(values["binds_to_keys"]),
        discharges_keys=tuple(values["discharges_keys"]),
        anchor_comment=values["anchor_comment"],
        status_rule=StatusRule.from_mapping(values["status_rule"], rule_source),
        root=config_file.parent if config_file else None,
        config_file=config_file,
        origins=origins,
    )


def _resolve(base: Path, value: str) -> Path:
    path = Path(os.path.expanduser(value))
    return path if path.is_absolute() else base / path


def _check_keys(table: Mapping[str, Any], path: Path) -> None:
    for key in table:
        if key not in DEFAULTS:
            near = difflib.get_close_matches(key, list(DEFAULTS), n=1)
            hint = (
                f"did you mean `{near[0]}`?"
                if near
                else ("valid keys: " + ", ".join(DEFAULTS))
            )
            raise SpecdocError(
                f"unknown key `{key}` in the specdoc settings", path, None, hint
            )


def _checked(key: str, value: Any, path: Path) -> Any:
    if key == "status_rule":
        if not isinstance(value, dict):
            raise SpecdocError(
                "`status_rule` must be a table",
                path,
                None,
                "write it as [tool.specdoc.status_rule]",
            )
        return value
    if key in _LISTS:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SpecdocError(
                f"`{key}` must be a list of strings",
                path,
                None,
                f'for example {key} = ["{DEFAULTS[key][0]}"]',
            )
        return value
    if not isinstance(value, str):
        raise SpecdocError(
            f"`{key}` must be a string", path, None, f'write it as {key} = "…"'
        )
    if key == "ac_id_pattern":
        try:
            re.compile(value)
        except re.error as exc:
            raise SpecdocError(
                f"`ac_id_pattern` is not a valid regular expression ({exc})",
                path,
                None,
                f'for example ac_id_pattern = "{DEFAULTS[key]}"',
            ) from None
    return value


def describe(settings: Settings) -> list[tuple[str, str, str]]:
    """(key, effective value, origin) for every setting, for `specdoc config`."""
    rows = []
    for key in DEFAULTS:
        value = getattr(settings, key)
        if isinstance(value, tuple):
            shown = ", ".join(value)
        elif isinstance(value, StatusRule):
            shown = _describe_rule(value)
        else:
            shown = "" if value is None else str(value)
        rows.append((key, shown, settings.origins.get(key, "default")))
    return rows


def _describe_rule(rule: StatusRule) -> str:
    aliases = ", ".join(f"{k}={v}" for k, v in rule.discharge_aliases.items())
    return (
        f"order={' < '.join(rule.order)}; aliases: {aliases}; "
        f"pass: {', '.join(rule.pass_verdicts)}; "
        f"fail: {', '.join(rule.fail_verdicts)}; "
        f"fail prefixes: {', '.join(rule.fail_prefixes)}; "
        f"otherwise {rule.default_state}"
    )
