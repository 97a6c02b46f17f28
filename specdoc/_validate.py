"""Lint contracts: what would make specdoc misread a contract or fail to bump it.

Rules:

- V001 the YAML does not parse;
- V002 an item binding an AC row has no `id`;
- V003 an item binding an AC row has a `discharge_status` the status rule does
  not know;
- V004 `version` (or `metadata.version`) is not a semantic version;
- V005 `version` disagrees with `metadata.version`;
- V006 the changelog has no entry for the current version, or there is no
  changelog.

A contract without any version gets no V004, V005 or V006.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import semver

from ._contracts import BINDING_LISTS, BINDS_TO_KEYS, DISCHARGES_KEYS, BindingFinder
from ._findings import Finding
from ._rule import StatusRule
from ._yamlpos import YamlError, YamlList, YamlMap, decode, load

_ENTRY_VERSION = re.compile(r"\s*v?(\d[0-9A-Za-z.+-]*?)(?=[\s:(,;]|\Z)")


def validate_contracts(
    paths: Sequence[Path],
    ac_pattern: re.Pattern[str],
    binding_lists: Sequence[str] = BINDING_LISTS,
    rule: StatusRule | None = None,
    *,
    binds_to_keys: Sequence[str] = BINDS_TO_KEYS,
    discharges_keys: Sequence[str] = DISCHARGES_KEYS,
) -> list[Finding]:
    """Lint every contract at `paths` (each one is parsed) and return the findings."""
    finder = BindingFinder(ac_pattern, binds_to_keys, discharges_keys)
    status_rule = rule or StatusRule()
    findings: list[Finding] = []
    for path in paths:
        findings += _lint(path, finder, binding_lists, status_rule)
    return findings


def changelog_versions(root: YamlMap) -> list[str] | None:
    """Return the versions named by a contract's changelog entries, or None if none.

    Entries are read from `metadata.changelog` and the top-level `changelog`: strings
    starting with a version (`1.1.0 (date): …`, `v1.1.0 …`), mappings with a
    `version` key, one-key mappings whose key starts with a version, or a mapping
    keyed by version. A leading `v` is dropped.
    """
    logs = [log for log in _changelogs(root) if log is not None]
    if not logs and not _has_changelog_key(root):
        return None
    versions: list[str] = []
    for log in logs:
        entries = list(log) if isinstance(log, dict) else log
        if isinstance(entries, list):
            versions += [v for v in map(_entry_version, entries) if v is not None]
    return versions


def _lint(
    path: Path, finder: BindingFinder, binding_lists: Sequence[str], rule: StatusRule
) -> list[Finding]:
    name = str(path)
    try:
        root = load(decode(path.read_bytes())).root
    except OSError as err:
        return [Finding("V001", name, 0, f"cannot read the contract: {err.strerror}")]
    except YamlError as err:
        message = (
            f"YAML does not parse at line {err.line}, column {err.column}: "
            f"{err.problem}; fix the syntax there"
        )
        return [Finding("V001", name, err.line, message)]
    if not isinstance(root, YamlMap):
        return []
    findings = _lint_items(name, root, finder, binding_lists, rule)
    return findings + _lint_versions(name, root)


def _lint_items(
    name: str,
    root: YamlMap,
    finder: BindingFinder,
    binding_lists: Sequence[str],
    rule: StatusRule,
) -> list[Finding]:
    findings: list[Finding] = []
    for list_key in binding_lists:
        entries = root.get(list_key)
        if not isinstance(entries, YamlList):
            continue
        for position, item in enumerate(entries):
            if not isinstance(item, YamlMap):
                continue
            bound = finder.ac_ids(item)
            if bound:
                line = entries.item_line(position)
                findings += _lint_item(name, line, item, (list_key, bound), rule)
    return findings


def _lint_item(
    name: str,
    line: int,
    item: YamlMap,
    binding: tuple[str, list[str]],
    rule: StatusRule,
) -> list[Finding]:
    list_key, bound = binding
    findings: list[Finding] = []
    if item.get("id") is None:
        message = (
            f"an item of `{list_key}` binds {', '.join(bound)} but has no `id`; "
            "add `id: ...` so amendments and reports can name it"
        )
        findings.append(Finding("V002", name, line, message))
    status = item.get("discharge_status")
    if status is not None and not _known_status(str(status), rule):
        known = ", ".join([*rule.order, *rule.discharge_aliases])
        message = (
            f"discharge_status {status!r} is not a state the status rule knows; "
            f"use one of {known}"
        )
        findings.append(
            Finding("V003", name, item.key_line("discharge_status"), message)
        )
    return findings


def _known_status(status: str, rule: StatusRule) -> bool:
    key = status.strip()
    return key in rule.order or key in rule.discharge_aliases


def _lint_versions(name: str, root: YamlMap) -> list[Finding]:
    fields = _version_fields(root)
    if not fields:
        return []
    findings = [
        _not_semver(name, label, value, line)
        for label, value, line in fields
        if not semver.Version.is_valid(value)
    ]
    if len(fields) == 2 and fields[0][1] != fields[1][1]:
        (label, value, line), (other, other_value, other_line) = fields
        message = (
            f"{label} {value} (line {line}) disagrees with {other} "
            f"{other_value} (line {other_line}); make them equal"
        )
        findings.append(Finding("V005", name, line, message))
    return findings + _lint_changelog(name, root, fields[0])


def _version_fields(root: YamlMap) -> list[tuple[str, str, int]]:
    fields: list[tuple[str, str, int]] = []
    if root.get("version") is not None:
        fields.append(("version", str(root["version"]), root.key_line("version")))
    metadata = root.get("metadata")
    if isinstance(metadata, YamlMap) and metadata.get("version") is not None:
        line = metadata.key_line("version")
        fields.append(("metadata.version", str(metadata["version"]), line))
    return fields


def _not_semver(name: str, label: str, value: str, line: int) -> Finding:
    message = (
        f"{label} {value} is not a semantic version; write it as "
        "MAJOR.MINOR.PATCH, e.g. 1.0.0 instead of 1.0"
    )
    return Finding("V004", name, line, message)


def _lint_changelog(
    name: str, root: YamlMap, current: tuple[str, str, int]
) -> list[Finding]:
    label, value, line = current
    versions = changelog_versions(root)
    if versions is None:
        where = (
            "under `metadata:`"
            if isinstance(root.get("metadata"), YamlMap)
            else ("at the top level")
        )
        message = (
            f"no changelog: add `changelog:` {where} with an entry for "
            f'{value}, e.g. - "{_bare(value)} (YYYY-MM-DD): what changed"'
        )
        return [Finding("V006", name, line, message)]
    if _bare(value) in versions:
        return []
    message = (
        f"no changelog entry for {label} {value}; add one at the top of the "
        f'changelog, e.g. - "{_bare(value)} (YYYY-MM-DD): what changed"'
    )
    return [Finding("V006", name, line, message)]


def _changelogs(root: YamlMap) -> list[object]:
    metadata = root.get("metadata")
    logs = [metadata.get("changelog")] if isinstance(metadata, YamlMap) else []
    return logs + [root.get("changelog")]


def _has_changelog_key(root: YamlMap) -> bool:
    metadata = root.get("metadata")
    return "changelog" in root or (
        isinstance(metadata, YamlMap) and "changelog" in metadata
    )


def _entry_version(entry: object) -> str | None:
    if isinstance(entry, dict):
        if entry.get("version") is not None:
            return _bare(str(entry["version"]))
        keys = list(entry)
        entry = keys[0] if len(keys) == 1 else None
    if isinstance(entry, (str, int)):
        found = _ENTRY_VERSION.match(str(entry))
        return found.group(1) if found else None
    return None


def _bare(version: str) -> str:
    version = version.strip()
    return version[1:] if version[:1] in ("v", "V") else version
