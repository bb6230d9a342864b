"""A small study with codes, codings, a memo and a fieldnote, for the network tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fieldkit.project import Project

#: accents, an emoji and a CRLF: positions are code points of the stored (normalised) text
TEXT = ("Jan laat Piet zien hoe de kantbank werkt 👍.\r\nCoördinatie onder tijdsdruk: één fout, "
        "daarna goed.\r\nPiet probeert het zelf.")


@dataclass
class Net:
    project: Project
    doc: int
    memo: int
    peer: int  # code ids
    time: int
    trying: int
    coding: str  # a coding's UUID ("Peer help" on Jan's sentence)


@pytest.fixture
def net(project: Project) -> Net:
    p = project
    doc = p.add_note(site="Metaal Oost", title="Bezoek één 😀", text=TEXT)
    peer = p.add_code("Leren/Informeel/Collega helpt", colour="#3cb44b").id
    time = p.add_code("Tijdsdruk", colour="#e6194b").id
    trying = p.add_code("Leren/Informeel/Uitproberen").id
    text = p.document(doc.id).text
    first = p.code_text(doc.id, 0, text.index("."), peer)
    p.code_text(doc.id, 0, 20, time)
    start = text.index("Coördinatie")
    p.code_text(doc.id, start, start + 30, time)
    p.code_text(doc.id, start, start + 11, peer)
    p.code_text(doc.id, text.index("Piet probeert"), len(text), trying)
    memo = p.memos.add("Leren onder druk", "Collega's helpen juist als het druk is.")
    p.memos.link(memo.id, "code", peer)
    return Net(p, doc.id, memo.id, peer, time, trying, first.uuid)
