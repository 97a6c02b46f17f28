"""Rows and the contract items that bind them: derived states and row ids."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ._config import Settings
from ._contracts import ContractIndex, contract_files, load_index
from ._rule import RowState, StatusRule, row_state
from ._source import display_path
from ._spec import ACRow, Spec

_FAMILY_ID = re.compile(
    r"(?P<family>[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*(?:-[0-9]+[A-Z][A-Z0-9]*)*)"
    r"-(?P<number>[0-9]+)(?:\.\.(?P<last>[0-9]+))?"
)


def load_contracts(settings: Settings) -> ContractIndex:
    """Index the binding items of every contract the settings match."""
    cwd = os.getcwd()
    paths = [
        Path(display_path(p, cwd))
        for p in contract_files(Path(cwd), settings.contracts)
    ]
    return load_index(
        paths,
        re.compile(settings.ac_id_pattern),
        binding_lists=settings.binding_lists,
        binds_to_keys=settings.binds_to_keys,
        discharges_keys=settings.discharges_keys,
    )


@dataclass(frozen=True)
class BoundRow:
    """A spec row, its derived state, and whether its marker must change."""

    row: ACRow
    derived: RowState

    @property
    def up_to_date(self) -> bool:
        """A row without a marker never counts as matching."""
        return self.row.has_marker and self.row.status == self.derived.state


def bound_rows(spec: Spec, index: ContractIndex, rule: StatusRule) -> list[BoundRow]:
    """Every spec row that some contract item binds, in spec order."""
    bound = []
    for ac_id, row in spec.rows.items():
        items = index.for_ac(ac_id)
        if items:
            bound.append(BoundRow(row, row_state(ac_id, items, rule)))
    return bound


def family_ids(text: str) -> dict[str, set[str]]:
    """Ids such as ``FALSIFY-SHIP-009`` in ``text``, grouped by family.

    A range ``FALSIFY-SHARD-001..004`` stands for each id in it.
    """
    found: dict[str, set[str]] = {}
    for match in _FAMILY_ID.finditer(text):
        family, number, last = match.group("family", "number", "last")
        ids = found.setdefault(family, set())
        first = int(number)
        stop = max(int(last), first) if last else first
        ids.update(f"{family}-{v:0{len(number)}d}" for v in range(first, stop + 1))
    return found


def row_family_ids(spec: Spec, row: ACRow, column: str) -> dict[str, set[str]]:
    """Falsification ids named in the row's Verification cell (marker aside)."""
    table = spec.tables[row.table]
    lowered = [c.lower() for c in table.columns]
    if column.lower() not in lowered:
        return {}
    index = lowered.index(column.lower())
    if index >= len(row.cells):
        return {}
    text = row.cells[index].text
    cut = text.find("**(")
    return family_ids(text if cut == -1 else text[:cut])
