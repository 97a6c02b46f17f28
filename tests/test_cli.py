"""The command line on the example repository, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run, snapshot


def test_show_json_lists_rows_with_lines_and_markers(example: Path) -> None:
    result = run("-C", str(example), "show", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    rows = {r["id"]: r for r in data["rows"]}
    assert list(rows) == [
        "AC-FW1-001",
        "AC-FW1-002",
        "AC-FW1-003",
        "AC-FW1-004",
        "AC-FW2-001",
        "AC-FW2-002",
        "AC-FW3-001",
        "AC-FW3-002",
    ]
    assert rows["AC-FW1-002"]["status"] == "PARTIAL_ALGORITHM_LEVEL"
    assert rows["AC-FW1-002"]["status_version"] == "1.3.0"
    assert rows["AC-FW1-002"]["table"] == "3.2 Acceptance Criteria"
    spec_lines = (example / "firmware-release-spec.md").read_text().splitlines()
    for row in rows.values():
        assert spec_lines[row["line"] - 1].startswith(f"| {row['id']}")
    assert rows["AC-FW1-004"]["cells"][1].endswith(
        "`grep -E 'key\\|secret'` finds nothing"
    )


def test_show_header(example: Path) -> None:
    data = json.loads(
        run("-C", str(example), "show", "--header", "--format", "json").output
    )
    assert data["version"] == "1.4.0"
    assert [e["version"] for e in data["date_history"]] == [
        "1.0.0",
        "1.1.0",
        "1.2.0",
        "1.3.0",
    ]
    assert [a["version"] for a in data["amendments"]] == ["1.4.0", "1.3.0", "1.1.0"]
    assert [s["version"] for s in data["section_amendments"]] == ["1.2.0"]
    text = run("-C", str(example), "show", "--header").output
    assert "Amendment blocks: 3" in text and "Date history: 4 entries" in text


def test_status_counts(example: Path) -> None:
    data = json.loads(run("-C", str(example), "status", "--format", "json").output)
    first = data["tables"][0]
    assert first["rows"] == 4 and first["with_status"] == 2 and first["percent"] == 50.0
    assert first["counts"] == {
        "PARTIAL_ALGORITHM_LEVEL": 1,
        "PENDING": 1,
        "unmarked": 2,
    }


def test_bump_dry_run_shows_one_line_and_writes_nothing(example: Path) -> None:
    before = snapshot(example)
    result = run("-C", str(example), "bump", "minor", "--dry-run")
    assert result.exit_code == 0
    changed = [
        line
        for line in result.output.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ["-**Version:** 1.4.0", "+**Version:** 1.5.0"]
    assert snapshot(example) == before


def test_bump_writes_and_check_reports(example: Path) -> None:
    assert run("-C", str(example), "bump", "patch", "--check").exit_code == 1
    assert run("-C", str(example), "bump", "patch").exit_code == 0
    assert "**Version:** 1.4.1" in (example / "firmware-release-spec.md").read_text()


def test_spec_option_and_contracts_option_work_without_settings(
    example: Path, tmp_path: Path
) -> None:
    (example / "specdoc.toml").unlink()
    result = run("-C", str(example), "--spec", "firmware-release-spec.md", "show")
    assert result.exit_code == 0 and "8 AC rows" in result.output


def test_no_settings_and_no_spec_says_how_to_point_at_one(tmp_path: Path) -> None:
    result = run("-C", str(tmp_path), "show")
    assert result.exit_code == 2
    assert "--spec PATH" in result.output
    assert "Traceback" not in result.output


def test_settings_are_found_upward_and_specdoc_toml_wins(example: Path) -> None:
    (example / "pyproject.toml").write_text(
        '[tool.specdoc]\nspec = "elsewhere.md"\n', encoding="utf-8"
    )
    nested = example / "contracts"
    result = run("-C", str(nested), "config")
    assert result.exit_code == 0
    assert f"configuration file: {example / 'specdoc.toml'}" in result.output
    (example / "specdoc.toml").unlink()
    result = run("-C", str(nested), "config", "--format", "json")
    data = json.loads(result.output)
    assert data["settings"]["spec"]["value"] == str(example / "elsewhere.md")
    assert data["settings"]["spec"]["from"] == str(example / "pyproject.toml")
    assert data["settings"]["marker_column"]["from"] == "default"


def test_unknown_setting_suggests_the_nearest(example: Path) -> None:
    with (example / "specdoc.toml").open("a") as handle:
        handle.write('marker_colum = "Evidence"\n')
    result = run("-C", str(example), "show")
    assert result.exit_code == 2
    assert "unknown key `marker_colum`" in result.output
    assert "did you mean `marker_column`?" in result.output


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        (
            lambda t: t.replace("**Version:** 1.4.0", "**Version:** 1.4"),
            ":4: Version '1.4'",
        ),
        (
            lambda t: t.replace("**Version:** 1.4.0\n", ""),
            ":1: no `**Version:** X.Y.Z`",
        ),
        (lambda t: t.replace("| AC-FW1-004 ", "| AC-FW1-001 "), "appears twice"),
    ],
)
def test_bad_specs_give_one_line_and_exit_2_without_writing(
    example: Path, damage: object, needle: str
) -> None:
    spec = example / "firmware-release-spec.md"
    spec.write_text(damage(spec.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    before = snapshot(example)
    for args in (["show"], ["bump", "minor"], ["sync"], ["check"]):
        result = run("-C", str(example), *args)
        assert result.exit_code == 2, (args, result.output)
        assert needle in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert snapshot(example) == before


def test_missing_spec_and_non_utf8_spec(example: Path) -> None:
    result = run("-C", str(example), "--spec", "nope.md", "show")
    assert result.exit_code == 2 and "nope.md: file not found" in result.output
    bad = example / "latin1.md"
    bad.write_bytes("# T\n\n**Version:** 1.0.0\n\ncaf\xe9\n".encode("latin-1"))
    result = run("-C", str(example), "--spec", "latin1.md", "show")
    assert result.exit_code == 2 and "latin1.md:5: not valid UTF-8" in result.output


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('ac_id_pattern = "AC-[0-9"\n', "not a valid regular expression"),
        ("contracts = 3\n", "must be a list of strings"),
        ("spec = [\n", "not valid TOML"),
    ],
)
def test_bad_settings_values(example: Path, line: str, needle: str) -> None:
    (example / "specdoc.toml").write_text(line, encoding="utf-8")
    result = run("-C", str(example), "show")
    assert result.exit_code == 2 and needle in result.output
    assert "specdoc.toml" in result.output
