"""`specdoc sync`: regenerate the marker of every bound row from the contracts."""

from __future__ import annotations

from pathlib import Path

import semver

from ._contracts import ContractIndex
from ._derive import BoundRow, bound_rows
from ._edit import row_status_edit, version_edit
from ._errors import SpecdocError
from ._operations import next_version
from ._plan import FileChange, Plan
from ._rule import StatusRule
from ._source import Edit
from ._spec import Spec


def checked_version(value: str, option: str) -> str:
    if not semver.Version.is_valid(value):
        raise SpecdocError(
            f"{option} {value!r} is not a semantic version",
            None,
            None,
            f"write it as MAJOR.MINOR.PATCH, for example {option} 2.26.0",
        )
    return value


def plan_sync(
    spec: Spec,
    index: ContractIndex,
    rule: StatusRule,
    as_version: str | None = None,
    bump: str | None = None,
) -> Plan:
    """Set each bound row whose marker differs from its derived state.

    Rows already stating their derived state keep their marker, version
    included; rows bound by nothing keep their cell. When no row changes,
    nothing changes, the Version line included.
    """
    plan = Plan(report={"spec": spec.path, "old_version": spec.version})
    stale: list[BoundRow] = []
    for bound in bound_rows(spec, index, rule):
        if bound.up_to_date:
            continue
        if bound.row.status_cell is None:
            plan.notes.append(
                f"{spec.path}:{bound.row.line}: {bound.row.ac_id} is bound but its "
                "table has no Verification or Status column; left as it is"
            )
            continue
        stale.append(bound)
    version = spec.version
    edits: list[Edit] = []
    if stale and bump:
        version = next_version(spec.version, bump)
        edits.append(version_edit(spec, version))
    elif stale and as_version:
        version = checked_version(as_version, "--as-version")
    for bound in stale:
        edits.append(row_status_edit(spec, bound.row, bound.derived.state, version))
    plan.changes.append(
        FileChange(Path(spec.path), spec.source, spec.source.splice(edits))
    )
    plan.report.update(
        new_version=version if bump and stale else spec.version,
        rows=[
            {
                "id": b.row.ac_id,
                "line": b.row.line,
                "old_status": b.row.status,
                "old_version": b.row.status_version,
                "new_status": b.derived.state,
                "new_version": version,
                "explanation": b.derived.explanation,
            }
            for b in stale
        ],
        summary=f"{spec.path}: {len(stale)} row(s) updated at v{version}",
    )
    return plan
