"""`specdoc check`: what CI runs to find drift between the spec and its contracts.

Rules:

- C001 a bound row's marker disagrees with the state derived from its items
- C002 an item binds an AC id the spec does not have
- C003 an item's falsification_id is another id of the row's own family
- C004 two binding items share one id
- C005 a marker's version is above the spec's Version, or below it and not in
  the Date history
- C006 evidence that does not exist (checked only with a repository root)
- C007 a contract that holds a binding key but does not parse
- C008 an item's discharge_status is not a known state
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import semver

from ._contracts import BindingItem, ContractIndex
from ._derive import bound_rows, family_ids, row_family_ids
from ._findings import Finding
from ._rule import StatusRule, unknown_discharge_status
from ._spec import Spec

RULES = {
    "C001": "marker disagrees with the contracts",
    "C002": "binding to an AC id the spec does not have",
    "C003": "falsification_id names another id of the row's family",
    "C004": "two binding items share one id",
    "C005": "marker version above the Version, or missing from the Date history",
    "C006": "evidence that does not exist",
    "C007": "contract that does not parse",
    "C008": "unknown discharge_status",
}
_EVIDENCE = re.compile(r"^(?P<path>[^\s:][^:]*?)::(?:[^:]+::)?(?P<name>[A-Za-z_][\w]*)")


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    evidence_checked: int = 0
    evidence_unchecked: int = 0


def run_check(
    spec: Spec,
    index: ContractIndex,
    rule: StatusRule,
    marker_column: str = "Verification",
    root: Path | None = None,
) -> CheckResult:
    result = CheckResult()
    result.findings.extend(_parse_problems(index))
    result.findings.extend(_drift(spec, index, rule))
    result.findings.extend(_unknown_rows(spec, index))
    result.findings.extend(_families(spec, index, marker_column))
    result.findings.extend(_duplicates(index))
    result.findings.extend(_marker_versions(spec))
    result.findings.extend(_unknown_states(index, rule))
    if root is not None:
        _evidence(index, root, result)
    result.findings.sort(key=lambda f: (f.path, f.line, f.rule))
    return result


def select(
    findings: Iterable[Finding], chosen: Iterable[str], ignored: Iterable[str]
) -> list[Finding]:
    chosen_set = {c.upper() for c in chosen}
    ignored_set = {c.upper() for c in ignored}
    return [
        f
        for f in findings
        if (not chosen_set or f.rule in chosen_set) and f.rule not in ignored_set
    ]


def _parse_problems(index: ContractIndex) -> list[Finding]:
    return [
        Finding("C007", p.path, p.line, f"contract does not parse: {p.message}")
        for p in index.problems
    ]


def _drift(spec: Spec, index: ContractIndex, rule: StatusRule) -> list[Finding]:
    findings = []
    for bound in bound_rows(spec, index, rule):
        if bound.up_to_date:
            continue
        row = bound.row
        marked = (
            f"is marked {row.status}"
            + (f" v{row.status_version}" if row.status_version else "")
            if row.has_marker
            else "has no marker"
        )
        findings.append(
            Finding(
                "C001",
                spec.path,
                row.line,
                f"{row.ac_id} {marked} but its contracts say "
                f"{bound.derived.explanation} "
                "(run `specdoc sync` or `specdoc amend`)",
            )
        )
    return findings


def _unknown_rows(spec: Spec, index: ContractIndex) -> list[Finding]:
    return [
        Finding(
            "C002",
            item.contract_path,
            item.line,
            f"{item.item_id or 'item'} binds {item.ac_id}, which {spec.path} does "
            "not have (fix the id, or add the row)",
        )
        for item in index.items
        if item.ac_id not in spec.rows
    ]


def _families(spec: Spec, index: ContractIndex, column: str) -> list[Finding]:
    findings = []
    for item in index.items:
        row = spec.rows.get(item.ac_id)
        if row is None or not item.falsification_id:
            continue
        row_ids = row_family_ids(spec, row, column)
        for family, ids in family_ids(item.falsification_id).items():
            named = set(ids)
            if family in row_ids and not named & row_ids[family]:
                expected = ", ".join(sorted(row_ids[family]))
                findings.append(
                    Finding(
                        "C003",
                        item.contract_path,
                        item.line,
                        f"{item.item_id or 'item'} binds {item.ac_id} with "
                        f"falsification_id {item.falsification_id}, but the row "
                        f"names {expected} (spec line {row.line}); fix one of them",
                    )
                )
    return findings


def _duplicates(index: ContractIndex) -> list[Finding]:
    first: dict[str, BindingItem] = {}
    findings = []
    for item in index.items:
        if not item.item_id:
            continue
        seen = first.get(item.item_id)
        if seen is None:
            first[item.item_id] = item
        elif (seen.contract_path, seen.line) != (item.contract_path, item.line):
            findings.append(
                Finding(
                    "C004",
                    item.contract_path,
                    item.line,
                    f"binding item id {item.item_id} is also used at "
                    f"{seen.contract_path}:{seen.line}; give each item its own id",
                )
            )
    return findings


def _marker_versions(spec: Spec) -> list[Finding]:
    current = semver.Version.parse(spec.version)
    history = {e.version for e in spec.date_history if e.version}
    findings = []
    for row in spec.rows.values():
        version = row.status_version
        if not version or version == spec.version:
            continue
        if not semver.Version.is_valid(version):
            problem = f"marker version v{version} is not a semantic version"
        elif semver.Version.parse(version) > current:
            problem = (
                f"marker version v{version} is above the spec's Version {spec.version}"
            )
        elif version not in history:
            problem = (
                f"marker version v{version} is not in the Date history "
                "(was the amendment renumbered?)"
            )
        else:
            continue
        findings.append(Finding("C005", spec.path, row.line, f"{row.ac_id}: {problem}"))
    return findings


def _unknown_states(index: ContractIndex, rule: StatusRule) -> list[Finding]:
    known = ", ".join(rule.order)
    return [
        Finding(
            "C008",
            item.contract_path,
            item.line,
            f"{item.item_id or 'item'} has discharge_status {item.discharge_status!r}, "
            f"which is not a known state ({known})",
        )
        for item in index.items
        if unknown_discharge_status(item, rule)
    ]


def _evidence(index: ContractIndex, root: Path, result: CheckResult) -> None:
    base = root.resolve()
    cache: dict[Path, str | None] = {}
    for item in index.items:
        for entry in item.evidence_discharged_by:
            match = _EVIDENCE.match(entry.strip())
            if not match:
                result.evidence_unchecked += 1
                continue
            result.evidence_checked += 1
            problem = _evidence_problem(
                base, match.group("path"), match.group("name"), cache
            )
            if problem:
                result.findings.append(
                    Finding(
                        "C006",
                        item.contract_path,
                        item.line,
                        f"{item.item_id or 'item'}: evidence `{entry}` {problem}",
                    )
                )


def _evidence_problem(
    base: Path, relative: str, name: str, cache: dict[Path, str | None]
) -> str | None:
    target = (base / relative.strip()).resolve()
    if not target.is_relative_to(base):
        return f"leaves the repository root {base}; name a file inside it"
    if target not in cache:
        try:
            cache[target] = target.read_text(encoding="utf-8", errors="replace")
        except OSError:
            cache[target] = None
    text = cache[target]
    if text is None:
        return f"names {relative.strip()}, which does not exist under {base}"
    if name not in text:
        return f"names {name}, which {relative.strip()} does not contain"
    return None
