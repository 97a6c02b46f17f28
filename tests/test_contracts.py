"""The binding index and the position-keeping YAML loader behind it."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from specdoc._contracts import contract_files, load_index
from specdoc._yamlpos import YamlError, YamlList, YamlMap, load, load_path

FIXTURES = Path(__file__).parent / "fixtures" / "contracts"
AC = re.compile(r"AC-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d+")
CORPUS = os.environ.get("SPECDOC_CORPUS")
needs_corpus = pytest.mark.skipif(not CORPUS, reason="SPECDOC_CORPUS is not set")


def fixture_index() -> object:
    return load_index(contract_files(FIXTURES, ["*.yaml"]), AC)


# --- the loader ---------------------------------------------------------------


def test_load_keeps_key_lines_and_plain_values() -> None:
    text = "---\na: 1\nb:\n  c: true\n  d: ~\n  e: 1.0\n  f: 2026-04-22\n  g: '7'\n"
    root = load(text).root
    assert isinstance(root, YamlMap)
    assert root.key_lines == {"a": 2, "b": 3}
    inner = root["b"]
    assert isinstance(inner, YamlMap)
    assert inner == {"c": True, "d": None, "e": "1.0", "f": "2026-04-22", "g": "7"}
    assert inner.key_line("f") == 7


def test_spans_are_character_indexes_into_the_text_with_bom_and_crlf() -> None:
    text = '\ufeffname: caf\u00e9\r\nversion: "1.1.0"\r\nlist:\r\n  - x\r\n'
    document = load(text)
    root = document.root
    assert isinstance(root, YamlMap)
    span = document.value_span(root, "version")
    assert document.source(span) == '"1.1.0"'
    assert (span.start.line, span.start.column, span.style) == (2, 10, '"')
    items = root["list"]
    assert isinstance(items, YamlList)
    assert document.source(document.value_span(items, 0)) == "x"


def test_syntax_error_carries_line_column_and_problem() -> None:
    with pytest.raises(YamlError) as caught:
        load("a: 1\nb: [1, 2\nc: 3\n")
    assert caught.value.line == 3
    assert caught.value.column >= 1
    assert "expected" in caught.value.problem


def test_non_utf8_file_is_a_yaml_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(YamlError) as caught:
        load_path(path)
    assert (caught.value.line, caught.value.column) == (2, 7)
    assert "UTF-8" in caught.value.problem


def test_second_document_is_refused() -> None:
    with pytest.raises(YamlError) as caught:
        load("a: 1\n---\nb: 2\n")
    assert caught.value.line == 2


# --- the index ----------------------------------------------------------------


def test_index_finds_gates_bound_to_ac_rows() -> None:
    index = load_index([FIXTURES / "kettle-gates-v1.yaml"], AC)
    assert [item.item_id for item in index.for_ac("AC-DEMO-001")] == [
        "GATE-KETTLE-001",
        "GATE-KETTLE-002",
    ]
    first = index.for_ac("AC-DEMO-001")[0]
    assert first.contract_id == "C-KETTLE"
    assert first.contract_version == "1.2.0"
    assert first.list_key == "gates"
    assert first.line == 23
    assert first.verdict == "pass"
    assert first.falsification_id == "FALSIFY-DEMO-001"
    assert first.evidence_discharged_by == (
        "firmware/tests/boil.rs::boils_within_budget",
    )
    assert first.fields["rule"] == "Water reaches a rolling boil within four minutes."


def test_single_evidence_string_becomes_a_tuple() -> None:
    index = load_index([FIXTURES / "kettle-gates-v1.yaml"], AC)
    (second,) = index.find_item("GATE-KETTLE-002")
    assert second.evidence_discharged_by == (
        "firmware/tests/thermostat.rs::switches_off",
    )
    assert second.ship_blocking is True


def test_binds_to_an_invariant_is_not_a_binding() -> None:
    index = load_index([FIXTURES / "kettle-gates-v1.yaml"], AC)
    assert index.find_item("GATE-KETTLE-003") == []
    assert "INV-KETTLE-001" not in index.ac_ids()


def test_list_binds_to_binds_each_named_row() -> None:
    index = load_index([FIXTURES / "kettle-gates-v1.yaml"], AC)
    bound = [item.ac_id for item in index.find_item("GATE-KETTLE-004")]
    assert bound == ["AC-DEMO-002", "AC-DEMO-003"]
    item = index.find_item("GATE-KETTLE-004")[0]
    assert (
        item.partial_discharge_note
        == "The trip rule is proven on the simulator only.\n"
    )
    assert item.full_discharge_blocks_on == "A bench run on real hardware.\n"


def test_discharges_string_names_the_row() -> None:
    index = load_index([FIXTURES / "toaster-falsification-v1.yaml"], AC)
    (item,) = index.find_item("GATE-TOAST-SHIP-004")
    assert item.ac_id == "AC-DEMO-004"
    assert item.list_key == "falsification"
    assert item.contract_id == "toaster-browning"
    assert item.contract_version == "2.0.0"
    assert len(item.evidence_discharged_by) == 2


def test_falsification_tests_items_bind_too() -> None:
    index = load_index([FIXTURES / "toaster-falsification-v1.yaml"], AC)
    assert [i.item_id for i in index.for_ac("AC-DEMO-004")] == [
        "GATE-TOAST-SHIP-004",
        "FALSIFY-TOAST-002",
    ]
    assert index.for_ac("AC-DEMO-005")[0].list_key == "falsification_tests"


def test_files_without_binding_keys_are_never_parsed() -> None:
    index = load_index([FIXTURES / "kettle-notes-broken.yaml"], AC)
    assert index.problems == []
    assert (index.files_seen, index.files_parsed) == (1, 0)


def test_broken_contract_with_bindings_is_a_problem_not_an_exception() -> None:
    index = load_index([FIXTURES / "mixer-broken-v1.yaml"], AC)
    (problem,) = index.problems
    assert problem.path.endswith("mixer-broken-v1.yaml")
    assert problem.line >= 6
    assert problem.message
    assert index.items == []


def test_custom_binding_keys_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text("checks:\n  - id: C-1\n    covers: AC-DEMO-009\n", encoding="utf-8")
    index = load_index([path], AC, binding_lists=("checks",), binds_to_keys=("covers",))
    assert [item.item_id for item in index.for_ac("AC-DEMO-009")] == ["C-1"]


def test_contract_files_expands_relative_and_absolute_globs() -> None:
    relative = contract_files(
        FIXTURES.parent, ["contracts/**/*.yaml", "contracts/k*.yaml"]
    )
    absolute = contract_files(Path("/nonexistent"), [str(FIXTURES / "*.yaml")])
    assert relative == absolute
    assert relative == sorted(set(relative))
    assert FIXTURES / "kettle-gates-v1.yaml" in relative


# --- the real corpus ----------------------------------------------------------


def corpus_files() -> list[Path]:
    assert CORPUS is not None
    return contract_files(Path(CORPUS), ["contracts/**/*.yaml"])


@needs_corpus
def test_corpus_ac_ship2_003_is_bound_by_17_items_across_3_contracts() -> None:
    items = load_index(corpus_files(), AC).for_ac("AC-SHIP2-003")
    assert len(items) == 17
    assert len({item.contract_path for item in items}) == 3


@needs_corpus
def test_corpus_tokenizer_binds_ac_ship2_002_seven_times_all_pass() -> None:
    index = load_index(corpus_files(), AC)
    items = [
        i for i in index.for_ac("AC-SHIP2-002") if "tokenizer-bpe" in i.contract_path
    ]
    assert len(items) == 7
    assert all(item.verdict == "pass" for item in items)


@needs_corpus
def test_corpus_loads_every_file_quickly() -> None:
    files = corpus_files()
    started = time.perf_counter()
    for path in files:
        load_path(path)
    per_file = (time.perf_counter() - started) / len(files)
    assert per_file < 0.02
    index = load_index(files, AC)
    assert index.problems == []
    assert index.files_seen == len(files)
