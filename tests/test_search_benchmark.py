"""The 10× search project of ``benchmarks/search.py --size huge`` (``common.huge_demo``): demo
studies stored one after another into one project, each with participants of its own. Built
here from two small studies: every document and participant arrives, pseudonyms stay unique
(the store requires it), and the search index agrees with the data."""

from __future__ import annotations

import sys
from pathlib import Path

from fieldkit import Project
from fieldkit.demo import generate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import common  # noqa: E402


def test_unused_names_are_new_and_enough() -> None:
    taken = {"anna de boer"}
    names = list(common._unused_names(taken))
    assert len(names) == len({n.casefold() for n in names}) >= 1500
    assert "Anna de Boer" not in names and all(n.casefold() in taken for n in names)


def test_parts_are_stored_with_participants_of_their_own(tmp_path: Path) -> None:
    studies = [generate("small", seed=7 + k) for k in range(2)]
    with Project.build(tmp_path / "Huge.fieldkit", language="nl",
                       fill=lambda p, s: common._fill_huge(p, s, 2, "small")) as project:
        store = project._store
        assert store.value("SELECT count(*) FROM documents") == sum(
            len(s.documents) for s in studies)
        assert store.value("SELECT count(*) FROM codings") == sum(
            len(s.codings) for s in studies)
        people = [r[0] for r in store.rows("SELECT pseudonym FROM participants")]
        assert len(people) == sum(len(s.participants) for s in studies)
        # each study's documents of a participant belong to that study's own participants
        owners = store.value("SELECT count(DISTINCT participant_id) FROM documents "
                             "WHERE participant_id IS NOT NULL")
        assert owners == len({(k, d.participant) for k, s in enumerate(studies)
                              for d in s.documents if d.participant})
        assert store.value("SELECT count(*) FROM codes") == len(studies[0].codes)
        assert project.check() == []  # the search index agrees with the data
        assert project.search("collega").total > 0
