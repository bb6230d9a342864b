"""Undo and redo against the states the work went through.

A random run of facade actions (notes, codes, codings, memos, recodes, uncodes, text edits that
move many codings, deletions) records what the project looked like after each action. Undoing
everything must pass back through exactly those states, newest first, and redoing everything
forward again; the search index must agree with the text at every state.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from fieldkit import Project

WORDS = ["kantbank", "één", "collega", "👍", "lasrobot", "café", "planner", "fout"]


def state(p: Project) -> dict[str, Any]:
    """What a researcher can see: texts, codes, codings with their memos, a search, labels."""
    docs = {d.uuid: p.document(d.id).text for d in p.documents()}
    codes = sorted((c.uuid, path, c.definition) for _, c, path, _ in p.codes_with_counts())
    codings = sorted((c.uuid, c.start, c.end, c.quote, c.memo, c.orphaned, c.code_id)
                     for c in p.codings())
    hits = sorted((h.document_uuid, h.start, h.end) for h in p.search("kantbank").hits)
    truth = sorted((uuid, text.find("kantbank")) for uuid, text in docs.items()
                   if "kantbank" in text)
    assert [(u, s) for u, s, _ in hits] == truth  # the index agrees with the text
    return {"docs": docs, "codes": codes, "codings": codings}


def act(p: Project, rng: random.Random, n: int) -> str:
    docs = [d.id for d in p.documents()]
    codes = [c.id for _, c, _, _ in p.codes_with_counts()]
    codings = [c.uuid for c in p.codings() if not c.orphaned]
    choice = rng.random()
    if choice < 0.12 or not docs:
        text = "\n".join(" ".join(rng.choice(WORDS) for _ in range(6)) for _ in range(4))
        p.add_note(site="Metaal Oost", title=f"Notitie {n}", text=text.replace("\n", "\r\n", 1))
        return "note"
    if choice < 0.22 or not codes:
        p.add_code(f"Thema/Code {n}", definition=f"definitie {n}")
        return "code"
    if choice < 0.45:
        doc = p.document(rng.choice(docs))
        start = rng.randrange(len(doc.text))
        p.code_text(doc.id, start, min(len(doc.text), start + rng.randint(1, 15)),
                    rng.choice(codes), memo=rng.choice(["", f"memo {n} ✓"]))
        return "coding"
    if choice < 0.55 and codings:
        p.memos.set_coding_memo(rng.choice(codings), f"nieuw {n}")
        return "memo"
    if choice < 0.62 and codings:
        p.recode(rng.choice(codings), rng.choice(codes))
        return "recode"
    if choice < 0.68 and codings:
        p.uncode(rng.choice(codings))
        return "uncode"
    if choice < 0.72 and len(codes) > 1:
        p.update_code(rng.choice(codes), definition=f"anders {n}")
        return "definition"
    if choice < 0.75 and len(codes) > 2:
        p.delete_code(rng.choice(codes))
        return "delete code"
    if choice < 0.77 and len(docs) > 1:
        p.delete_document(rng.choice(docs))
        return "delete document"
    doc = p.document(rng.choice(docs))
    words = doc.text.split(" ")
    at = rng.randrange(len(words))
    words.insert(at, rng.choice(["kantbank", "extra\nregel", "één 👍"]))
    if rng.random() < 0.3 and len(words) > 3:
        del words[rng.randrange(len(words))]
    p.edit_text(doc.id, " ".join(words))
    return "edit"


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_undo_and_redo_pass_through_every_state_the_work_went_through(
        tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Project.create(tmp_path / "Undo.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        # the coder's row is added (an undo step of its own) with the first coding
        warm = p.add_note(site="Metaal Oost", title="Start", text="kantbank één 👍")
        p.add_code("Start")
        p.code_text(warm.id, 0, 8, "Start")
        start_label = p.undo_label()
        states = [state(p)]
        labels = []
        steps = 0
        for n in range(30):
            label = p.undo_label()
            act(p, rng, n)
            now = state(p)
            if now == states[-1]:  # it changed nothing (a recode to the same code): no step
                assert p.undo_label() == label
                continue
            labels.append(p.undo_label())
            states.append(now)
            steps += 1
        assert steps > 20
        assert len(set(map(repr, states))) > 10
        for k in range(len(labels) - 1, -1, -1):
            assert p.undo_label() == labels[k]
            undone = p.undo()
            assert undone is not None and undone.label == labels[k]
            # what was put back is told row by row (the GUI refreshes from it)
            assert undone.changes and all(c.before is not None or c.after is not None
                                          for c in undone.changes)
            assert p.redo_label() == labels[k]
            assert state(p) == states[k], f"after undoing step {k}"
        assert p.undo_label() == start_label
        for k in range(len(labels)):
            assert p.redo_label() == labels[k]
            redone = p.redo()
            assert redone is not None and redone.label == labels[k]
            assert state(p) == states[k + 1], f"after redoing step {k}"
        assert p.redo() is None and p.redo_label() is None
    with Project.open(tmp_path / "Undo.fieldkit") as again:  # all of it was committed
        assert state(again) == states[-1]
        assert again.undo_label() == labels[-1]


def test_a_new_action_after_undo_drops_the_redo_steps(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Redo.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_code("Een")
        p.add_code("Twee")
        first = state(p)
        p.undo()
        assert p.redo_label() is not None
        p.add_code("Drie")
        assert p.redo_label() is None and p.redo() is None
        p.undo()
        p.undo()
        assert state(p)["codes"] == []
        assert p.redo_label() is not None
        p.redo()
        assert [path for _, path, _ in state(p)["codes"]] == ["Een"]
        assert sorted(path for _, path, _ in first["codes"]) == ["Een", "Twee"]


def test_undo_of_an_edit_puts_back_every_moved_coding(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Veel.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        text = "\n".join(f"Regel {i}: kantbank één 👍 collega" for i in range(700))
        doc = p.add_note(site="Metaal Oost", title="Lang", text=text)
        p.add_code("Machine")
        text = p.document(doc.id).text
        at = 0
        with p.action("Code every line"):
            for _ in range(700):
                start = text.index("kantbank", at)
                p.code_text(doc.id, start, start + len("kantbank"), "Machine")
                at = start + 1
        before = state(p)
        p.edit_text(doc.id, "Vooraf één regel.\n" + text)
        moved = state(p)
        shift = len("Vooraf één regel.\n")
        assert [c[1] for c in moved["codings"]] == [c[1] + shift for c in before["codings"]]
        p.undo()
        assert state(p) == before
        p.redo()
        assert state(p) == moved
        # an edit half-way: the codings before it stay, those after it move
        text = p.document(doc.id).text
        half = text.index("Regel 350:")
        p.edit_text(doc.id, text[:half] + "Tussendoor.\n" + text[half:])
        after = state(p)
        shift = len("Tussendoor.\n")
        assert [c[1] for c in after["codings"]] == [
            c[1] + (shift if c[1] >= half else 0) for c in moved["codings"]]
        p.undo()
        assert state(p) == moved


def test_an_action_that_fails_keeps_nothing_and_the_next_one_works(tmp_path: Path) -> None:
    with Project.create(tmp_path / "Fout.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_code("Blijft")
        before = state(p)
        with pytest.raises(RuntimeError, match="halverwege"):
            with p.action("Twee codes"):
                p.add_code("Weg 1")
                p.add_code("Weg 2")
                raise RuntimeError("halverwege")
        assert state(p) == before and p.undo_label() == "Add code Blijft"
        p.add_code("Daarna")
        assert sorted(path for _, path, _ in state(p)["codes"]) == ["Blijft", "Daarna"]
        p.undo()
        assert state(p) == before


def test_a_project_open_read_only_refuses_undo_and_redo_with_a_message(tmp_path: Path) -> None:
    from fieldkit.core.errors import ReadOnly

    with Project.create(tmp_path / "Lezen.fieldkit", language="nl") as p:
        p.set_coder("Anouk")
        p.add_code("Een")
        p.undo()
    with Project.open(tmp_path / "Lezen.fieldkit", readonly=True) as p:
        for step in (p.undo, p.redo):
            with pytest.raises(ReadOnly, match="^This project is open read-only; nothing was "
                                               "changed.$"):
                step()
        assert state(p)["codes"] == []
