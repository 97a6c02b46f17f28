"""The real documents (run only when SPECDOC_CORPUS names them)."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from conftest import run

from specdoc._source import read_source
from specdoc._spec import load_spec

V2 = "specs/ship-two-models-spec@v2.25.0.md"
V3 = "specs/ship-two-models-spec@v3.12.0.md"
SECTIONS = {"4.2": 10, "5.2": 12, "12.3": 7}


def rows_of(spec_path: Path) -> list[dict[str, object]]:
    result = run("--spec", str(spec_path), "show", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["rows"]


def header_of(spec_path: Path) -> dict[str, object]:
    result = run("--spec", str(spec_path), "show", "--header", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("name", [V2, V3])
def test_the_29_ac_rows(corpus: Path, name: str) -> None:
    rows = rows_of(corpus / name)
    assert len(rows) == 29
    by_section: dict[str, int] = {}
    for row in rows:
        section = str(row["table"]).split()[0]
        by_section[section] = by_section.get(section, 0) + 1
    assert by_section == SECTIONS
    lines = (corpus / name).read_text(encoding="utf-8").splitlines()
    for row in rows:
        assert lines[int(row["line"]) - 1].startswith(f"| {row['id']} ")  # type: ignore[call-overload]


def test_v2_header(corpus: Path) -> None:
    header = header_of(corpus / V2)
    history = header["date_history"]
    assert header["version"] == "2.25.0"
    assert len(history) == 22
    assert (history[0]["version"], history[-1]["version"]) == ("1.0.0", "2.23.0")
    assert len(header["amendments"]) == 20
    assert [s["version"] for s in header["section_amendments"]] == ["2.23.0"]
    assert all(r["status"] is None for r in rows_of(corpus / V2))


def test_v3_header_and_markers(corpus: Path) -> None:
    header = header_of(corpus / V3)
    history = header["date_history"]
    assert len(history) == 44
    assert (history[0]["version"], history[-1]["version"]) == ("1.0.0", "2.45.0")
    assert any(" / " in e["summary"] and "(" in e["summary"] for e in history)
    notes = [a["note"] for a in header["amendments"]]
    assert len(notes) == 29 and "first live Phase 3 discharge" in notes
    assert len(header["section_amendments"]) == 1
    actions = [f for f in header["fields"] if f["key"].startswith("Atomic next action")]
    assert len(actions) == 48
    assert actions[0]["version"] == "v3.12.0" and "v3.00.0" in [
        a["version"] for a in actions
    ]
    marked = [r for r in rows_of(corpus / V3) if str(r["id"]).startswith("AC-SHIP")]
    assert len(marked) == 22
    assert all(r["status"] and r["status_version"] for r in marked)
    nine = next(r for r in marked if r["id"] == "AC-SHIP1-009")
    assert (nine["status"], nine["status_version"]) == (
        "PARTIAL_ALGORITHM_LEVEL",
        "2.33.0",
    )


@pytest.mark.parametrize("name", [V2, V3])
def test_unchanged_write_is_byte_identical_and_bump_is_one_line(
    corpus: Path, name: str, tmp_path: Path
) -> None:
    source = read_source(corpus / name)
    assert source.encode() == (corpus / name).read_bytes()
    spec = load_spec(corpus / name)
    assert spec.source.splice([]) == source.text
    result = run("--spec", str(corpus / name), "bump", "minor", "--dry-run")
    assert result.exit_code == 0
    changed = [
        line
        for line in result.output.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2 and changed[0].startswith("-**Version:**")


def test_check_finds_exactly_the_two_real_drifts(corpus: Path) -> None:
    result = run(
        "--spec",
        str(corpus / V3),
        "--contracts",
        str(corpus / "contracts/**/*.yaml"),
        "check",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [
        ("C001", 1149),
        ("C001", 1150),
    ]
    two, three = (f["message"] for f in findings)
    assert two.startswith("AC-SHIP2-002 is marked PARTIAL_ALGORITHM_LEVEL")
    assert "DISCHARGED" in two and "7 binding items" in two
    assert three.startswith("AC-SHIP2-003 is marked PARTIAL_ALGORITHM_LEVEL")
    assert "PENDING" in three and "GATE-TRAIN-EXHAUST" in three and "17" in three


def copy_repo(corpus: Path, tmp_path: Path) -> Path:
    shutil.copy(corpus / V2, tmp_path / "spec.md")
    shutil.copytree(corpus / "contracts", tmp_path / "contracts")
    for path in tmp_path.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (tmp_path / "specdoc.toml").write_text('spec = "spec.md"\n', encoding="utf-8")
    return tmp_path


def test_sync_writes_the_twelve_markers(corpus: Path, tmp_path: Path) -> None:
    repo = copy_repo(corpus, tmp_path)
    old = (repo / "spec.md").read_text(encoding="utf-8")
    assert run("-C", str(repo), "sync").exit_code == 0
    new = (repo / "spec.md").read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith("+ ")
    ]
    expected = {
        "AC-SHIP1-008": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP1-009": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP1-010": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP2-001": "DISCHARGED",
        "AC-SHIP2-002": "DISCHARGED",
        "AC-SHIP2-003": "PENDING",
        "AC-SHIP2-005": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP2-007": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP2-009": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP2-010": "PARTIAL_ALGORITHM_LEVEL",
        "AC-SHIP2-011": "DISCHARGED",
        "AC-SHIP2-012": "DISCHARGED",
    }
    assert len(changed) == 12
    for line in changed:
        ac_id = line[4:].split()[0]
        assert line.rstrip().endswith(f"**({expected[ac_id]} v2.25.0)** |"), line
    assert {line[4:].split()[0] for line in changed} == set(expected)
    assert run("-C", str(repo), "sync", "--check").exit_code == 0
    before = (repo / "spec.md").read_bytes()
    assert run("-C", str(repo), "sync").exit_code == 0
    assert (repo / "spec.md").read_bytes() == before
    result = run("-C", str(repo), "check", "--select", "C001")
    assert result.exit_code == 0, result.output


def test_amend_reproduces_the_hand_made_amendment(corpus: Path, tmp_path: Path) -> None:
    repo = copy_repo(corpus, tmp_path)
    old = (repo / "spec.md").read_text(encoding="utf-8")
    old_contract = (repo / "contracts/apr-provenance-v1.yaml").read_text(
        encoding="utf-8"
    )
    result = run(
        "-C", str(repo), "amend", "--gate", "GATE-APR-PROV-004", "--date", "2026-04-22"
    )
    assert result.exit_code == 0, result.output
    new = (repo / "spec.md").read_text(encoding="utf-8")
    spec = load_spec(repo / "spec.md")
    assert spec.version == "2.26.0"
    row_line = new.splitlines()[spec.rows["AC-SHIP1-009"].line - 1]
    assert row_line.rstrip(" |").endswith(
        "FALSIFY-SHIP-009 **(PARTIAL_ALGORITHM_LEVEL v2.26.0)**"
    )
    assert spec.date_history[-1].date == "2026-04-22"
    assert spec.date_history[-1].version == "2.26.0"
    block = spec.amendments[0]
    text = new[block.start : block.end]
    assert text.startswith("**v2.26.0 amendment (2026-04-22):**")
    for needle in (
        "GATE-APR-PROV-004",
        "AC-SHIP1-009",
        "FALSIFY-SHIP-009",
        "PARTIAL_ALGORITHM_LEVEL",
        "contracts/apr-provenance-v1.yaml",
        "provenance_tests.rs::falsify_ship_009",
    ):
        assert needle in text
    first, last = spec.source.line_of(block.start), spec.source.line_of(block.end)
    added, removed = [], []
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed += old.splitlines()[i1:i2] if tag != "equal" else []
        added += [j + 1 for j in range(j1, j2) if tag != "equal"]
    outside = [n for n in added if not first <= n <= last]
    assert len(removed) == 3
    assert len(outside) == 3 + 1  # the three edited lines, and a blank before the block
    assert [new.splitlines()[n - 1] for n in outside].count("") == 1
    assert (repo / "contracts/apr-provenance-v1.yaml").read_text(
        encoding="utf-8"
    ) == old_contract
    before = (repo / "spec.md").read_bytes()
    again = run(
        "-C", str(repo), "amend", "--gate", "GATE-APR-PROV-004", "--date", "2026-04-22"
    )
    assert again.exit_code == 0 and (repo / "spec.md").read_bytes() == before


def test_amend_bumps_the_contract(corpus: Path, tmp_path: Path) -> None:
    repo = copy_repo(corpus, tmp_path)
    path = repo / "contracts/apr-provenance-v1.yaml"
    old = path.read_text(encoding="utf-8")
    result = run(
        "-C",
        str(repo),
        "amend",
        "--gate",
        "GATE-APR-PROV-004",
        "--date",
        "2026-04-23",
        "--bump-contract",
        "minor",
    )
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    removed = [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith("- ")
    ]
    added = [
        line
        for line in difflib.ndiff(old.splitlines(), new.splitlines())
        if line.startswith("+ ")
    ]
    assert sorted(removed) == sorted(
        ["- version: 1.1.0", '-   version: "1.1.0"', '-   updated: "2026-04-22"']
    )
    assert "+ version: 1.2.0" in added and '+   version: "1.2.0"' in added
    assert '+   updated: "2026-04-23"' in added
    entry = [
        line
        for line in added
        if line
        not in ("+ version: 1.2.0", '+   version: "1.2.0"', '+   updated: "2026-04-23"')
    ]
    assert entry[0].startswith('+     - "1.2.0 (2026-04-23): GATE-APR-PROV-004')
    assert new.index("1.2.0 (2026-04-23)") < new.index("1.1.0 (2026-04-22)")
