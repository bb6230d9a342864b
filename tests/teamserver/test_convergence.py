"""Three replicas coding, editing and restructuring at once end as identical projects."""

from __future__ import annotations

import random

import pytest

from fieldkit.core.errors import BadInput
from fieldkit.project import Project


def _random_work(p: Project, rng: random.Random, *, lead: bool, steps: int) -> None:
    """What a coder does between syncs: code, uncode, recode, memo, add codes; the lead also
    renames, moves and deletes codes and edits a note's text."""
    for _ in range(steps):
        docs = [d for d in p.documents() if d.kind == "fieldnote"]
        codes = [c for _, c, _, _ in p.codes_with_counts()]
        doc = p.document(rng.choice(docs).id)
        action = rng.random()
        mine = [c for c in p.codings() if p.coder_name(c.coder_id) == p.coder
                and not c.orphaned and c.start is not None]
        if action < 0.45 and codes and doc.text:
            start = rng.randrange(0, max(1, len(doc.text) - 5))
            p.code_text(doc.id, start, min(len(doc.text), start + rng.randint(1, 12)),
                        rng.choice(codes).id)
        elif action < 0.55 and mine:
            p.uncode(rng.choice(mine).id)
        elif action < 0.62 and mine and codes:
            p.recode(rng.choice(mine).id, rng.choice(codes).id)
        elif action < 0.70 and mine:
            p.memos.set_coding_memo(rng.choice(mine).id, f"memo {rng.randint(0, 99)} ✓")
        elif action < 0.78:
            p.add_code(f"Nieuw/{p.coder}{rng.randint(0, 999)}")
        elif action < 0.84 and codes:
            p.update_code(rng.choice(codes).id, definition=f"def {rng.randint(0, 99)}")
        elif lead and action < 0.88 and len(codes) > 3:
            p.update_code(rng.choice(codes).id, name=f"Hernoemd {rng.randint(0, 999)}")
        elif lead and action < 0.91 and len(codes) > 4:
            p.delete_code(rng.choice(codes[2:]).id)
        elif lead and action < 0.96:
            words = doc.text.split(" ")
            at = rng.randrange(len(words))
            words.insert(at, rng.choice(["kort", "één 👍 woord", "extra\nregel"]))
            p.edit_text(doc.id, " ".join(words))
        else:
            p.memos.set_document_memo(doc.id, f"memo van {p.coder} {rng.randint(0, 9)}")


@pytest.mark.parametrize("seed", [1, 2])
def test_three_replicas_converge(replicas, seed: int) -> None:
    team, lead, anna, bram = replicas
    rng = random.Random(seed)
    replicas = [(lead, True), (anna, False), (bram, False)]
    for _round in range(4):
        for p, is_lead in replicas:
            _random_work(p, rng, lead=is_lead, steps=8)
        order = replicas[:]
        rng.shuffle(order)
        for p, _ in order[:2]:  # some sync mid-way, others keep working offline
            p.team.sync()
    for _ in range(2):
        for p, _ in replicas:
            p.team.sync()
    dumps = [p.team.canonical() for p, _ in replicas]
    assert dumps[0] == dumps[1]
    assert dumps[0] == dumps[2]
    assert all(p.team.status().to_send == 0 for p, _ in replicas)
    coders = {c.name for c in lead.coders()}
    assert {"Anna", "Bram", "Lotte"} <= coders
    for p, _ in replicas:  # every text coding sits on the text it quotes
        for c in p.codings():
            if c.start is not None and not c.orphaned:
                assert p.document(c.document_id).text[c.start:c.end] == c.quote


def test_a_coder_cannot_restructure_the_codebook(published) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        code = anna.code("Leren/Voordoen")
        with pytest.raises(BadInput, match="lead"):
            anna.update_code(code.id, name="Anders")
        with pytest.raises(BadInput, match="lead"):
            anna.delete_code(code.id)
        assert anna.code("Leren/Voordoen").name == "Voordoen"
        anna.add_code("Leren/Vragen stellen")  # adding is for everyone
        anna.update_code(code.id, definition="Een collega doet het voor.")
        anna.team.sync()
        lead.team.sync()
        assert lead.code("Leren/Vragen stellen")
        assert lead.code("Leren/Voordoen").definition == "Een collega doet het voor."
    finally:
        anna.close()
