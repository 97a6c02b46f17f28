"""Contract linting: each rule fires on a bad contract and stays quiet on a good one."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from specdoc._contracts import contract_files
from specdoc._findings import Finding
from specdoc._validate import validate_contracts

FIXTURES = Path(__file__).parent / "fixtures" / "contracts"
AC = re.compile(r"AC-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d+")
CORPUS = os.environ.get("SPECDOC_CORPUS")

GOOD = """\
contract_id: C-GOOD
version: 1.1.0
metadata:
  version: "1.1.0"
  changelog:
    - "1.1.0 (2026-02-02): Bound the gate."
gates:
  - id: GATE-GOOD-001
    binds_to: AC-DEMO-001
    discharge_status: ACTIVE_WITH_LIVE_EVIDENCE
"""


def lint(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "contract.yaml"
    path.write_text(text, encoding="utf-8")
    return validate_contracts([path], AC)


def rules(findings: list[Finding]) -> list[str]:
    return [finding.rule for finding in findings]


def test_good_contract_has_no_findings(tmp_path: Path) -> None:
    assert lint(tmp_path, GOOD) == []


def test_v001_yaml_that_does_not_parse(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, GOOD.replace("version: 1.1.0", "version: [1.1.0"))
    assert finding.rule == "V001"
    assert finding.line > 1
    assert "does not parse at line" in finding.message
    assert "column" in finding.message


def test_v001_fires_even_without_binding_keys() -> None:
    findings = validate_contracts([FIXTURES / "kettle-notes-broken.yaml"], AC)
    assert rules(findings) == ["V001"]


def test_v002_binding_item_without_id(tmp_path: Path) -> None:
    (finding,) = lint(
        tmp_path, GOOD.replace("  - id: GATE-GOOD-001\n    binds", "  - binds")
    )
    assert finding.rule == "V002"
    assert finding.line == 8
    assert "AC-DEMO-001" in finding.message
    assert "add `id:" in finding.message


def test_v002_quiet_for_items_that_bind_no_row(tmp_path: Path) -> None:
    text = GOOD.replace(
        "  - id: GATE-GOOD-001\n    binds_to: AC-DEMO-001", "  - binds_to: INV-GOOD-001"
    )
    assert lint(tmp_path, text) == []


def test_v003_unknown_discharge_status(tmp_path: Path) -> None:
    (finding,) = lint(tmp_path, GOOD.replace("ACTIVE_WITH_LIVE_EVIDENCE", "ALMOST"))
    assert finding.rule == "V003"
    assert finding.line == 10
    assert "'ALMOST'" in finding.message
    assert "PARTIAL_ALGORITHM_LEVEL" in finding.message
    assert "ACTIVE_WITH_LIVE_EVIDENCE" in finding.message


def test_v004_version_not_semver(tmp_path: Path) -> None:
    text = GOOD.replace("version: 1.1.0", "version: 1.1").replace('"1.1.0"', '"1.1"')
    text = text.replace('"1.1.0 (', '"1.1 (')
    findings = lint(tmp_path, text)
    assert rules(findings) == ["V004", "V004"]
    assert findings[0].line == 2
    assert "1.1 is not a semantic version" in findings[0].message


def test_v005_versions_disagree(tmp_path: Path) -> None:
    findings = lint(tmp_path, GOOD.replace('"1.1.0"\n', '"1.2.0"\n'))
    assert rules(findings) == ["V005"]
    assert findings[0].message.startswith(
        "version 1.1.0 (line 2) disagrees with metadata.version 1.2.0 (line 4)"
    )


def test_v006_no_entry_for_current_version(tmp_path: Path) -> None:
    findings = lint(tmp_path, GOOD.replace('"1.1.0 (2026', '"1.0.0 (2026'))
    assert rules(findings) == ["V006"]
    assert "no changelog entry for version 1.1.0" in findings[0].message


def test_v006_no_changelog_at_all(tmp_path: Path) -> None:
    text = GOOD.replace(
        '  changelog:\n    - "1.1.0 (2026-02-02): Bound the gate."\n', ""
    )
    (finding,) = lint(tmp_path, text)
    assert finding.rule == "V006"
    assert finding.message.startswith(
        "no changelog: add `changelog:` under `metadata:`"
    )


@pytest.mark.parametrize(
    "changelog",
    [
        '  - "v1.1.0 (2026-02-02): quoted with a v"\n',
        "  - |\n    v1.1.0 (2026-02-02): a block entry\n    over two lines\n",
        "  - v1.1.0 (2026-02-02): plain text read as a one-key mapping\n",
        "  - version: 1.1.0\n    date: 2026-02-02\n    changes: a mapping entry\n",
    ],
)
def test_v006_quiet_for_each_changelog_shape(tmp_path: Path, changelog: str) -> None:
    text = "contract_id: C-SHAPES\nversion: 1.1.0\nchangelog:\n" + changelog
    assert lint(tmp_path, text) == []


def test_no_version_means_no_version_rules(tmp_path: Path) -> None:
    assert lint(tmp_path, "contract_id: C-NONE\ngates: []\n") == []


def test_fixture_with_every_problem() -> None:
    findings = validate_contracts([FIXTURES / "lint-problems-v1.yaml"], AC)
    assert rules(findings) == ["V002", "V003", "V004", "V005", "V006"]
    assert all(f.path.endswith("lint-problems-v1.yaml") for f in findings)


def test_fixtures_that_are_clean() -> None:
    paths = [FIXTURES / "lint-clean-v1.yaml", FIXTURES / "kettle-gates-v1.yaml"]
    assert validate_contracts(paths, AC) == []


@pytest.mark.skipif(not CORPUS, reason="SPECDOC_CORPUS is not set")
def test_corpus_validates_without_crashing() -> None:
    assert CORPUS is not None
    files = contract_files(Path(CORPUS), ["contracts/**/*.yaml"])
    findings = validate_contracts(files, AC)
    assert {f.rule for f in findings} <= {"V002", "V003", "V004", "V005", "V006"}
    assert any(f.rule == "V005" and "llama-370m" in f.path for f in findings)
