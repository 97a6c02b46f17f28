"""The status rule: from a gate's fields to its state, and from gates to a row."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import MappingProxyType

import pytest

from specdoc._contracts import BindingItem, contract_files, load_index
from specdoc._errors import SpecdocError
from specdoc._rule import StatusRule, item_state, row_state, unknown_discharge_status

RULE = StatusRule()
AC = re.compile(r"AC-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d+")
CORPUS = os.environ.get("SPECDOC_CORPUS")


def gate(
    item_id: str | None = "GATE-1",
    verdict: str | None = None,
    discharge_status: str | None = None,
    line: int = 10,
) -> BindingItem:
    return BindingItem(
        contract_path="contracts/demo-v1.yaml",
        line=line,
        contract_id="C-DEMO",
        contract_version="1.0.0",
        list_key="gates",
        item_id=item_id,
        ac_id="AC-DEMO-001",
        verdict=verdict,
        discharge_status=discharge_status,
        falsification_id=None,
        ship_blocking=None,
        evidence_discharged_by=(),
        partial_discharge_note=None,
        full_discharge_blocks_on=None,
        fields=MappingProxyType({}),
    )


@pytest.mark.parametrize("verdict", ["pass", "PASS", "  Pass  "])
def test_pass_verdict_in_any_case_is_discharged(verdict: str) -> None:
    state = item_state(gate(verdict=verdict), RULE)
    assert state.state == "DISCHARGED"
    assert state.reason == f"verdict: {verdict}"


@pytest.mark.parametrize("verdict", ["fail", "FAILED", "FALSIFIED — CATASTROPHIC"])
def test_fail_verdicts_and_falsified_prefix_are_failed(verdict: str) -> None:
    assert item_state(gate(verdict=verdict), RULE).state == "FAILED"


@pytest.mark.parametrize("verdict", ["active", "blocked on hardware", None, "  "])
def test_other_or_missing_verdict_is_pending(verdict: str | None) -> None:
    assert item_state(gate(verdict=verdict), RULE).state == "PENDING"


def test_discharge_status_wins_over_verdict() -> None:
    state = item_state(
        gate(verdict="pass", discharge_status="PARTIAL_ALGORITHM_LEVEL"), RULE
    )
    assert state.state == "PARTIAL_ALGORITHM_LEVEL"
    assert state.reason == "discharge_status: PARTIAL_ALGORITHM_LEVEL"


def test_alias_counts_as_its_target() -> None:
    state = item_state(gate(discharge_status="ACTIVE_WITH_LIVE_EVIDENCE"), RULE)
    assert state.state == "DISCHARGED"
    assert state.reason == (
        "discharge_status: ACTIVE_WITH_LIVE_EVIDENCE (counts as DISCHARGED)"
    )


def test_unknown_discharge_status_is_reported_and_counts_as_default() -> None:
    item = gate(verdict="pass", discharge_status="NEARLY_THERE")
    state = item_state(item, RULE)
    assert state.state == "PENDING"
    assert "NEARLY_THERE is unknown" in state.reason
    assert unknown_discharge_status(item, RULE)
    assert not unknown_discharge_status(gate(discharge_status="DISCHARGED"), RULE)
    assert not unknown_discharge_status(gate(verdict="pass"), RULE)


def test_row_takes_the_weakest_state_and_names_the_deciding_item() -> None:
    items = [
        gate("GATE-A", verdict="pass", line=5),
        gate("GATE-B", discharge_status="PARTIAL_ALGORITHM_LEVEL", line=9),
        gate("GATE-C", verdict="active", line=14),
        gate("GATE-D", verdict="pass", line=20),
        gate("GATE-E", verdict="active", line=30),
    ]
    row = row_state("AC-DEMO-001", items, RULE)
    assert row.state == "PENDING"
    assert row.deciding.item.item_id == "GATE-C"
    assert row.explanation == (
        "PENDING: weakest of 5 binding items; decided by GATE-C "
        "(contracts/demo-v1.yaml:14, verdict: active -> PENDING); "
        "others: 2 DISCHARGED, 1 PARTIAL_ALGORITHM_LEVEL, 1 PENDING"
    )


def test_one_item_row_and_item_without_id() -> None:
    row = row_state("AC-DEMO-001", [gate(None, verdict="fail")], RULE)
    assert row.state == "FAILED"
    assert row.explanation.startswith(
        "FAILED: 1 binding item; decided by an item of gates"
    )


def test_row_without_items_is_refused() -> None:
    with pytest.raises(ValueError):
        row_state("AC-DEMO-001", [], RULE)


def test_configured_rule_changes_verdicts_and_order() -> None:
    rule = StatusRule.from_mapping(
        {
            "order": ["BROKEN", "OPEN", "DONE"],
            "pass_verdicts": ["green"],
            "fail_verdicts": "red",
            "fail_prefixes": [],
            "default_state": "OPEN",
            "discharge_aliases": {"SHIPPED": "DONE"},
        },
        "pyproject.toml",
    )
    assert item_state(gate(verdict="Green"), rule).state == "DONE"
    assert item_state(gate(verdict="RED"), rule).state == "BROKEN"
    assert item_state(gate(verdict="falsified"), rule).state == "OPEN"
    assert item_state(gate(discharge_status="SHIPPED"), rule).state == "DONE"


def test_unknown_rule_key_suggests_the_near_one() -> None:
    with pytest.raises(SpecdocError) as caught:
        StatusRule.from_mapping({"pass_verdict": ["ok"]}, "pyproject.toml")
    assert "pass_verdict" in caught.value.message
    assert "did you mean `pass_verdicts`?" in caught.value.message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize(
    "data",
    [
        {"order": "FAILED"},
        {"pass_verdicts": [1, 2]},
        {"default_state": 3},
        {"discharge_aliases": ["x"]},
        {"default_state": "MAYBE"},
        {"discharge_aliases": {"LIVE": "GLORIOUS"}},
    ],
)
def test_bad_rule_values_are_errors(data: dict[str, object]) -> None:
    with pytest.raises(SpecdocError) as caught:
        StatusRule.from_mapping(data, "pyproject.toml")
    assert caught.value.message.startswith("pyproject.toml: status rule")


def test_default_rule_is_hashable_and_from_empty_mapping() -> None:
    assert StatusRule.from_mapping({}, "defaults") == RULE
    assert hash(RULE) == hash(StatusRule())


@pytest.mark.skipif(not CORPUS, reason="SPECDOC_CORPUS is not set")
def test_corpus_ac_ship2_003_is_pending_decided_by_a_named_gate() -> None:
    assert CORPUS is not None
    files = contract_files(Path(CORPUS), ["contracts/**/*.yaml"])
    index = load_index(files, AC)
    row = row_state("AC-SHIP2-003", index.for_ac("AC-SHIP2-003"), RULE)
    assert row.state == "PENDING"
    assert "weakest of 17 binding items" in row.explanation
    assert f"decided by {row.deciding.item.item_id} (" in row.explanation
