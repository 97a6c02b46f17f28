"""`specdoc amend` on the example and on small repositories built here."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
from conftest import run, snapshot

from specdoc import _atomic
from specdoc._spec import load_spec

SPEC = """# Spec: Kettle

**Document ID:** SPEC-KETTLE
**Version:** 0.3.0
**Status:** building
**Date:** 2026-05-01 (v0.1.0) / 2026-05-02 (v0.2.0 heater)

**v0.2.0 amendment (2026-05-02):** heater rows added.

## 1. Heater

| ID | Criterion | Verification |
|----|-----------|--------------|
| AC-KT-001 | boils 1 L in ≤ 3 min | FALSIFY-KT-001 |
| AC-KT-002 | cuts out when dry | FALSIFY-KT-002 **(PENDING v0.2.0)** |

## 2. Lid

| ID | Criterion | Owner | Status |
|----|-----------|-------|--------|
| AC-KT-003 | lid locks | mech | PENDING |
"""

CONTRACT = """contract_id: C-KETTLE
version: 1.0.0
metadata:
  version: "1.0.0"
  updated: "2026-05-01"
  changelog:
    - "1.0.0 (2026-05-01): Initial contract."
gates:
  - id: GATE-KT-001
    binds_to: AC-KT-001
    falsification_id: FALSIFY-KT-001
    verdict: pass
    evidence_discharged_by:
      - "heater/test_boil.py::test_boils"
  - id: GATE-KT-002
    binds_to: AC-KT-002
    falsification_id: FALSIFY-KT-002
    verdict: pass
    discharge_status: PARTIAL_ALGORITHM_LEVEL
    full_discharge_blocks_on: "a dry-run on the real element"
  - id: GATE-KT-003
    binds_to: AC-KT-003
    verdict: FAILED
  - id: GATE-KT-004
    binds_to: AC-KT-001
    verdict: pass
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "spec.md").write_text(SPEC, encoding="utf-8")
    (tmp_path / "contracts" / "kettle-v1.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "specdoc.toml").write_text('spec = "spec.md"\n', encoding="utf-8")
    return tmp_path


def amend(repo: Path, *args: str) -> tuple[int, str]:
    result = run("-C", str(repo), "amend", "--date", "2026-05-10", *args)
    return result.exit_code, result.output


def spec_text(repo: Path) -> str:
    return (repo / "spec.md").read_text(encoding="utf-8")


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_one_gate_one_amendment(repo: Path) -> None:
    code, output = amend(repo, "--gate", "GATE-KT-002")
    assert code == 0, output
    text = spec_text(repo)
    assert "**Version:** 0.4.0" in text
    assert "| FALSIFY-KT-002 **(PARTIAL_ALGORITHM_LEVEL v0.4.0)** |" in text
    assert text.count("**(PENDING v0.2.0)**") == 0
    date_line = next(line for line in text.splitlines() if line.startswith("**Date:**"))
    assert date_line.endswith(
        " / 2026-05-10 (v0.4.0 AC-KT-002 PARTIAL_ALGORITHM_LEVEL via GATE-KT-002)"
    )
    spec = load_spec(repo / "spec.md")
    newest = spec.amendments[0]
    assert (newest.version, newest.date) == ("0.4.0", "2026-05-10")
    block = text[newest.start : newest.end]
    for needle in (
        "GATE-KT-002",
        "AC-KT-002",
        "FALSIFY-KT-002",
        "PARTIAL_ALGORITHM_LEVEL",
        "contracts/kettle-v1.yaml",
        "a dry-run on the real element",
    ):
        assert needle in block
    assert text.index("**Date:**") < newest.start < text.index("**v0.2.0 amendment")


def test_row_state_comes_from_every_binding_item(repo: Path) -> None:
    contract = repo / "contracts" / "kettle-v1.yaml"
    contract.write_text(
        contract.read_text().replace(
            "  - id: GATE-KT-004\n    binds_to: AC-KT-001\n    verdict: pass",
            "  - id: GATE-KT-004\n    binds_to: AC-KT-001\n    verdict: active",
        ),
        encoding="utf-8",
    )
    code, output = amend(repo, "--gate", "GATE-KT-001")
    assert code == 0, output
    assert "FALSIFY-KT-001 **(PENDING v0.4.0)**" in spec_text(repo)


def test_again_changes_nothing_and_exits_0(repo: Path) -> None:
    assert amend(repo, "--gate", "GATE-KT-002")[0] == 0
    before = snapshot(repo)
    code, output = amend(repo, "--gate", "GATE-KT-002")
    assert code == 0
    assert "already carries its derived state" in output
    assert snapshot(repo) == before
    assert amend(repo, "--gate", "GATE-KT-002", "--check")[0] == 0


def test_several_gates_one_version_and_status_column(repo: Path) -> None:
    code, output = amend(
        repo, "--gate", "GATE-KT-001", "--gate", "GATE-KT-003", "--bump", "patch"
    )
    assert code == 0, output
    text = spec_text(repo)
    assert "**Version:** 0.3.1" in text
    assert "FALSIFY-KT-001 **(DISCHARGED v0.3.1)**" in text
    assert "| mech | FAILED v0.3.1 |" in text
    assert text.count("amendment (2026-05-10)") == 1
    assert (
        "(v0.3.1 AC-KT-001 DISCHARGED; AC-KT-003 FAILED via GATE-KT-001, GATE-KT-003)"
        in text
    )


def test_from_contract_takes_every_item(repo: Path) -> None:
    code, output = amend(
        repo, "--from-contract", "contracts/kettle-v1.yaml", "--as-version", "1.0.0"
    )
    assert code == 0, output
    spec = load_spec(repo / "spec.md")
    assert spec.version == "1.0.0"
    assert {r.ac_id: (r.status, r.status_version) for r in spec.rows.values()} == {
        "AC-KT-001": ("DISCHARGED", "1.0.0"),
        "AC-KT-002": ("PARTIAL_ALGORITHM_LEVEL", "1.0.0"),
        "AC-KT-003": ("FAILED", "1.0.0"),
    }


def test_as_version_must_be_above_and_semver(repo: Path) -> None:
    before = snapshot(repo)
    code, output = amend(repo, "--gate", "GATE-KT-002", "--as-version", "0.2.9")
    assert code == 2 and "not above the spec's Version 0.3.0" in output
    code, output = amend(repo, "--gate", "GATE-KT-002", "--as-version", "0.5")
    assert code == 2 and "not a semantic version" in output
    assert snapshot(repo) == before


def test_anchor_comment_takes_precedence(repo: Path) -> None:
    text = SPEC.replace(
        "## 1. Heater", "## 0. Changes\n\n<!-- specdoc:amendments -->\n\n## 1. Heater"
    )
    (repo / "spec.md").write_text(text, encoding="utf-8")
    assert amend(repo, "--gate", "GATE-KT-002")[0] == 0
    new = spec_text(repo)
    anchor = new.index("<!-- specdoc:amendments -->")
    block = new.index("**v0.4.0 amendment (2026-05-10):**")
    assert anchor < block < new.index("## 1. Heater")
    assert new[anchor:block] == "<!-- specdoc:amendments -->\n\n"
    assert len(load_spec(repo / "spec.md").amendments) == 2


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("**Date:** 2026-04-10", "**Date:** 2026-04-10 / 2026-05-10 (v0.4.0 "),
        (None, None),
    ],
)
def test_bare_and_missing_date_line(
    repo: Path, date_line: str | None, expected: str | None
) -> None:
    old = "**Date:** 2026-05-01 (v0.1.0) / 2026-05-02 (v0.2.0 heater)"
    text = SPEC.replace(old + "\n", "" if date_line is None else date_line + "\n")
    (repo / "spec.md").write_text(text, encoding="utf-8")
    code, output = amend(repo, "--gate", "GATE-KT-002")
    assert code == 0, output
    new = spec_text(repo)
    if expected is None:
        assert "no **Date:** line" in output
        assert "**Date:**" not in new
        status_end = new.index("**Status:** building") + len("**Status:** building")
        assert new[status_end:].startswith("\n\n**v0.4.0 amendment (2026-05-10):**")
    else:
        assert expected in new
    assert load_spec(repo / "spec.md").amendments[0].version == "0.4.0"


def test_crlf_spec_stays_crlf(repo: Path) -> None:
    (repo / "spec.md").write_bytes(SPEC.replace("\n", "\r\n").encode())
    assert amend(repo, "--gate", "GATE-KT-002")[0] == 0
    raw = (repo / "spec.md").read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"**v0.4.0 amendment (2026-05-10):**" in raw


def test_user_templates_override_the_packaged_ones(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "amendment-block.md.j2").write_text(
        "**v{{ version }} amendment ({{ date }}):** "
        "{% for row in rows %}{{ row.id }}={{ row.new_state }}{% endfor %} "
        "({{ tallies['PARTIAL_ALGORITHM_LEVEL'].after }} partial now)\n",
        encoding="utf-8",
    )
    (repo / "templates" / "date-summary.txt.j2").write_text(
        "house style", encoding="utf-8"
    )
    assert amend(repo, "--gate", "GATE-KT-002")[0] == 0
    text = spec_text(repo)
    assert (
        "**v0.4.0 amendment (2026-05-10):** AC-KT-002=PARTIAL_ALGORITHM_LEVEL (1 partial now)"
        in text
    )
    assert "/ 2026-05-10 (v0.4.0 house style)" in text
    assert amend(repo, "--gate", "GATE-KT-001", "--summary", "by hand")[0] == 0
    assert "(v0.5.0 by hand)" in spec_text(repo)


def test_template_error_names_template_line_and_variable(repo: Path) -> None:
    bad = repo / "bad.j2"
    bad.write_text(
        "**v{{ version }} amendment ({{ date }}):**\n{{ rows[0].nonsense }}\n",
        encoding="utf-8",
    )
    before = snapshot(repo)
    code, output = amend(repo, "--gate", "GATE-KT-002", "--block-template", str(bad))
    assert code == 2
    assert f"{bad}:2:" in output and "nonsense" in output
    assert snapshot(repo) == before
    bad.write_text("{% for x in %}", encoding="utf-8")
    code, output = amend(repo, "--gate", "GATE-KT-002", "--block-template", str(bad))
    assert code == 2 and f"{bad}:1: template syntax error" in output


def test_a_block_that_does_not_read_as_one_amendment_is_refused(repo: Path) -> None:
    bad = repo / "split.j2"
    bad.write_text(
        "**v{{ version }} amendment ({{ date }}):** one\n\n**Bold:** two\n",
        encoding="utf-8",
    )
    before = snapshot(repo)
    code, output = amend(repo, "--gate", "GATE-KT-002", "--block-template", str(bad))
    assert code == 2 and "does not read as one" in output
    assert snapshot(repo) == before


def test_cell_values_are_escaped(repo: Path) -> None:
    from specdoc._edit import escape_cell

    assert escape_cell("a | b\nc") == "a \\| b c"
    assert escape_cell("already \\| escaped") == "already \\| escaped"


def test_unknown_gate_and_unknown_row(repo: Path) -> None:
    code, output = amend(repo, "--gate", "GATE-KT-02")
    assert code == 2 and "did you mean GATE-KT-002?" in output
    contract = repo / "contracts" / "kettle-v1.yaml"
    contract.write_text(
        CONTRACT.replace("binds_to: AC-KT-003", "binds_to: AC-KT-009"), encoding="utf-8"
    )
    code, output = amend(repo, "--gate", "GATE-KT-003")
    assert code == 2 and "AC-KT-009" in output and "kettle-v1.yaml:" in output


def test_dry_run_json_and_check(repo: Path) -> None:
    before = snapshot(repo)
    result = run(
        "-C",
        str(repo),
        "amend",
        "--gate",
        "GATE-KT-002",
        "--date",
        "2026-05-10",
        "--dry-run",
        "--format",
        "json",
        "--bump-contract",
        "patch",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["new_version"] == "0.4.0" and report["written"] is False
    assert report["rows"][0]["new_status"] == "PARTIAL_ALGORITHM_LEVEL"
    assert "+++ b/contracts/kettle-v1.yaml" in report["diff"]
    assert "+++ b/spec.md" in report["diff"]
    assert amend(repo, "--gate", "GATE-KT-002", "--check")[0] == 1
    assert snapshot(repo) == before


def test_bump_contract_edits_only_its_version_lines_and_changelog(repo: Path) -> None:
    code, output = amend(repo, "--gate", "GATE-KT-002", "--bump-contract", "minor")
    assert code == 0, output
    new = (repo / "contracts" / "kettle-v1.yaml").read_text(encoding="utf-8")
    lines = changed_lines(CONTRACT, new)
    assert "-version: 1.0.0" in lines and "+version: 1.1.0" in lines
    assert '-  version: "1.0.0"' in lines and '+  version: "1.1.0"' in lines
    assert '+  updated: "2026-05-10"' in lines
    added = [line for line in lines if line.startswith("+    - ")]
    assert len(added) == 1 and added[0].startswith(
        '+    - "1.1.0 (2026-05-10): GATE-KT-002'
    )
    assert new.index("1.1.0 (2026-05-10)") < new.index("1.0.0 (2026-05-01)")
    assert "C-KETTLE v1.0.0 → v1.1.0" in spec_text(repo)


def test_contract_versions_that_disagree_stop_everything(repo: Path) -> None:
    contract = repo / "contracts" / "kettle-v1.yaml"
    contract.write_text(
        CONTRACT.replace('version: "1.0.0"', 'version: "1.1.0"'), encoding="utf-8"
    )
    before = snapshot(repo)
    code, output = amend(repo, "--gate", "GATE-KT-002", "--bump-contract", "minor")
    assert code == 2 and "disagrees" in output and "line" in output
    assert snapshot(repo) == before


def test_spec_rename_failing_after_the_contract_restores_both(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(repo)
    renamed: list[str] = []

    def flaky(src: str, dst: str) -> None:
        if str(dst).endswith("spec.md"):
            raise OSError(5, "Input/output error")
        renamed.append(str(dst))
        os.replace(src, dst)

    monkeypatch.setattr(_atomic, "_rename", flaky)
    code, output = amend(repo, "--gate", "GATE-KT-002", "--bump-contract", "minor")
    assert code == 2 and "Input/output error" in output
    assert renamed and renamed[0].endswith("kettle-v1.yaml")
    assert snapshot(repo) == before


@pytest.mark.parametrize("date", ["2026-5-10", "2026-02-30", "yesterday"])
def test_a_bad_date_is_refused(repo: Path, date: str) -> None:
    before = snapshot(repo)
    result = run("-C", str(repo), "amend", "--gate", "GATE-KT-002", "--date", date)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert snapshot(repo) == before
