"""Replicas end with the work that was done, not merely with the same state as each other.

``test_convergence`` compares the replicas' dumps with each other: if every replica dropped the
same change (a receiving copy ignoring coding-memo updates, say, while the sender's own copy is
rebuilt from the server's history too) they still agree. Here every action is written down in a
ledger as it is done (a coding's document, span, code, coder and memo by its UUID), and after
syncing every replica must hold exactly the ledger.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from fieldkit.project import Project

Ledger = dict[str, tuple[str, int | None, int | None, str, str, str]]


def held(p: Project) -> Ledger:
    """Every coding of a replica as (document, start, end, code, coder, memo) by its UUID."""
    return {c.uuid: (p.document(c.document_id).uuid, c.start, c.end, p.code(c.code_id).uuid,
                     p.coder_name(c.coder_id), c.memo) for c in p.codings()}


class Work:
    """Facade calls on one replica that write down what they did."""

    def __init__(self, ledger: Ledger, p: Project) -> None:
        self.ledger, self.p = ledger, p

    def code(self, title: str, words: str, code: str, memo: str = "") -> str:
        doc = next(d for d in self.p.documents() if d.title == title)
        text = self.p.document(doc.id).text
        start = text.index(words)
        c = self.p.code_text(doc.id, start, start + len(words), code, memo=memo)
        self.ledger[c.uuid] = (self.p.document(doc.id).uuid, start, start + len(words),
                               self.p.code(code).uuid, self.p.coder, memo)
        return c.uuid

    def memo(self, uuid: str, memo: str) -> None:
        self.p.memos.set_coding_memo(uuid, memo)
        self.ledger[uuid] = (*self.ledger[uuid][:5], memo)

    def recode(self, uuid: str, code: str) -> None:
        self.p.recode(uuid, code)
        doc, start, end, _, coder, memo = self.ledger[uuid]
        self.ledger[uuid] = (doc, start, end, self.p.code(code).uuid, coder, memo)

    def uncode(self, uuid: str) -> None:
        self.p.uncode(uuid)
        del self.ledger[uuid]


def sync_all(*replicas: Project) -> None:
    for _ in range(2):
        for p in replicas:
            p.team.sync()


def test_coding_memo_changes_reach_every_replica(replicas: Any) -> None:
    _team, lead, anna, bram = replicas
    ledger: Ledger = {}
    a, b, lotte = Work(ledger, anna), Work(ledger, bram), Work(ledger, lead)
    first = a.code("Bezoek 1", "laat Piet zien", "Leren/Voordoen", memo="eerste indruk")
    second = b.code("Bezoek 1", "probeert het zelf", "Leren/Uitproberen")
    third = lotte.code("Bezoek 2", "legt de nieuwe lasrobot uit", "Leren/Voordoen", memo="L")
    sync_all(lead, anna, bram)
    assert all(held(p) == ledger for p in (lead, anna, bram))

    # memos changed after the codings went round; Bram's work reaches the server before
    # Anna's, so Anna's own change is taken off and applied again from the team's history
    b.memo(second, "zelf proberen 👍")
    bram.team.sync()
    a.memo(first, "tweede lezing: één collega doet het voor")
    own = a.code("Bezoek 2", "Ilse legt", "Leren/Uitproberen")  # not sent yet
    own_id = anna.coding(own).id
    lotte.memo(third, "")
    anna.team.sync()
    assert anna.coding(own).id == own_id  # own work redone after Bram's keeps its short id
    lead.team.sync()
    sync_all(lead, anna, bram)
    assert all(held(p) == ledger for p in (lead, anna, bram))
    assert anna.coding(first).memo == lead.coding(first).memo == \
        "tweede lezing: één collega doet het voor"

    # an undo travels like any change; the sync says who sent what
    anna.memos.set_coding_memo(first, "even iets anders")
    anna.undo()
    anna.team.sync()
    report = lead.team.sync()
    assert [(a.member, a.coder, a.label) for a in report.received] == [
        (anna.team.member, "Anna", "Edit coding"), (anna.team.member, "Anna", "Edit coding")]
    assert report.skipped == []
    sync_all(anna, bram, lead)
    assert all(held(p) == ledger for p in (lead, anna, bram))

    # a recode and an uncode travel too, and a memo typed offline over several changes
    b.recode(second, "Leren/Voordoen")
    a.memo(first, "derde")
    a.memo(first, "vierde\r\nregel")
    lotte.uncode(third)
    sync_all(bram, anna, lead)
    assert all(held(p) == ledger for p in (lead, anna, bram))


def _random_work(w: Work, rng: random.Random, steps: int) -> None:
    """Code, recode, uncode and write memos on one's own codings (one writer per coding, so
    the ledger is exact whatever order the server puts the replicas' work in)."""
    p = w.p
    codes = [c.uuid for _, c, _, _ in p.codes_with_counts()]
    docs = [d.id for d in p.documents() if d.kind == "fieldnote"]
    for _ in range(steps):
        mine = [u for u, entry in w.ledger.items() if entry[4] == p.coder]
        action = rng.random()
        if action < 0.4 or not mine:
            doc = p.document(rng.choice(docs))
            start = rng.randrange(0, len(doc.text) - 5)
            end = min(len(doc.text), start + rng.randint(1, 12))
            memo = rng.choice(["", f"memo {rng.randint(0, 99)} ✓"])
            c = p.code_text(doc.id, start, end, rng.choice(codes), memo=memo)
            w.ledger[c.uuid] = (doc.uuid, start, end, p.code(c.code_id).uuid, p.coder, memo)
        elif action < 0.75:
            w.memo(rng.choice(mine), f"memo {rng.randint(0, 999)} é")
        elif action < 0.9:
            w.recode(rng.choice(mine), rng.choice(codes))
        else:
            w.uncode(rng.choice(mine))


@pytest.mark.parametrize("seed", [3, 4])
def test_random_work_ends_as_the_ledger_on_every_replica(replicas: Any, seed: int) -> None:
    _team, lead, anna, bram = replicas
    rng = random.Random(seed)
    ledger: Ledger = {}
    workers = [Work(ledger, p) for p in (lead, anna, bram)]
    for _round in range(4):
        for w in workers:
            _random_work(w, rng, steps=6)
        order = workers[:]
        rng.shuffle(order)
        for w in order[:2]:  # some sync mid-way, the others keep working offline
            w.p.team.sync()
    sync_all(lead, anna, bram)
    assert len(ledger) > 3
    for p in (lead, anna, bram):
        assert held(p) == ledger


def test_deleting_a_code_with_a_child_reaches_every_replica(replicas: Any) -> None:
    _team, lead, anna, bram = replicas
    ledger: Ledger = {}
    a, b = Work(ledger, anna), Work(ledger, bram)
    lead.add_code("Leren/Voordoen/Kijken")
    lead.team.sync()
    anna.team.sync()
    bram.team.sync()
    gone = {a.code("Bezoek 1", "laat Piet zien", "Leren/Voordoen/Kijken"),
            b.code("Bezoek 2", "legt de nieuwe lasrobot uit", "Leren/Voordoen")}
    kept = a.code("Bezoek 1", "probeert het zelf", "Leren/Uitproberen", memo="blijft")
    sync_all(anna, bram, lead)
    assert all(held(p) == ledger for p in (lead, anna, bram))
    lead.delete_code(lead.code("Leren/Voordoen").id)  # with its child and their codings
    for uuid in gone:
        del ledger[uuid]
    sync_all(lead, anna, bram)
    for p in (lead, anna, bram):
        assert held(p) == ledger and kept in held(p)
        assert sorted(path for _, _, path, _ in p.codes_with_counts()) == [
            "Leren", "Leren/Uitproberen"]


def test_a_child_code_added_under_a_code_deleted_meanwhile_goes_too(
        replicas: Any) -> None:
    _team, lead, anna, bram = replicas
    lead.delete_code(lead.code("Leren/Voordoen").id)  # offline, while Bram adds a child
    bram.add_code("Leren/Voordoen/Nieuw")
    bram.team.sync()  # the server has the child before the lead's deletion arrives
    lead.team.sync()
    sync_all(bram, anna, lead)
    for p in (lead, anna, bram):
        assert sorted(path for _, _, path, _ in p.codes_with_counts()) == [
            "Leren", "Leren/Uitproberen"]
