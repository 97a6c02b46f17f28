"""Bumping a contract: only the version lines, `updated` and the new entry change."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from specdoc._contract_edit import bump_contract
from specdoc._errors import SpecdocError
from specdoc._yamlpos import YamlList, YamlMap, load

CORPUS = os.environ.get("SPECDOC_CORPUS")
DATE = "2026-05-01"
LONG = (
    'Bound GATE-KETTLE-006 to AC-DEMO-010 so the "dry boil" cut-out is tracked; '
    "the rule is proven on the simulator and waits on a bench run with real "
    r"hardware under C:\bench before it counts as discharged."
)

QUOTED = """\
contract_id: C-KETTLE
version: 1.1.0
status: ACTIVE

metadata:
  version: "1.1.0"
  updated: "2026-02-10"
  changelog:
    - "1.1.0 (2026-02-10): Added the thermostat gate and bound it to
       AC-DEMO-001; the rule is a pure threshold so it is proven by a
       unit test today."
    - "1.0.0 (2026-01-05): First version."
  author: Kettle Team
"""


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(True), new.splitlines(True)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def first_entry(text: str) -> object:
    root = load(text).root
    assert isinstance(root, YamlMap)
    metadata = root.get("metadata")
    if isinstance(metadata, YamlMap) and "changelog" in metadata:
        log = metadata["changelog"]
    else:
        log = root["changelog"]
    assert isinstance(log, YamlList)
    return log[0]


def folded(text: object) -> str:
    assert isinstance(text, str)
    return " ".join(text.split())


def test_double_quoted_wrapped_entries() -> None:
    bump = bump_contract(QUOTED, "kettle.yaml", "minor", DATE, LONG)
    assert (bump.old_version, bump.new_version) == ("1.1.0", "1.2.0")
    removed, added = changed_lines(QUOTED, bump.new_text)
    assert removed == [
        "version: 1.1.0\n",
        '  version: "1.1.0"\n',
        '  updated: "2026-02-10"\n',
    ]
    assert added[:3] == [
        "version: 1.2.0\n",
        '  version: "1.2.0"\n',
        f'  updated: "{DATE}"\n',
    ]
    entry = added[3:]
    assert entry[0].startswith('    - "1.2.0 (2026-05-01): Bound GATE-KETTLE-006')
    assert all(line.startswith("       ") for line in entry[1:])
    assert all(len(line.rstrip("\n")) <= 72 for line in entry)
    assert '\\"dry boil\\"' in "".join(entry)
    assert folded(first_entry(bump.new_text)) == folded(f"1.2.0 ({DATE}): {LONG}")


def test_quoting_of_each_version_scalar_is_kept() -> None:
    text = QUOTED.replace('  version: "1.1.0"', "  version: '1.1.0'")
    new = bump_contract(text, "k.yaml", "patch", DATE, "Fixed a typo.").new_text
    assert "\nversion: 1.1.1\n" in new
    assert "\n  version: '1.1.1'\n" in new


def test_major_bump_and_same_date_leaves_updated_alone() -> None:
    bump = bump_contract(QUOTED, "k.yaml", "major", "2026-02-10", "Renamed every gate.")
    assert bump.new_version == "2.0.0"
    removed, _ = changed_lines(QUOTED, bump.new_text)
    assert len(removed) == 2


def test_literal_block_entries_with_v_prefix() -> None:
    text = (
        "contract_id: C-TOASTER\nversion: 1.1.0\nupdated: 2026-02-02\nchangelog:\n"
        "  - |\n    v1.1.0 (2026-02-02): Added the crumb-tray gate.\n"
        "    Status: DRAFT -> ACTIVE\nparent_spec: docs/spec.md\n"
    )
    bump = bump_contract(text, "t.yaml", "minor", DATE, LONG + "\nStatus: unchanged")
    _, added = changed_lines(text, bump.new_text)
    assert added[2] == "  - |\n"
    assert added[3].startswith("    v1.2.0 (2026-05-01): Bound")
    assert added[-1] == "    Status: unchanged\n"
    assert "updated: 2026-05-01\n" in bump.new_text
    entry = first_entry(bump.new_text)
    assert isinstance(entry, str) and entry.endswith("Status: unchanged\n")


def test_plain_one_line_entries_stay_plain_when_they_can() -> None:
    text = "version: 0.3.0\nchangelog:\n  - 0.3.0 first cut of the grinder gates\n"
    new = bump_contract(
        text, "g.yaml", "patch", DATE, "tightened the grind size"
    ).new_text
    assert new.splitlines()[2] == "  - 0.3.1 tightened the grind size"
    assert first_entry(new) == "0.3.1 tightened the grind size"


def test_plain_entry_falls_back_to_double_quotes() -> None:
    text = "version: 0.3.0\nchangelog:\n  - 0.3.0 first cut of the grinder gates\n"
    new = bump_contract(
        text, "g.yaml", "patch", DATE, "note: # is not a comment"
    ).new_text
    assert new.splitlines()[2] == '  - "0.3.1 note: # is not a comment"'


def test_entries_read_as_one_key_mappings_keep_their_shape() -> None:
    text = (
        "version: 1.4.0\nchangelog:\n"
        "  - v1.4.0 (2026-04-23): Added the descaling gate.\n"
        "  - v1.3.0 (2026-04-18): Added the filter gate.\n"
    )
    new = bump_contract(
        text, "d.yaml", "minor", DATE, "Split the descaling gate."
    ).new_text
    assert new.splitlines()[2] == "  - v1.5.0 (2026-05-01): Split the descaling gate."
    colon = bump_contract(text, "d.yaml", "minor", DATE, "Fixed: the filter").new_text
    assert colon.splitlines()[2] == '  - v1.5.0 (2026-05-01): "Fixed: the filter"'


def test_mapping_entries_copy_the_keys_of_the_first() -> None:
    text = (
        "version: 2.0.0\nmetadata:\n  changelog:\n"
        "    - version: 2.0.0\n      date: '2026-03-03'\n"
        "      changes: Renamed the contract.\n"
        "      author: someone\n"
    )
    new = bump_contract(text, "m.yaml", "patch", DATE, "Reworded a gate.").new_text
    assert new.splitlines()[3:6] == [
        "    - version: 2.0.1",
        "      date: '2026-05-01'",
        "      changes: Reworded a gate.",
    ]
    entry = first_entry(new)
    assert isinstance(entry, dict) and entry["changes"] == "Reworded a gate."


def test_blank_line_between_entries_is_kept() -> None:
    text = 'version: 1.0.1\nchangelog:\n  - "1.0.1: b"\n\n  - "1.0.0: a"\n'
    new = bump_contract(text, "b.yaml", "patch", DATE, "c").new_text
    entries = '  - "1.0.2: c"\n\n  - "1.0.1: b"\n\n  - "1.0.0: a"\n'
    assert new == "version: 1.0.2\nchangelog:\n" + entries


def test_crlf_and_bom_are_kept() -> None:
    text = "\ufeff" + QUOTED.replace("\n", "\r\n")
    new = bump_contract(text, "k.yaml", "minor", DATE, LONG).new_text
    assert new.startswith("\ufeffcontract_id")
    assert "\n" not in new.replace("\r\n", "")
    assert new.count("\r\n") > QUOTED.count("\n")


def test_metadata_without_changelog_gets_one_as_its_last_key() -> None:
    text = (
        "contract_id: C-GRINDER\nversion: 1.0.0\n\nmetadata:\n  version: 1.0.0\n"
        "  description: >\n    Grinds beans.\n\n# ---- gates ----\ngates: []\n"
    )
    new = bump_contract(text, "g.yaml", "minor", DATE, "Added gates.").new_text
    assert new == (
        "contract_id: C-GRINDER\nversion: 1.1.0\n\nmetadata:\n  version: 1.1.0\n"
        "  description: >\n    Grinds beans.\n"
        '  changelog:\n    - "1.1.0 (2026-05-01): Added gates."\n'
        "\n# ---- gates ----\ngates: []\n"
    )


def test_empty_and_flow_changelogs() -> None:
    empty = bump_contract(
        "version: 1.0.0\nchangelog: []\n", "e.yaml", "patch", DATE, "x"
    )
    assert empty.new_text == 'version: 1.0.1\nchangelog:\n  - "1.0.1 (2026-05-01): x"\n'
    flow = bump_contract(
        'version: 1.0.0\nchangelog: ["1.0.0: a"]\n', "f.yaml", "patch", DATE, "b"
    )
    assert flow.new_text == 'version: 1.0.1\nchangelog: ["1.0.1: b", "1.0.0: a"]\n'


def test_disagreeing_versions_are_an_error_naming_both_lines() -> None:
    text = QUOTED.replace('"1.1.0"', '"1.2.0"')
    with pytest.raises(SpecdocError) as caught:
        bump_contract(text, "k.yaml", "minor", DATE, "x")
    assert caught.value.exit_code == 2
    assert caught.value.message == (
        "k.yaml:2: version 1.1.0 (line 2) disagrees with metadata.version 1.2.0 "
        "(line 6); make them equal first"
    )


@pytest.mark.parametrize(
    ("text", "part", "date", "says"),
    [
        ("version: 1.0.0\n", "minor", DATE, "no changelog and no `metadata`"),
        ("version: '1.0'\nchangelog: []\n", "minor", DATE, "not a semantic version"),
        ("contract_id: C\nchangelog: []\n", "minor", DATE, "no `version`"),
        ("version: 1.0.0\nchangelog: []\n", "huge", DATE, "cannot bump `huge`"),
        ("version: 1.0.0\nchangelog: []\n", "minor", "01/05/2026", "is not a date"),
        ("version: [1.0.0\n", "minor", DATE, "does not parse"),
        ("version: 1.0.0\nchangelog: see git\n", "minor", DATE, "not a list"),
    ],
)
def test_bad_input_is_a_specdoc_error(
    text: str, part: str, date: str, says: str
) -> None:
    with pytest.raises(SpecdocError) as caught:
        bump_contract(text, "c.yaml", part, date, "x")
    assert says in caught.value.message


@pytest.mark.skipif(not CORPUS, reason="SPECDOC_CORPUS is not set")
def test_corpus_provenance_minor_bump_touches_only_what_it_must() -> None:
    assert CORPUS is not None
    path = Path(CORPUS) / "contracts" / "apr-provenance-v1.yaml"
    text = path.read_bytes().decode("utf-8")
    bump = bump_contract(text, str(path), "minor", DATE, LONG)
    assert (bump.old_version, bump.new_version) == ("1.1.0", "1.2.0")
    removed, added = changed_lines(text, bump.new_text)
    assert removed == [
        "version: 1.1.0\n",
        '  version: "1.1.0"\n',
        '  updated: "2026-04-22"\n',
    ]
    assert added[:3] == [
        "version: 1.2.0\n",
        '  version: "1.2.0"\n',
        f'  updated: "{DATE}"\n',
    ]
    old_lines = text.splitlines(True)
    at = old_lines.index("  changelog:\n") + 1
    assert bump.new_text.splitlines(True)[at : at + len(added) - 3] == added[3:]
    assert folded(first_entry(bump.new_text)) == folded(f"1.2.0 ({DATE}): {LONG}")


@pytest.mark.skipif(not CORPUS, reason="SPECDOC_CORPUS is not set")
def test_corpus_every_bumpable_contract_round_trips() -> None:
    assert CORPUS is not None
    for path in sorted((Path(CORPUS) / "contracts").rglob("*.yaml")):
        text = path.read_bytes().decode("utf-8")
        try:
            bump = bump_contract(text, str(path), "patch", DATE, LONG)
        except SpecdocError:
            continue
        load(bump.new_text)
        removed, _ = changed_lines(text, bump.new_text)
        assert len(removed) <= 4, path
