"""`specdoc amend`: one amendment of the spec (and its contracts) in one step.

For the named contract items it finds the AC rows they bind, derives each row's
state from every item that binds it, bumps the spec's Version once, sets the
changed rows' markers, appends a Date history entry, inserts an amendment block
rendered from a template and, when asked, bumps each touched contract's version
and changelog. Everything is planned first and written as one atomic step.
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import semver

from ._contract_edit import bump_contract
from ._contracts import BindingItem, ContractIndex
from ._derive import BoundRow, row_family_ids
from ._edit import (
    block_body,
    block_insert_edit,
    date_entry_edit,
    row_status_edit,
    version_edit,
)
from ._errors import SpecdocError
from ._operations import next_version
from ._plan import FileChange, Plan
from ._rule import StatusRule, explain, item_state, row_state
from ._source import read_source
from ._spec import ParseOptions, Spec, parse_spec
from ._sync import checked_version
from ._templates import BLOCK, CHANGELOG, SUMMARY, find_template, render
from ._views import NO_STATUS


@dataclass(frozen=True)
class AmendRequest:
    """What to amend and how; the command line's options as plain values."""

    gates: Sequence[str] = ()
    from_contract: Path | None = None
    bump: str = "minor"
    as_version: str | None = None
    date: str | None = None
    summary: str | None = None
    block_template: Path | None = None
    summary_template: Path | None = None
    changelog_template: Path | None = None
    bump_contract: str | None = None
    templates_folder: Path | None = None
    root: Path | None = None
    marker_column: str = "Verification"


def plan_amend(
    spec: Spec,
    index: ContractIndex,
    rule: StatusRule,
    request: AmendRequest,
    options: ParseOptions,
) -> Plan:
    named = _named_items(index, request)
    rows = _bound_rows(spec, index, rule, named)
    stale = [b for b in rows if not b.up_to_date]
    plan = Plan(report={"spec": spec.path, "old_version": spec.version})
    if not stale:
        plan.changes.append(FileChange(Path(spec.path), spec.source, spec.source.text))
        plan.notes.append(
            "every named row already carries its derived state; nothing to amend"
        )
        plan.report.update(
            new_version=spec.version, rows=[], summary="nothing to amend"
        )
        return plan
    date = request.date or datetime.date.today().isoformat()
    version = _new_version(spec, request)
    contracts = _contract_versions(index, named, request)
    context = _context(
        spec, index, rule, request, named, stale, version, date, contracts
    )
    contract_changes = _contract_changes(named, contracts, context, request, date)
    summary = request.summary
    if summary is None:
        summary = render(
            find_template(SUMMARY, request.summary_template, request.templates_folder),
            context,
        )
    block = render(
        find_template(BLOCK, request.block_template, request.templates_folder), context
    )
    edits = [version_edit(spec, version)]
    edits += [row_status_edit(spec, b.row, b.derived.state, version) for b in stale]
    date_edit = date_entry_edit(spec, date, version, summary)
    if date_edit is None:
        plan.notes.append(
            f"{spec.path} has no **Date:** line; no Date history entry was added"
        )
    else:
        edits.append(date_edit)
    edits.append(block_insert_edit(spec, block))
    new_text = spec.source.splice(edits)
    _verify(spec, new_text, options, version, stale, block_body(spec, block), request)
    plan.changes.append(FileChange(Path(spec.path), spec.source, new_text))
    plan.changes.extend(contract_changes)
    plan.report.update(
        new_version=version,
        date=date,
        items=[_item_ref(item) for item in named],
        rows=[
            {
                "id": b.row.ac_id,
                "line": b.row.line,
                "old_status": b.row.status,
                "old_version": b.row.status_version,
                "new_status": b.derived.state,
                "explanation": b.derived.explanation,
            }
            for b in stale
        ],
        contracts=context["contracts"],
        summary=(
            f"{spec.path}: v{spec.version} -> v{version}; "
            + ", ".join(f"{b.row.ac_id} {b.derived.state}" for b in stale)
        ),
    )
    return plan


def _named_items(index: ContractIndex, request: AmendRequest) -> list[BindingItem]:
    items: list[BindingItem] = []
    for gate in request.gates:
        found = index.find_item(gate)
        if not found:
            known = sorted({i.item_id for i in index.items if i.item_id})
            near = difflib.get_close_matches(gate, known, n=1)
            hint = (
                f"did you mean {near[0]}?"
                if near
                else ("name the id of a contract item that binds an AC row")
            )
            raise SpecdocError(
                f"no binding item {gate} in the contracts "
                f"({index.files_seen} files searched)",
                None,
                None,
                hint,
            )
        if len({(i.contract_path, i.line) for i in found}) > 1:
            places = ", ".join(f"{i.contract_path}:{i.line}" for i in found)
            raise SpecdocError(
                f"item id {gate} is used by more than one binding item ({places})",
                found[1].contract_path,
                found[1].line,
                "give each item its own id",
            )
        items.extend(i for i in found if i not in items)
    if request.from_contract is not None:
        wanted = request.from_contract.resolve()
        chosen = [i for i in index.items if Path(i.contract_path).resolve() == wanted]
        if not chosen:
            raise SpecdocError(
                "no item of this contract binds an AC row (or the contract is not "
                "among the configured contract files)",
                request.from_contract,
                None,
                "check the path and the `contracts` setting",
            )
        items.extend(i for i in chosen if i not in items)
    if not items:
        raise SpecdocError(
            "nothing to amend", None, None, "name --gate ID or --from-contract PATH"
        )
    return items


def _bound_rows(
    spec: Spec, index: ContractIndex, rule: StatusRule, named: list[BindingItem]
) -> list[BoundRow]:
    wanted = {item.ac_id for item in named}
    for item in named:
        if item.ac_id not in spec.rows:
            raise SpecdocError(
                f"{item.item_id} binds {item.ac_id}, which {spec.path} does not have",
                item.contract_path,
                item.line,
                "fix binds_to, or add the row to the spec",
            )
    rows = []
    for ac_id, row in spec.rows.items():
        if ac_id in wanted:
            if row.status_cell is None:
                raise SpecdocError(
                    f"{ac_id} is in a table with no Verification or Status column",
                    spec.path,
                    row.line,
                    "add a Verification or Status column to the table",
                )
            rows.append(BoundRow(row, row_state(ac_id, index.for_ac(ac_id), rule)))
    return rows


def _new_version(spec: Spec, request: AmendRequest) -> str:
    if request.as_version:
        version = checked_version(request.as_version, "--as-version")
        if semver.Version.parse(version) <= semver.Version.parse(spec.version):
            raise SpecdocError(
                f"--as-version {version} is not above the spec's Version "
                f"{spec.version}",
                spec.path,
                spec.version_line.line,
                "name a higher version, or use --bump",
            )
    else:
        version = next_version(spec.version, request.bump)
    for block in spec.amendments:
        if block.version == version:
            raise SpecdocError(
                f"the spec already has a v{version} amendment block",
                spec.path,
                block.line,
                "choose another version with --as-version, or --bump",
            )
    return version


def _contract_versions(
    index: ContractIndex, named: list[BindingItem], request: AmendRequest
) -> dict[str, tuple[str | None, str | None]]:
    """Old and new version of each touched contract, in order of first mention."""
    versions: dict[str, tuple[str | None, str | None]] = {}
    for item in named:
        if item.contract_path in versions:
            continue
        old = item.contract_version
        new = old
        if request.bump_contract and old and semver.Version.is_valid(old):
            new = next_version(old, request.bump_contract)
        versions[item.contract_path] = (old, new)
    return versions


def _relative(path: str, root: Path | None) -> str:
    base = root or Path.cwd()
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return path


def _flat(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


def _item_ref(item: BindingItem) -> dict[str, Any]:
    return {
        "id": item.item_id,
        "contract": item.contract_path,
        "line": item.line,
        "ac_id": item.ac_id,
    }


def _context(
    spec: Spec,
    index: ContractIndex,
    rule: StatusRule,
    request: AmendRequest,
    named: list[BindingItem],
    stale: list[BoundRow],
    version: str,
    date: str,
    contract_versions: dict[str, tuple[str | None, str | None]],
) -> dict[str, Any]:
    contracts = {
        path: {
            "path": _relative(path, request.root),
            "id": next(i.contract_id for i in named if i.contract_path == path),
            "old_version": old,
            "new_version": new,
        }
        for path, (old, new) in contract_versions.items()
    }

    def item_view(item: BindingItem) -> dict[str, Any]:
        state = item_state(item, rule)
        return {
            "id": item.item_id,
            "ac_id": item.ac_id,
            "list_key": item.list_key,
            "line": item.line,
            "verdict": item.verdict,
            "discharge_status": item.discharge_status,
            "falsification_id": item.falsification_id,
            "ship_blocking": item.ship_blocking,
            "evidence": list(item.evidence_discharged_by),
            "partial_discharge_note": _flat(item.partial_discharge_note),
            "full_discharge_blocks_on": _flat(item.full_discharge_blocks_on),
            "fields": dict(item.fields),
            "state": state.state,
            "reason": state.reason,
            "contract": contracts.get(item.contract_path)
            or {
                "path": _relative(item.contract_path, request.root),
                "id": item.contract_id,
                "old_version": item.contract_version,
                "new_version": item.contract_version,
            },
        }

    def where(item: BindingItem) -> str:
        return f"{_relative(item.contract_path, request.root)}:{item.line}"

    changed_ids = {b.row.ac_id for b in stale}
    rows = []
    for bound in stale:
        row = bound.row
        ids = row_family_ids(spec, row, request.marker_column)
        rows.append(
            {
                "id": row.ac_id,
                "line": row.line,
                "heading": spec.tables[row.table].heading,
                "criterion": row.cells[1].text if len(row.cells) > 1 else "",
                "old_state": row.status,
                "old_version": row.status_version,
                "new_state": bound.derived.state,
                "explanation": explain(
                    bound.derived.items, bound.derived.deciding, rule, where
                ),
                "falsification_ids": sorted(i for group in ids.values() for i in group),
                "named_items": [item_view(i) for i in named if i.ac_id == row.ac_id],
                "all_items": [item_view(s.item) for s in bound.derived.items],
            }
        )
    touched = set(contract_versions)
    other = []
    for ac_id, row in spec.rows.items():
        if ac_id in changed_ids:
            continue
        if any(i.contract_path in touched for i in index.for_ac(ac_id)):
            other.append(
                {
                    "id": ac_id,
                    "state": row.status or "unmarked",
                    "version": row.status_version,
                }
            )
    document_id = spec.field("Document ID")
    before = Counter(r.status or NO_STATUS for r in spec.rows.values())
    after = before.copy()
    for bound in stale:
        after[bound.row.status or NO_STATUS] -= 1
        after[bound.derived.state] += 1
    states = sorted(set(before) | set(after))
    tallies = {s: {"before": before[s], "after": after[s]} for s in states}
    return {
        "version": version,
        "old_version": spec.version,
        "date": date,
        "spec": {
            "path": _relative(spec.path, request.root),
            "document_id": document_id.value if document_id else None,
            "version": spec.version,
        },
        "items": [item_view(i) for i in named],
        "rows": rows,
        "contracts": list(contracts.values()),
        "other_rows": other,
        "tallies": tallies,
    }


def _contract_changes(
    named: list[BindingItem],
    versions: dict[str, tuple[str | None, str | None]],
    context: dict[str, Any],
    request: AmendRequest,
    date: str,
) -> list[FileChange]:
    if not request.bump_contract:
        return []
    changes = []
    template = find_template(
        CHANGELOG, request.changelog_template, request.templates_folder
    )
    for path, (_old, new) in versions.items():
        own = [
            i
            for i in context["items"]
            if i["contract"]["path"] == _relative(path, request.root)
        ]
        entry = render(template, {**context, "items": own})
        source = read_source(Path(path))
        bumped = bump_contract(source.text, path, request.bump_contract, date, entry)
        if new is not None and bumped.new_version != new:
            raise SpecdocError(
                f"contract version moved to {bumped.new_version}, expected {new}",
                path,
                None,
                "make `version` and `metadata.version` agree",
            )
        changes.append(FileChange(Path(path), source, bumped.new_text))
    return changes


def _verify(
    spec: Spec,
    new_text: str,
    options: ParseOptions,
    version: str,
    stale: list[BoundRow],
    body: str,
    request: AmendRequest,
) -> None:
    """Parse the amended text again: the new block must read as one amendment."""
    source = type(spec.source)(spec.source.path, new_text, spec.source.bom)
    amended = parse_spec(source, options)
    template = request.block_template or "the amendment block template"
    blocks = [b for b in amended.amendments if b.version == version]
    if len(blocks) != 1 or new_text[blocks[0].start : blocks[0].end] != body.rstrip():
        raise SpecdocError(
            f"the rendered block does not read as one `**v{version} amendment (…):**` "
            "block (it must start so, and no later paragraph of it may begin with "
            "bold)",
            template,
            None,
            "fix the template",
        )
    for bound in stale:
        row = amended.rows[bound.row.ac_id]
        if row.status != bound.derived.state or row.status_version != version:
            raise SpecdocError(
                f"{row.ac_id} did not read back as {bound.derived.state} v{version}",
                spec.path,
                row.line,
                "check the row's Verification or Status cell",
            )
