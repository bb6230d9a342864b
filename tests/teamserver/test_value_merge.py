"""Two members set values of one case without syncing in between: the values are one JSON
column, but a change is applied per attribute, so both values survive on every copy; the same
attribute changed by both goes to the later change set (the server's order) on every copy,
and the sync report names the value it replaced; undoing one's own value after the sync takes
back only that attribute."""

from __future__ import annotations

from typing import Any

import pytest

from fieldkit.project import Project

from .test_attacks import doc


def _values(p: Project) -> dict[str, Any]:
    return dict(p.cases.get("Jan").attributes)


def _raw(p: Project) -> str:
    """The column as stored: every copy holds the same JSON text, not only equal values."""
    return str(p._store.value("SELECT attributes FROM cases WHERE name = 'Jan'"))


def _converged(*copies: Project) -> None:
    first = copies[0].team.canonical()
    for p in copies[1:]:
        assert p.team.canonical() == first
        assert _raw(p) == _raw(copies[0])


@pytest.fixture
def case_jan(replicas):
    """The lead's case Jan, with the attributes afdeling (text) and jaren (number) defined
    and no values yet, on every copy."""
    team, lead, anna, bram = replicas
    lead.attributes.define("afdeling", "text")
    lead.attributes.define("jaren", "number")
    lead.cases.add("Jan", documents=[doc(lead, "Bezoek 2").id])
    for p in (lead, anna, bram):
        p.team.sync()
    assert all(_values(p) == {} for p in (lead, anna, bram))
    return team, lead, anna, bram


def test_two_members_values_of_one_case_both_survive(case_jan) -> None:
    team, lead, anna, bram = case_jan
    bram.attributes.set("case:Jan", "afdeling", "Lasserij")
    anna.attributes.set("case:Jan", "jaren", "4")
    reports = [bram.team.sync(), anna.team.sync(), bram.team.sync(), lead.team.sync()]
    assert all(not r.skipped and not r.refused and not r.overwritten for r in reports), reports
    for p in (lead, anna, bram):
        assert _values(p) == {"afdeling": "Lasserij", "jaren": 4}
    _converged(lead, anna, bram)
    # the other way round (anna's change set first on the server): the same
    anna.attributes.set("case:Jan", "afdeling", "Montage")
    bram.attributes.set("case:Jan", "jaren", "")  # cleared
    for p in (anna, bram, anna, lead):
        assert not p.team.sync().overwritten
    for p in (lead, anna, bram):
        assert _values(p) == {"afdeling": "Montage"}
    _converged(lead, anna, bram)


def test_the_same_attribute_goes_to_the_later_change_set_and_is_named(case_jan) -> None:
    team, lead, anna, bram = case_jan
    bram.attributes.set("case:Jan", "afdeling", "Lasserij")
    anna.attributes.set("case:Jan", "afdeling", "Montage")
    anna.attributes.set("case:Jan", "jaren", "7")
    assert not bram.team.sync().overwritten  # first on the server
    mine = anna.team.sync()  # hers go on top of bram's: later in the server's order
    assert mine.overwritten == [
        "The case 'Jan': afdeling 'Lasserij' was replaced by 'Montage' "
        "(your own, not sent yet)"], mine.overwritten
    theirs = bram.team.sync()
    assert len(theirs.overwritten) == 1
    assert theirs.overwritten[0].startswith(
        "The case 'Jan': afdeling 'Lasserij' was replaced by 'Montage' (#")
    assert theirs.overwritten[0].endswith(f"from anna{team.db})")
    lead_report = lead.team.sync()  # receives both, in order: the same outcome, named
    assert [line.split(" (#")[0] for line in lead_report.overwritten] == [
        "The case 'Jan': afdeling 'Lasserij' was replaced by 'Montage'"]
    for p in (lead, anna, bram):
        assert _values(p) == {"afdeling": "Montage", "jaren": 7}
    _converged(lead, anna, bram)


def test_undo_after_the_sync_takes_back_only_ones_own_value(case_jan) -> None:
    team, lead, anna, bram = case_jan
    bram.attributes.set("case:Jan", "afdeling", "Lasserij")
    anna.attributes.set("case:Jan", "jaren", "4")
    for p in (bram, anna, bram, lead):
        p.team.sync()
    assert _values(bram) == {"afdeling": "Lasserij", "jaren": 4}
    undone = bram.undo()
    assert undone is not None and "afdeling" in undone.label
    assert _values(bram) == {"jaren": 4}
    for p in (bram, anna, lead, bram):
        report = p.team.sync()
        assert not report.skipped and not report.overwritten
    for p in (lead, anna, bram):
        assert _values(p) == {"jaren": 4}
    _converged(lead, anna, bram)
    # and anna's undo of hers, after that, leaves the case without values everywhere
    assert anna.undo() is not None
    for p in (anna, bram, lead):
        p.team.sync()
    for p in (lead, anna, bram):
        assert _values(p) == {}
    _converged(lead, anna, bram)
