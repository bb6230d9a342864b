"""merge_values against the truth worked out by hand: only the attributes a change changed
are written onto the current values; the same attribute changed meanwhile is named."""

from __future__ import annotations

import json

from fieldkit.core.value_merge import Overwritten, merge_values


def _j(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False)


def test_nothing_changed_meanwhile_writes_the_new_text_exactly() -> None:
    new = '{"b": 1,  "a": "é👍"}'  # whatever spelling the sender wrote
    assert merge_values('{"a": "é👍"}', '{"a": "é👍"}', new) == (new, [])
    assert merge_values("", "{}", new) == (new, [])
    assert merge_values(None, "", new) == (new, [])


def test_another_attribute_set_meanwhile_stays() -> None:
    text, lost = merge_values(_j({"afdeling": "Lasserij"}), "{}", _j({"jaren": 4}))
    assert json.loads(text) == {"afdeling": "Lasserij", "jaren": 4} and lost == []
    # a removal removes only its own attribute
    text, lost = merge_values(_j({"afdeling": "Lasserij", "jaren": 4}),
                              _j({"afdeling": "Lasserij"}), "{}")
    assert json.loads(text) == {"jaren": 4} and lost == []
    # an attribute the change did not touch, removed meanwhile, stays removed
    text, _ = merge_values(_j({"b": 2}), _j({"a": 1, "b": 2}), _j({"a": 1, "b": 3}))
    assert json.loads(text) == {"b": 3}


def test_the_same_attribute_changed_meanwhile_is_replaced_and_named() -> None:
    text, lost = merge_values(_j({"a": "x", "c": 1}), "{}", _j({"a": "y"}))
    assert json.loads(text) == {"a": "y", "c": 1}
    assert lost == [Overwritten("a", "x", "y")]
    text, lost = merge_values(_j({"c": 1}), _j({"a": "x"}), _j({"a": "y"}))
    assert json.loads(text) == {"a": "y", "c": 1} and lost == [Overwritten("a", None, "y")]
    # both wrote the same value: nothing was lost
    assert merge_values(_j({"a": "y", "c": 1}), "{}", _j({"a": "y"}))[1] == []


def test_a_value_that_is_not_an_object_is_replaced_whole() -> None:
    assert merge_values("[1]", "{}", '{"a": 1}') == ('{"a": 1}', [])
    assert merge_values('{"a": 1}', "not json", '{"b": 1}') == ('{"b": 1}', [])
