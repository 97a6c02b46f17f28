"""`check` (each rule fires and stays quiet) and `sync` on small repositories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run, snapshot

SPEC = """# Spec: Bell

**Version:** 2.0.0
**Date:** 2026-06-01 (v1.0.0) / 2026-06-02 (v1.1.0 ring)

## 1. Ring

| ID | Criterion | Verification |
|----|-----------|--------------|
| AC-BL-001 | rings | FALSIFY-BL-001 **(DISCHARGED v1.1.0)** |
| AC-BL-002 | loud | FALSIFY-BL-002 **(PENDING v2.0.0)** |
| AC-BL-003 | quiet at night | FALSIFY-BL-003 |
| AC-BL-004 | shards | FALSIFY-SHARD-001..004 **(PENDING v1.1.0)** |
"""

GOOD = """contract_id: C-BELL
version: 1.0.0
gates:
  - id: GATE-BL-001
    binds_to: AC-BL-001
    falsification_id: FALSIFY-BL-001
    verdict: pass
    evidence_discharged_by:
      - "src/bell.py::test_rings"
      - "a prose note that is not a path"
  - id: GATE-BL-002
    binds_to: AC-BL-002
    falsification_id: FALSIFY-BL-002
    verdict: active
  - id: GATE-BL-004
    binds_to: AC-BL-004
    falsification_id: FALSIFY-SHARD-003
    verdict: pending
    discharge_status: PENDING
  - id: GATE-INV
    binds_to: INV-BL-001
    verdict: pass
"""


def make(tmp_path: Path, spec: str = SPEC, contract: str = GOOD) -> Path:
    (tmp_path / "contracts").mkdir(exist_ok=True)
    (tmp_path / "spec.md").write_text(spec, encoding="utf-8")
    (tmp_path / "contracts" / "bell-v1.yaml").write_text(contract, encoding="utf-8")
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "bell.py").write_text(
        "def test_rings(): pass\n", encoding="utf-8"
    )
    (tmp_path / "specdoc.toml").write_text('spec = "spec.md"\n', encoding="utf-8")
    return tmp_path


def check(
    repo: Path, *args: str
) -> tuple[int, list[dict[str, object]], dict[str, object]]:
    result = run("-C", str(repo), "check", "--format", "json", *args)
    data = json.loads(result.stdout)
    return result.exit_code, data["findings"], data


def rules(findings: list[dict[str, object]]) -> list[str]:
    return [str(f["rule"]) for f in findings]


def test_a_consistent_repository_is_clean(tmp_path: Path) -> None:
    code, findings, data = check(make(tmp_path))
    assert (code, findings) == (0, [])
    assert data["evidence"] == {"checked": 1, "unchecked": 1}


@pytest.mark.parametrize(
    ("old", "new", "rule", "needle"),
    [
        (
            "verdict: active",
            "verdict: pass",
            "C001",
            "AC-BL-002 is marked PENDING v2.0.0 but its contracts say DISCHARGED",
        ),
        ("binds_to: AC-BL-002", "binds_to: AC-BL-009", "C002", "binds AC-BL-009"),
        (
            "falsification_id: FALSIFY-BL-002",
            "falsification_id: FALSIFY-BL-003",
            "C003",
            "FALSIFY-BL-003, but the row names FALSIFY-BL-002",
        ),
        ("- id: GATE-BL-002", "- id: GATE-BL-001", "C004", "also used at"),
        (
            "discharge_status: PENDING",
            "discharge_status: HALF_DONE",
            "C008",
            "HALF_DONE",
        ),
        (
            "src/bell.py::test_rings",
            "src/bell.py::test_chimes",
            "C006",
            "names test_chimes, which src/bell.py does not contain",
        ),
        (
            "src/bell.py::test_rings",
            "src/gone.py::test_rings",
            "C006",
            "does not exist",
        ),
        (
            "src/bell.py::test_rings",
            "../../etc/passwd::root",
            "C006",
            "leaves the repository",
        ),
        ("gates:", "gates: [", "C007", "does not parse"),
    ],
)
def test_each_contract_rule_fires(
    tmp_path: Path, old: str, new: str, rule: str, needle: str
) -> None:
    assert old in GOOD
    code, findings, _ = check(make(tmp_path, contract=GOOD.replace(old, new, 1)))
    assert code == 1
    assert rule in rules(findings)
    assert any(needle in str(f["message"]) for f in findings), findings


def test_a_family_of_its_own_is_fine(tmp_path: Path) -> None:
    contract = GOOD.replace(
        "falsification_id: FALSIFY-BL-002", "falsification_id: FALSIFY-ARCH-370M-011"
    )
    assert check(make(tmp_path, contract=contract))[0] == 0


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        (
            "**(DISCHARGED v1.1.0)**",
            "**(DISCHARGED v2.1.0)**",
            "above the spec's Version",
        ),
        (
            "**(DISCHARGED v1.1.0)**",
            "**(DISCHARGED v1.5.0)**",
            "not in the Date history",
        ),
    ],
)
def test_marker_versions(tmp_path: Path, old: str, new: str, needle: str) -> None:
    code, findings, _ = check(make(tmp_path, spec=SPEC.replace(old, new)))
    assert code == 1 and rules(findings) == ["C005"]
    assert needle in str(findings[0]["message"]) and findings[0]["line"] == 10


def test_unmarked_bound_row_is_drift_and_unbound_rows_are_not(tmp_path: Path) -> None:
    contract = (
        GOOD + "  - id: GATE-BL-003\n    binds_to: AC-BL-003\n    verdict: pass\n"
    )
    code, findings, _ = check(make(tmp_path, contract=contract))
    assert code == 1 and rules(findings) == ["C001"]
    assert "AC-BL-003 has no marker" in str(findings[0]["message"])


def test_evidence_is_checked_only_with_a_root(tmp_path: Path) -> None:
    repo = make(tmp_path, contract=GOOD.replace("src/bell.py", "src/gone.py"))
    (repo / "specdoc.toml").unlink()
    result = run("-C", str(repo), "--spec", "spec.md", "check")
    assert result.exit_code == 0, result.output
    result = run("-C", str(repo), "--spec", "spec.md", "check", "--root", str(repo))
    assert result.exit_code == 1 and "C006" in result.output


def test_select_ignore_and_formats(tmp_path: Path) -> None:
    repo = make(
        tmp_path,
        contract=GOOD.replace("verdict: active", "verdict: pass").replace(
            "src/bell.py::test_rings", "src/gone.py::x"
        ),
    )
    assert sorted(rules(check(repo)[1])) == ["C001", "C006"]
    assert rules(check(repo, "--select", "C001")[1]) == ["C001"]
    assert rules(check(repo, "--ignore", "C001", "--ignore", "C006")[1]) == []
    assert check(repo, "--ignore", "C001", "--ignore", "C006")[0] == 0
    github = run("-C", str(repo), "check", "--format", "github").stdout.splitlines()
    assert any(
        line.startswith("::error file=spec.md,line=11,title=C001::")
        or line.startswith(f"::error file={repo}/spec.md,line=11,title=C001::")
        for line in github
    ), github
    text = run("-C", str(repo), "check").stdout
    assert ": C001 AC-BL-002" in text
    bad = run("-C", str(repo), "check", "--select", "C999")
    assert bad.exit_code == 2 and "unknown rule C999" in bad.output


def test_sync_marks_rows_keeps_matching_ones_and_bumps_once(tmp_path: Path) -> None:
    contract = GOOD.replace("verdict: active", "verdict: pass") + (
        "  - id: GATE-BL-003\n    binds_to: AC-BL-003\n    verdict: fail\n"
    )
    repo = make(tmp_path, contract=contract)
    result = run("-C", str(repo), "sync", "--bump", "minor")
    assert result.exit_code == 0, result.output
    text = (repo / "spec.md").read_text(encoding="utf-8")
    assert "**Version:** 2.1.0" in text
    assert "FALSIFY-BL-001 **(DISCHARGED v1.1.0)**" in text  # untouched, version kept
    assert "FALSIFY-BL-002 **(DISCHARGED v2.1.0)**" in text
    assert "FALSIFY-BL-003 **(FAILED v2.1.0)**" in text
    assert "FALSIFY-SHARD-001..004 **(PENDING v1.1.0)**" in text
    before = snapshot(repo)
    assert run("-C", str(repo), "sync", "--bump", "minor").exit_code == 0
    assert snapshot(repo) == before  # nothing changed, so no bump either


def test_sync_as_version_dry_run_and_check(tmp_path: Path) -> None:
    repo = make(tmp_path, contract=GOOD.replace("verdict: active", "verdict: pass"))
    before = snapshot(repo)
    result = run("-C", str(repo), "sync", "--as-version", "2.0.1", "--dry-run")
    assert result.exit_code == 0
    assert (
        "+| AC-BL-002 | loud | FALSIFY-BL-002 **(DISCHARGED v2.0.1)** |"
        in result.output
    )
    assert "Version" not in result.output
    assert run("-C", str(repo), "sync", "--check").exit_code == 1
    assert snapshot(repo) == before
    bad = run("-C", str(repo), "sync", "--as-version", "two")
    assert bad.exit_code == 2 and "not a semantic version" in bad.output


def test_rows_in_tables_without_a_status_column_are_left_with_a_note(
    tmp_path: Path,
) -> None:
    spec = (
        SPEC + "\n## 2. Extra\n\n| ID | Criterion |\n|---|---|\n| AC-BL-005 | spare |\n"
    )
    contract = (
        GOOD + "  - id: GATE-BL-005\n    binds_to: AC-BL-005\n    verdict: pass\n"
    )
    repo = make(tmp_path, spec=spec, contract=contract)
    result = run("-C", str(repo), "sync")
    assert result.exit_code == 0
    assert (
        "AC-BL-005 is bound but its table has no Verification or Status column"
        in result.output
    )
