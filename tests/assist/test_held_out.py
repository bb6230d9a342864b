"""The held-out F1 shown after training measures text the model has not seen.

The split is by document, and held-out examples whose words also occur among the fitted ones
(verbatim twins: stock phrases, templates) are left out, so a project that repeats the same
coded sentence in every document cannot show a perfect score for memorising it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fieldkit.assist.training import _document_groups, _normalised, _unseen
from fieldkit.project import Project

TWIN = "Kees laat Joke zien hoe je de kantbank instelt."
FILLER = "Koffie uit de automaat in de kantine."


def test_examples_of_one_document_stay_together() -> None:
    documents = [d for d in range(12) for _ in range(5)]
    order = np.random.default_rng(1).permutation(len(documents))
    group = _document_groups(documents, order)
    for d in range(12):
        assert len({int(group[i]) for i, doc in enumerate(documents) if doc == d}) == 1
    assert len(set(group.tolist())) == 12


def test_held_out_twins_of_fitted_text_are_not_measured() -> None:
    seen = _normalised(["De kantbank, weer!", "Nieuw: de lasrobot", "de KANTBANK weer",
                        "Nieuw de lasrobot", "iets anders"])
    assert seen[0] == seen[2] and seen[1] == seen[3]
    kept = _unseen(seen, held=np.array([2, 3, 4]), fitted=np.array([0, 1]))
    assert kept.tolist() == [4]
    kept = _unseen(seen, held=np.array([1, 3, 4]), fitted=np.array([0]))
    assert kept.tolist() == [1, 4]  # one of two held-out twins counts


def test_a_project_of_verbatim_twins_shows_no_held_out_score(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Tweeling.fieldkit", language="nl") as project:
        project.set_coder("Anouk")
        project.add_code("Learning/Peer help")
        for n in range(12):
            text = f"{TWIN} {FILLER}"
            doc = project.add_note(site="Oost", title=f"Notitie {n}", text=text)
            project.code_text(doc.id, 0, len(TWIN), "Learning/Peer help")
        summary = project.assist.train()
        # Every held-out sentence was seen word for word in training: nothing to measure on
        # (a random split of the rows, as before, reported 1.0 here).
        assert summary.held_out_f1 == 0.0
