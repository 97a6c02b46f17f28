"""The binding index: which contract items bind which AC rows of the spec.

A contract binds an AC row through an item of one of its binding lists (`gates`,
`falsification_tests`, `falsification` by default) that names the row's id in
`binds_to` (a string or a list of strings, each a whole id) or inside a
`discharges` string (`"AC-SHIP1-008 / FALSIFY-SHIP-008"`). A `binds_to` naming
anything else, such as an invariant, is not a binding.

Only files whose raw text holds one of the binding keys are parsed as YAML; the
others cannot bind anything, so they are counted as seen and left alone. Items are
indexed in the order of `paths`, and by line within a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ._yamlpos import Document, YamlError, YamlList, YamlMap, decode, load

BINDING_LISTS = ("gates", "falsification_tests", "falsification")
BINDS_TO_KEYS = ("binds_to",)
DISCHARGES_KEYS = ("discharges",)
_ID_KEYS = ("contract_id", "id", "name")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class BindingItem:
    """One item of a contract that binds one AC row.

    `contract_id` is the top-level `contract_id`, else the top-level `id`, else the
    top-level `name`, else `metadata.contract_id` or `metadata.id`.
    `contract_version` is the top-level `version`, else `metadata.version`.
    An item binding several rows gives one `BindingItem` per row.
    """

    contract_path: str
    line: int
    contract_id: str | None
    contract_version: str | None
    list_key: str
    item_id: str | None
    ac_id: str
    verdict: str | None
    discharge_status: str | None
    falsification_id: str | None
    ship_blocking: object
    evidence_discharged_by: tuple[str, ...]
    partial_discharge_note: str | None
    full_discharge_blocks_on: str | None
    fields: Mapping[str, object] = field(compare=False, hash=False, repr=False)

    @property
    def where(self) -> str:
        """The item's place as `path:line`."""
        return f"{self.contract_path}:{self.line}"


@dataclass
class ContractProblem:
    """A contract that could not be read or parsed (line 0 when no line applies)."""

    path: str
    line: int
    column: int
    message: str


@dataclass
class ContractIndex:
    """Every binding item found, and the contracts that could not be read."""

    items: list[BindingItem]
    problems: list[ContractProblem]
    files_seen: int
    files_parsed: int
    _by_ac: dict[str, list[BindingItem]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _by_item: dict[str, list[BindingItem]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _indexed: int = field(default=-1, init=False, repr=False, compare=False)

    def for_ac(self, ac_id: str) -> list[BindingItem]:
        """Return the items binding `ac_id`, in index order."""
        self._refresh()
        return list(self._by_ac.get(ac_id, ()))

    def find_item(self, item_id: str) -> list[BindingItem]:
        """Return the binding items whose `id` is `item_id` (one per bound row)."""
        self._refresh()
        return list(self._by_item.get(item_id, ()))

    def ac_ids(self) -> list[str]:
        """Return every bound AC id, in order of first appearance."""
        self._refresh()
        return list(self._by_ac)

    def _refresh(self) -> None:
        if self._indexed == len(self.items):
            return
        self._by_ac, self._by_item = {}, {}
        for item in self.items:
            self._by_ac.setdefault(item.ac_id, []).append(item)
            if item.item_id is not None:
                self._by_item.setdefault(item.item_id, []).append(item)
        self._indexed = len(self.items)


def contract_files(root: Path, globs: Sequence[str]) -> list[Path]:
    """Expand `globs` (with `**`, relative to `root` or absolute) to sorted files."""
    found: set[Path] = set()
    for pattern in globs:
        base, rest = _split_glob(root, pattern)
        if not rest:
            if base.is_file():
                found.add(base)
            continue
        found.update(path for path in base.glob(rest) if path.is_file())
    return sorted(found)


def load_index(
    paths: Iterable[Path],
    ac_pattern: re.Pattern[str],
    *,
    binding_lists: Sequence[str] = BINDING_LISTS,
    binds_to_keys: Sequence[str] = BINDS_TO_KEYS,
    discharges_keys: Sequence[str] = DISCHARGES_KEYS,
) -> ContractIndex:
    """Read the contracts at `paths` and index the items that bind AC rows."""
    finder = BindingFinder(ac_pattern, binds_to_keys, discharges_keys)
    markers = [key.encode("utf-8") for key in (*binds_to_keys, *discharges_keys)]
    index = ContractIndex([], [], 0, 0)
    for path in paths:
        index.files_seen += 1
        document = _read_if_binding(path, markers, index.problems)
        if document is None:
            continue
        index.files_parsed += 1
        index.items.extend(_items_of(str(path), document, finder, binding_lists))
    return index


class BindingFinder:
    """Find the AC ids an item binds, through `binds_to` or `discharges`."""

    def __init__(
        self,
        ac_pattern: re.Pattern[str],
        binds_to_keys: Sequence[str] = BINDS_TO_KEYS,
        discharges_keys: Sequence[str] = DISCHARGES_KEYS,
    ) -> None:
        self.ac_pattern = ac_pattern
        self.binds_to_keys = tuple(binds_to_keys)
        self.discharges_keys = tuple(discharges_keys)
        bounded = rf"(?<![\w-])(?:{ac_pattern.pattern})(?![\w-])"
        self._named = re.compile(bounded, ac_pattern.flags)

    def ac_ids(self, item: Mapping[object, object]) -> list[str]:
        """Return the AC ids `item` binds, each once, in the order they are named."""
        found: list[str] = []
        for key in self.binds_to_keys:
            for text in _strings(item.get(key)):
                if self.ac_pattern.fullmatch(text.strip()):
                    found.append(text.strip())
        for key in self.discharges_keys:
            for text in _strings(item.get(key)):
                found.extend(match.group(0) for match in self._named.finditer(text))
        return list(dict.fromkeys(found))


def contract_identity(root: YamlMap) -> tuple[str | None, str | None]:
    """Return a contract's id and version, as `BindingItem` documents them."""
    metadata = root.get("metadata")
    meta = metadata if isinstance(metadata, YamlMap) else YamlMap()
    contract_id = _first_text(root, _ID_KEYS)
    if contract_id is None:
        contract_id = _first_text(meta, ("contract_id", "id"))
    version = _first_text(root, ("version",))
    if version is None:
        version = _first_text(meta, ("version",))
    return contract_id, version


def plain(value: object) -> object:
    """Return `value` as plain dicts and lists, free of parser positions."""
    if isinstance(value, dict):
        return {_key_text(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _split_glob(root: Path, pattern: str) -> tuple[Path, str]:
    path = Path(pattern)
    parts = path.parts
    fixed = 0
    while fixed < len(parts) and not _GLOB_CHARS.intersection(parts[fixed]):
        fixed += 1
    base = Path(*parts[:fixed]) if fixed else Path()
    rest = "/".join(parts[fixed:])
    return (base if path.is_absolute() else root / base), rest


def _read_if_binding(
    path: Path, markers: Sequence[bytes], problems: list[ContractProblem]
) -> Document | None:
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.append(
            ContractProblem(str(path), 0, 0, f"cannot read: {err.strerror}")
        )
        return None
    if not any(marker in data for marker in markers):
        return None
    try:
        return load(decode(data))
    except YamlError as err:
        problems.append(ContractProblem(str(path), err.line, err.column, err.problem))
        return None


def _items_of(
    path: str, document: Document, finder: BindingFinder, binding_lists: Sequence[str]
) -> list[BindingItem]:
    root = document.root
    if not isinstance(root, YamlMap):
        return []
    contract_id, version = contract_identity(root)
    found: list[BindingItem] = []
    for list_key in binding_lists:
        entries = root.get(list_key)
        if not isinstance(entries, YamlList):
            continue
        for position, entry in enumerate(entries):
            if not isinstance(entry, YamlMap):
                continue
            line = entries.item_line(position)
            for ac_id in finder.ac_ids(entry):
                head = (path, line, contract_id, version, list_key)
                found.append(_binding(head, ac_id, entry))
    return sorted(found, key=lambda item: item.line)


def _binding(
    head: tuple[str, int, str | None, str | None, str], ac_id: str, item: YamlMap
) -> BindingItem:
    path, line, contract_id, version, list_key = head
    fields = plain(item)
    assert isinstance(fields, dict)
    return BindingItem(
        contract_path=path,
        line=line,
        contract_id=contract_id,
        contract_version=version,
        list_key=list_key,
        item_id=_text(item.get("id")),
        ac_id=ac_id,
        verdict=_text(item.get("verdict")),
        discharge_status=_text(item.get("discharge_status")),
        falsification_id=_text(item.get("falsification_id")),
        ship_blocking=fields.get("ship_blocking"),
        evidence_discharged_by=tuple(_strings(item.get("evidence_discharged_by"))),
        partial_discharge_note=_text(item.get("partial_discharge_note")),
        full_discharge_blocks_on=_text(item.get("full_discharge_blocks_on")),
        fields=fields,
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _text(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return value if isinstance(value, str) else str(value)


def _first_text(mapping: Mapping[object, object], keys: Sequence[str]) -> str | None:
    for key in keys:
        text = _text(mapping.get(key))
        if text is not None:
            return text
    return None


def _key_text(key: object) -> str:
    return key if isinstance(key, str) else str(key)
