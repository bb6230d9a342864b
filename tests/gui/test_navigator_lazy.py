"""Material's tree makes its groups at once and a group's documents only when it is first
opened (a big study's window opens at once); opened, every document is there exactly once."""

from __future__ import annotations

from fieldkit.gui.navigator import build_tree
from fieldkit.gui.tree_model import REF_ROLE, Node, TreeModel


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


def test_a_first_opening_leaves_a_crowded_site_closed(qtbot, tmp_path) -> None:  # noqa: ANN001
    """A first opening opens the groups and their first sites, but not a site of more than
    ``FIRST_OPEN_ROWS`` rows (a thousand undated ESM answers): its rows are not even made until
    the researcher opens it, and then every document is there."""
    from fieldkit import Project
    from fieldkit.gui.navigator import FIRST_OPEN_ROWS

    from .conftest import open_window

    p = Project.create(tmp_path / "Drukte.fieldkit", language="nl")
    crowd = [p.add_note(site="Aaltink", title=f"Antwoord {i} 😀", text=f"Één\r\nantwoord {i}").id
             for i in range(FIRST_OPEN_ROWS + 1)]
    p.add_note(site="Bosch", visit="2026-03-02", title="Ochtend", text="Henk legt uit.")
    p.add_note(site="Bosch", title="Los", text="Zonder bezoek.")
    for w in open_window(qtbot, p):
        for _ in range(2):  # twice: the second pass must find the same
            model, tree = w.navigator.tree_model, w.navigator.tree
            sites = model.index(0, 0)
            assert tree.isExpanded(sites)
            big, small = model.index(0, 0, sites), model.index(1, 0, sites)
            assert (big.data(), small.data()) == ("Aaltink", "Bosch")
            assert not tree.isExpanded(big) and tree.isExpanded(small)
            assert made(model.node(big)) == []  # not made either
            assert model.node(small).row_count() == 2  # the visit and the undated note
            w.navigator.refresh()
        # the refresh made a new tree: an index from before it points at a node that may be
        # gone (a model index does not keep its node alive), so it is asked for again
        big = model.index(0, 0, model.index(0, 0))
        assert big.data() == "Aaltink"
        tree.setExpanded(big, True)
        shown = [model.index(r, 0, big).data(REF_ROLE) for r in range(model.rowCount(big))]
        assert sorted(ref[1] for ref in shown) == sorted(crowd)
    p.close()


def test_a_site_knows_its_rows_before_making_them(demo) -> None:  # noqa: ANN001
    """The count a site gives before its rows are made is the number it then makes."""
    root = build_tree(demo, demo.documents())
    sites = root.children[0].children
    assert sites and all(s.later is not None for s in sites)
    told = [s.row_count() for s in sites]
    assert told == [len(s.kids()) for s in sites]
    assert [s.row_count() for s in sites] == told  # made: the children themselves


def test_a_window_without_pdfs_or_encryption_starts_without_their_libraries(
        tmp_path) -> None:  # noqa: ANN001
    """numpy (the PDF pages' boxes) and the cryptography libraries are loaded when a PDF or
    an encrypted project needs them, not when the window starts (90 and 25 ms of its start)."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from fieldkit import Project\n"
        "from fieldkit.gui.app import application\n"
        "from fieldkit.gui.main_window import MainWindow\n"
        f"p = Project.create({str(tmp_path / 'P.fieldkit')!r}, language='nl')\n"
        "p.add_note(site='A', visit='2026-03-02', title='N', text='De training was kort.')\n"
        "application()\n"
        "w = MainWindow(p); w.show()\n"
        "from PySide6.QtWidgets import QApplication\n"
        "QApplication.processEvents()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'numpy', 'cryptography', 'argon2', 'pypdfium2'}))\n"
        "w.close()\n")
    root = Path(__file__).resolve().parents[2]
    env = {"PYTHONPATH": str(root), "PATH": "", "FIELDKIT_SETTINGS": str(tmp_path / "s.ini"),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=root, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "[]"
