"""Material's tree makes its groups at once and a group's documents only when it is first
opened (a big study's window opens at once); opened, every document is there exactly once."""

from __future__ import annotations

from fieldkit.gui.navigator import build_tree
from fieldkit.gui.tree_model import Node, TreeModel


def made(node: Node) -> list[Node]:
    """The nodes made so far under ``node`` (without making any)."""
    out = []
    for child in node.children:
        out += [child, *made(child)]
    return out


def every(node: Node) -> list[Node]:
    """Every node under ``node``, making the ones left for later."""
    out = []
    for child in node.kids():
        out += [child, *every(child)]
    return out


def test_documents_are_made_when_their_group_is_opened(qtbot, demo) -> None:  # noqa: ANN001
    docs = demo.documents()
    root = build_tree(demo, docs)
    assert not any(n.ref and n.ref[0] == "document" for n in made(root))
    sites = root.children[0]
    assert sum(s.count or 0 for s in sites.children) == sum(d.codings for d in docs)
    model = TreeModel(("Material", "Codings"))
    model.set_root(root)
    first_site = model.index(0, 0, model.index(0, 0))
    assert model.hasChildren(first_site) and not made(sites.children[0])  # asked, not made
    opened = every(sites)
    under_sites = sorted(n.ref[1] for n in opened if n.ref and n.ref[0] == "document")
    assert under_sites == sorted(d.id for d in docs)
    visits = [n for n in opened if n.ref is None and n.children]
    assert visits
    for visit in visits:  # a visit's count is its documents' codings
        inside = {c.ref[1] for c in visit.children if c.ref}
        assert (visit.count or 0) == sum(d.codings for d in docs if d.id in inside)
    people = root.children[1]
    for person in people.children:
        mine = sorted(d.id for d in docs if d.participant == person.label)
        assert sorted(c.ref[1] for c in person.kids() if c.ref) == mine


def test_coded_segments_fills_its_choices_when_its_tab_is_chosen(window, qtbot) -> None:  # noqa: ANN001
    """Behind the Search tab the pane reads nothing when it is shown (the large demo's 10,000
    documents were read for it as the window opened); its tab chosen, its choices are there."""
    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
    panel, picker = window.segments, window.segments.codes
    assert window.segments_dock in window.tabifiedDockWidgets(window.search_dock)
    assert panel.isVisible() and panel.visibleRegion().isEmpty()  # "visible", parked away
    panel._choices_stale = True  # as a new project leaves it
    picker.model.clear()
    panel.showEvent(QShowEvent())
    for _ in range(5):
        QApplication.processEvents()
    assert picker.model.rowCount() == 0
    window.segments_dock.raise_()
    qtbot.waitUntil(lambda: picker.model.rowCount() == len(window.project.codebook().codes),
                    timeout=3000)
