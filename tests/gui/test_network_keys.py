"""The network canvas from the keyboard (``network_keys``), under pytest-qt with real key
presses on the real Analysis window: the arrow keys go to the nearest node in their direction
and Page Down / Page Up through the nodes in reading order (both checked against a brute-force
answer from the places the project keeps), Ctrl + arrows move the chosen nodes and Ctrl+Z takes
the move back, L and the keyboard context menu link two nodes, Enter opens a node, and the
canvas's accessible description names the chosen node and its links in English and Dutch.
Shift + the arrows, Page Down / Page Up, Home / End, Ctrl+Space and Ctrl+A choose several nodes
(checked against the same brute-force answers), which Ctrl + arrows then move together.
Every action runs twice in a row; every check reads the project, not only the widgets."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from fieldkit.gui.network_keys import BIG_STEP, STEP, kind_name, node_name
from fieldkit.gui.network_scene import NodeItem
from fieldkit.project import Project
from tests.gui.focus_walk import walk

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
#: rows well apart (100 scene units), the nodes of a row a little up and down (under 20)
PLACES = {"code:Learning/Informal/Observation": (40, -95),
          "code:Technology/New machine": (-300, -100),
          "code:Learning/Informal/Trial and error": (330, -110),
          "note:Vraag Ilse 🙂 naar de kantbank": (-120, 8),
          "note:Coördinatie\r\nloopt via WhatsApp": (260, 0),
          "code:Technology/Cobot": (-320, 190),
          "note:één": (90, 205),
          "code:Learning/Formal/Cursus": (500, 200)}


@pytest.fixture
def network(window, qtbot):
    """The Networks tab in front with a network "Leren" of eight nodes in three rows."""
    project: Project = window.project
    project.add_code("Technology/Cobot", colour="#4285f4")
    project.add_code("Learning/Formal/Cursus", colour="#9c27b0")
    analysis = window.show_analysis()
    qtbot.waitExposed(analysis)
    analysis.resize(1200, 760)
    analysis.tabs.setCurrentWidget(analysis.networks)
    panel = analysis.networks
    panel.new_network("Leren")
    for node, (x, y) in PLACES.items():
        panel.project.networks.add_node(panel.current(), node, x=x, y=y)
    panel.show_current(fit=True)
    panel.canvas.setFocus()
    return panel


def shown(panel):  # type: ignore[no-untyped-def]
    return panel.project.networks.show(panel.current())


def chosen(panel) -> list[int]:  # type: ignore[no-untyped-def]
    return [i.node.id for i in panel.scene.selectedItems() if isinstance(i, NodeItem)]


def press(panel, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClick(panel.canvas, key, modifiers)


def expected_order(panel) -> list[int]:  # type: ignore[no-untyped-def]
    """Reading order from the stored places: the rows are 100 units apart, so a node's row is
    its height rounded to the hundred; left to right within it."""
    nodes = shown(panel).nodes
    return [n.id for n in sorted(nodes, key=lambda n: (round(n.y / 100), n.x))]


def expected_nearest(panel, start: int, dx: int, dy: int) -> int | None:  # type: ignore[no-untyped-def]
    """Brute force: of the nodes ahead in the direction, the closest within 45 degrees of it,
    else the closest ahead at all."""
    nodes = {n.id: (n.x, n.y) for n in shown(panel).nodes}
    x0, y0 = nodes[start]
    within, ahead = [], []
    for key, (x, y) in nodes.items():
        forward = (x - x0) if dx else (y - y0)
        forward *= dx or dy
        sideways = abs(y - y0) if dx else abs(x - x0)
        if key == start or forward <= 0:
            continue
        (within if sideways <= forward else ahead).append((math.hypot(x - x0, y - y0), key))
    best = min(within or ahead, default=None)
    return best[1] if best else None


def in_sight(panel, node_id: int) -> bool:  # type: ignore[no-untyped-def]
    seen = panel.canvas.mapToScene(panel.canvas.viewport().rect()).boundingRect()
    return seen.contains(panel.scene.nodes[node_id].sceneBoundingRect())


def test_keys_go_through_the_nodes_in_reading_order_and_to_the_nearest(network) -> None:
    panel = network
    order = expected_order(panel)
    assert chosen(panel) == []
    panel.canvas.set_zoom(2.5)  # not everything fits: a node gone to is scrolled into sight
    for _ in range(2):
        press(panel, Qt.Key.Key_Home)
        assert chosen(panel) == [order[0]]
        for node in order[1:]:
            press(panel, Qt.Key.Key_PageDown)
            assert chosen(panel) == [node] and in_sight(panel, node)
        press(panel, Qt.Key.Key_PageDown)  # the last stays the last
        assert chosen(panel) == [order[-1]]
        for node in reversed(order[:-1]):
            press(panel, Qt.Key.Key_PageUp)
            assert chosen(panel) == [node] and in_sight(panel, node)
        press(panel, Qt.Key.Key_End)
        assert chosen(panel) == [order[-1]]
    arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
              Qt.Key.Key_Down: (0, 1)}
    moved = 0
    for _ in range(2):
        for i, start in enumerate(order):
            for key, (dx, dy) in arrows.items():
                press(panel, Qt.Key.Key_Home)
                for _step in range(i):
                    press(panel, Qt.Key.Key_PageDown)
                assert chosen(panel) == [start]
                press(panel, key)
                want = expected_nearest(panel, start, dx, dy)
                assert chosen(panel) == [want if want is not None else start], (start, key)
                assert in_sight(panel, chosen(panel)[0])
                moved += want is not None
    assert moved > 30  # most steps really went somewhere
    # Escape chooses nothing; an arrow then starts at the first node in reading order
    press(panel, Qt.Key.Key_Escape)
    assert chosen(panel) == []
    press(panel, Qt.Key.Key_Right)
    assert chosen(panel) == [order[0]]


def test_tab_leaves_the_canvas(network) -> None:
    panel = network
    press(panel, Qt.Key.Key_Home)
    press(panel, Qt.Key.Key_Tab)
    assert not panel.canvas.hasFocus()  # the arrows work inside, Tab goes on (as in a list)


def test_ctrl_arrows_move_the_chosen_nodes_and_undo_takes_the_move_back(network) -> None:
    panel, project = network, network.project
    order = expected_order(panel)
    press(panel, Qt.Key.Key_Home)
    first = order[0]

    def place(node_id: int) -> tuple[int, int]:
        node = shown(panel).node(node_id)
        return node.x, node.y

    for _ in range(2):
        start = place(first)
        press(panel, Qt.Key.Key_Right, CTRL)
        assert place(first) == (start[0] + STEP, start[1])
        assert project.undo_label() == "Move in network"
        press(panel, Qt.Key.Key_Down, CTRL | SHIFT)
        assert place(first) == (start[0] + STEP, start[1] + BIG_STEP)
        press(panel, Qt.Key.Key_Up, CTRL)
        press(panel, Qt.Key.Key_Left, CTRL)
        assert place(first) == (start[0], start[1] + BIG_STEP - STEP)
        # the scene stands where the project says, and the node is still the chosen one
        item = panel.scene.nodes[first]
        assert (item.pos().x(), item.pos().y()) == place(first) and chosen(panel) == [first]
        for _undo in range(4):  # one undo step per key press
            press(panel, Qt.Key.Key_Z, CTRL)
        assert place(first) == start
        assert (item.pos().x(), item.pos().y()) == start
    # several chosen nodes move together, one undo step
    panel.scene.nodes[order[1]].setSelected(True)
    before = {k: place(k) for k in order}
    press(panel, Qt.Key.Key_Up, CTRL | SHIFT)
    after = {k: place(k) for k in order}
    assert {k for k in order if after[k] != before[k]} == {order[0], order[1]}
    assert all(after[k] == (before[k][0], before[k][1] - BIG_STEP) for k in order[:2])
    project.undo()
    assert {k: place(k) for k in order} == before


def test_l_and_the_keyboard_context_menu_link_two_nodes(network, window, qtbot) -> None:
    panel, project = network, network.project
    nodes = {n.ref if n.kind == "code" else n.text: n for n in shown(panel).nodes}
    observation = nodes["code:Learning/Informal/Observation"]
    machine = nodes["code:Technology/New machine"]
    note = nodes["Vraag Ilse 🙂 naar de kantbank"]
    part_of = project.networks.relation("is part of")
    cause = project.networks.relation("is cause of")
    for round_ in range(2):
        # L on a node chosen with the keys
        panel.canvas.keys.go_to(observation.id)
        press(panel, Qt.Key.Key_L)
        dialog = panel.canvas.keys.dialog
        assert dialog is not None and dialog.isVisible()
        others = [dialog.nodes.itemData(i) for i in range(dialog.nodes.count())]
        assert sorted(others) == sorted(n.id for n in nodes.values() if n is not observation)
        relations = [dialog.relations.itemText(i) for i in range(dialog.relations.count())]
        assert relations[:3] == ["is associated with", "is cause of", "is part of"]
        # a note is named by its whole text on one line; Tab goes through the dialog in
        # reading order and its lists are named by their labels
        assert dialog.nodes.findText("Coördinatie loopt via WhatsApp (Note)") >= 0
        assert (dialog.relations.accessibleName(), dialog.nodes.accessibleName()) == (
            "Relation", "To")
        assert walk(dialog).problems() == []
        dialog.choose(machine.id, part_of.id)
        QTest.keyClick(dialog.relations, Qt.Key.Key_Return)  # Enter accepts the dialog
        links = shown(panel).links
        [link] = [x for x in links if {x.source, x.target} == {observation.id, machine.id}]
        assert (link.source, link.target, link.relation, link.kind) == (
            observation.id, machine.id, "is part of", "code")
        assert project.undo_label() == "Link in network Leren"
        # the context menu from the keyboard (Shift+F10) on the chosen node: "Link to…"
        panel.canvas.keys.go_to(note.id)
        panel.window_.activateWindow()
        panel.canvas.setFocus()
        qtbot.waitUntil(panel.canvas.hasFocus)
        press(panel, Qt.Key.Key_F10, SHIFT)
        menu = panel.menu
        assert menu is not None and menu.isVisible()
        action = next(a for a in menu.actions() if a.text() == "Link to…")
        menu.close()
        action.trigger()
        dialog = panel.canvas.keys.dialog
        assert dialog is not None and dialog.windowTitle().startswith("Link Vraag Ilse")
        dialog.choose(observation.id, cause.id)
        dialog.accept()
        made = [x for x in shown(panel).links if x.source == note.id]
        assert [(x.target, x.relation, x.kind) for x in made] == [
            (observation.id, "is cause of", "network")]
        if round_ == 0:  # undo takes both links back; the second round makes them again
            project.undo()
            project.undo()
            panel.show_current()
            assert shown(panel).links == []
    assert len(shown(panel).links) == 2
    # a cancelled dialog links nothing
    press(panel, Qt.Key.Key_L)
    panel.canvas.keys.dialog.reject()
    assert len(shown(panel).links) == 2


def test_enter_opens_what_the_node_stands_for(network, window) -> None:
    panel, project = network, network.project
    nodes = {n.ref: n for n in shown(panel).nodes}
    for path in ("Technology/New machine", "Learning/Informal/Observation"):
        panel.canvas.keys.go_to(nodes[f"code:{path}"].id)
        panel.canvas.setFocus()
        press(panel, Qt.Key.Key_Return)
        assert window.segments.codes.checked() == [project.code(path).id]
    # a coded segment opens in its document, with its words selected
    coding = next(c for c in project.codings() if c.quote.startswith("mee te kijken"))
    [segment] = panel.add_at([f"segment:{coding.id}"], QPointF(0, 400))
    for _ in range(2):
        panel.canvas.keys.go_to(segment.id)
        panel.window_.activateWindow()
        panel.canvas.setFocus()
        press(panel, Qt.Key.Key_Enter)
        tab = window.current_tab()
        assert tab is not None and tab.text_view.textCursor().selectedText() == coding.quote
        tab.text_view.moveCursor(tab.text_view.textCursor().MoveOperation.Start)


def test_the_description_names_the_node_and_its_links_in_english_and_dutch(
        network, window) -> None:
    panel = network
    nodes = {n.ref if n.kind == "code" else n.text: n for n in shown(panel).nodes}
    observation = nodes["code:Learning/Informal/Observation"]
    machine = nodes["code:Technology/New machine"]
    note = nodes["één"]
    panel.link(observation.id, "is part of", machine.id)
    panel.link(observation.id, "is associated with", nodes["code:Technology/Cobot"].id)
    panel.link(note.id, "is cause of", observation.id)
    canvas = panel.canvas
    said = {
        "en": ("Code Learning/Informal/Observation, 3 links: is part of Technology/New machine; "
               "is associated with Technology/Cobot; één is cause of this one",
               "Code Technology/New machine, 1 link: Learning/Informal/Observation is part of "
               "this one",
               "Note één, 1 link: is cause of Learning/Informal/Observation",
               "No node chosen: the arrow keys choose one.",
               "2 items chosen; now at Note één",
               "Link: één is cause of Learning/Informal/Observation"),
        "nl": ("Code Learning/Informal/Observation, 3 koppelingen: is onderdeel van "
               "Technology/New machine; hangt samen met Technology/Cobot; één is oorzaak van "
               "deze",
               "Code Technology/New machine, 1 koppeling: Learning/Informal/Observation is "
               "onderdeel van deze",
               "Notitie één, 1 koppeling: is oorzaak van Learning/Informal/Observation",
               "Geen knooppunt gekozen: de pijltjestoetsen kiezen er een.",
               "2 onderdelen gekozen; nu bij Notitie één",
               "Koppeling: één is oorzaak van Learning/Informal/Observation"),
    }
    for language in ("en", "nl", "en", "nl"):
        window.set_language(language)
        code, other, free, nothing, two, link = said[language]
        panel.canvas.setFocus()
        press(panel, Qt.Key.Key_Escape)
        assert canvas.accessibleDescription() == nothing
        press(panel, Qt.Key.Key_Home)  # New machine, then Observation in reading order
        press(panel, Qt.Key.Key_PageDown)
        assert chosen(panel) == [observation.id]
        assert canvas.accessibleDescription() == code
        panel.canvas.keys.go_to(machine.id)
        assert canvas.accessibleDescription() == other
        panel.canvas.keys.go_to(note.id)
        assert canvas.accessibleDescription() == free
        panel.scene.nodes[machine.id].setSelected(True)
        assert canvas.accessibleDescription() == two
        panel.scene.clearSelection()
        [line] = [x for x in panel.scene.links.values() if x.link.source == note.id]
        line.setSelected(True)
        assert canvas.accessibleDescription() == link
        # the chosen node's links change: what is said follows
        line.setSelected(False)
        panel.canvas.keys.go_to(note.id)
        panel.link(note.id, "is a", machine.id)
        assert canvas.accessibleDescription().startswith(free.split(",")[0] + ", 2 ")
        panel.project.undo()
        panel.show_current()
        assert canvas.accessibleDescription() == free
    window.set_language("en")


def test_the_keys_are_listed_in_the_shortcuts_dialog_and_the_hint(network, window) -> None:
    for language, link, hint in (("en", "Network: link the chosen node to another",
                                  "Shift: one more), Ctrl+arrows move the chosen ones"),
                                 ("nl", "Netwerk: het gekozen knooppunt aan een ander koppelen",
                                  "Shift: nog een), Ctrl+pijltjes verplaatsen de gekozen")):
        window.set_language(language)
        dialog = window.show_shortcuts()
        rows = dialog.rows()
        dialog.close()
        assert rows[link] == "L"
        assert hint in network.hint.text()
    window.set_language("en")


ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
          Qt.Key.Key_Down: (0, 1)}


def said_node(panel, node_id: int) -> str:  # type: ignore[no-untyped-def]
    """A node's kind and name as the canvas says them (in the interface language)."""
    node = panel.scene.nodes[node_id].node
    return f"{kind_name(node.kind)} {node_name(node)}"


def many(panel, n: int) -> str:  # type: ignore[no-untyped-def]
    """What the canvas says with ``n`` chosen (English): how many, and the node the keys are at."""
    return f"{n} items chosen; now at {said_node(panel, panel.canvas.keys.current_id)}"


def go_to_by_keys(panel, node_id: int) -> None:  # type: ignore[no-untyped-def]
    """Choose ``node_id`` alone the way a keyboard user does: Home, then Page Down."""
    press(panel, Qt.Key.Key_Home)
    for _ in range(expected_order(panel).index(node_id)):
        press(panel, Qt.Key.Key_PageDown)
    assert chosen(panel) == [node_id]


def test_shift_arrows_add_the_nearest_node_and_a_plain_arrow_chooses_one_alone(network) -> None:
    panel = network
    keys = panel.canvas.keys
    grew = alone = 0
    for _ in range(2):
        for start in expected_order(panel):
            for key, (dx, dy) in ARROWS.items():
                go_to_by_keys(panel, start)
                press(panel, key, SHIFT)
                first = expected_nearest(panel, start, dx, dy)
                want = {start} if first is None else {start, first}
                assert set(chosen(panel)) == want, (start, key)
                if first is None:
                    continue
                grew += 1
                assert keys.current_id == first and in_sight(panel, first)
                assert panel.canvas.accessibleDescription() == many(panel, 2)
                # on from the node gone to, keeping both
                press(panel, key, SHIFT)
                second = expected_nearest(panel, first, dx, dy)
                if second is not None:
                    want.add(second)
                    assert keys.current_id == second
                assert set(chosen(panel)) == want
                assert panel.canvas.accessibleDescription() == many(panel, len(want))
                # a plain arrow chooses one node alone again, going on from the current one
                # (at the edge it goes nowhere and the choice stays, as in a list)
                here = keys.current_id
                assert here is not None
                last = expected_nearest(panel, here, dx, dy)
                press(panel, key)
                if last is None:
                    assert set(chosen(panel)) == want
                else:
                    assert chosen(panel) == [last]
                    alone += 1
    assert grew > 15 and alone > 5  # most Shift presses really added a node


def test_shift_page_keys_add_the_next_node_in_reading_order(network) -> None:
    panel = network
    order = expected_order(panel)
    for _ in range(2):
        press(panel, Qt.Key.Key_Home)
        press(panel, Qt.Key.Key_PageDown, SHIFT)
        press(panel, Qt.Key.Key_PageDown, SHIFT)
        assert sorted(chosen(panel)) == sorted(order[:3])
        assert panel.canvas.keys.current_id == order[2]
        press(panel, Qt.Key.Key_PageUp, SHIFT)  # back to one already chosen: all stay
        assert sorted(chosen(panel)) == sorted(order[:3])
        assert panel.canvas.keys.current_id == order[1]
        press(panel, Qt.Key.Key_PageDown)
        assert chosen(panel) == [order[2]]


def test_shift_home_and_end_choose_from_the_current_node_to_the_first_and_the_last(
        network) -> None:
    panel = network
    order = expected_order(panel)
    assert len(order) == len(PLACES)
    for _ in range(2):
        go_to_by_keys(panel, order[3])
        press(panel, Qt.Key.Key_End, SHIFT)
        assert sorted(chosen(panel)) == sorted(order[3:])
        assert panel.canvas.keys.current_id == order[-1] and in_sight(panel, order[-1])
        assert panel.canvas.accessibleDescription() == many(panel, len(order[3:]))
        go_to_by_keys(panel, order[5])
        press(panel, Qt.Key.Key_Home, SHIFT)
        assert sorted(chosen(panel)) == sorted(order[:6])
        assert panel.canvas.keys.current_id == order[0]
        # the nodes chosen before stay chosen: Shift+End from the first now takes in all
        press(panel, Qt.Key.Key_End, SHIFT)
        assert sorted(chosen(panel)) == sorted(order)
        # from none chosen, the end alone
        press(panel, Qt.Key.Key_Escape)
        press(panel, Qt.Key.Key_End, SHIFT)
        assert chosen(panel) == [order[-1]]
        press(panel, Qt.Key.Key_Escape)
        press(panel, Qt.Key.Key_Home, SHIFT)
        assert chosen(panel) == [order[0]]


def test_ctrl_space_takes_the_current_node_in_and_out_and_ctrl_a_chooses_all(network) -> None:
    panel = network
    order = expected_order(panel)
    keys = panel.canvas.keys
    for _ in range(2):
        press(panel, Qt.Key.Key_Home)
        press(panel, Qt.Key.Key_PageDown, SHIFT)
        assert sorted(chosen(panel)) == sorted(order[:2])
        press(panel, Qt.Key.Key_Space, CTRL)  # the current one out, the other stays
        assert chosen(panel) == [order[0]] and keys.current_id == order[1]
        assert panel.canvas.accessibleDescription().startswith("Code Technology/New machine")
        press(panel, Qt.Key.Key_Space, CTRL)  # and in again
        assert sorted(chosen(panel)) == sorted(order[:2])
        assert panel.canvas.accessibleDescription() == many(panel, 2)
        # left out, the keys still go on from it (as in a list): the next after it is added
        press(panel, Qt.Key.Key_Space, CTRL)
        press(panel, Qt.Key.Key_PageDown, SHIFT)
        assert sorted(chosen(panel)) == sorted([order[0], order[2]])
        # with nothing chosen, Ctrl+Space chooses the first node
        press(panel, Qt.Key.Key_Escape)
        assert chosen(panel) == []
        press(panel, Qt.Key.Key_Space, CTRL)
        assert chosen(panel) == [order[0]]
        press(panel, Qt.Key.Key_A, CTRL)
        assert sorted(chosen(panel)) == sorted(order)
        assert panel.canvas.accessibleDescription() == many(panel, len(order))
        press(panel, Qt.Key.Key_A, CTRL)
        assert sorted(chosen(panel)) == sorted(order)
        press(panel, Qt.Key.Key_Escape)
        assert chosen(panel) == []


def test_ctrl_arrows_move_every_node_chosen_with_the_keys_in_one_undo_step(network) -> None:
    panel, project = network, network.project
    order = expected_order(panel)

    def places() -> dict[int, tuple[int, int]]:
        return {n.id: (n.x, n.y) for n in shown(panel).nodes}

    def on_canvas() -> dict[int, tuple[float, float]]:
        return {k: (item.pos().x(), item.pos().y()) for k, item in panel.scene.nodes.items()}

    for _ in range(2):
        go_to_by_keys(panel, order[2])
        press(panel, Qt.Key.Key_PageDown, SHIFT)
        press(panel, Qt.Key.Key_End, SHIFT)
        picked = set(order[2:])
        assert set(chosen(panel)) == picked
        before = places()
        press(panel, Qt.Key.Key_Right, CTRL)
        after = places()
        assert project.undo_label() == "Move in network"
        assert after == {k: (x + STEP, y) if k in picked else (x, y)
                         for k, (x, y) in before.items()}
        assert on_canvas() == after and set(chosen(panel)) == picked
        press(panel, Qt.Key.Key_Z, CTRL)  # one undo puts every one of them back
        assert places() == before and on_canvas() == before
        # every node, the bigger step
        press(panel, Qt.Key.Key_A, CTRL)
        press(panel, Qt.Key.Key_Down, CTRL | SHIFT)
        assert places() == {k: (x, y + BIG_STEP) for k, (x, y) in before.items()}
        press(panel, Qt.Key.Key_Z, CTRL)
        assert places() == before and on_canvas() == before


def test_the_description_after_shift_keys_says_how_many_in_english_and_dutch(
        network, window) -> None:
    panel = network
    order = expected_order(panel)
    for language, two, three in (("en", "2 items chosen", "3 items chosen"),
                                 ("nl", "2 onderdelen gekozen", "3 onderdelen gekozen")) * 2:
        at = {"en": "; now at ", "nl": "; nu bij "}[language]
        window.set_language(language)
        panel.canvas.setFocus()
        press(panel, Qt.Key.Key_Home)
        press(panel, Qt.Key.Key_Right, SHIFT)
        first = expected_nearest(panel, order[0], 1, 0)
        assert first is not None and set(chosen(panel)) == {order[0], first}
        assert panel.canvas.accessibleDescription() == two + at + said_node(panel, first)
        press(panel, Qt.Key.Key_Right, SHIFT)
        assert len(chosen(panel)) == 3
        third = panel.canvas.keys.current_id
        assert third not in (order[0], first)
        assert panel.canvas.accessibleDescription() == three + at + said_node(panel, third)
        press(panel, Qt.Key.Key_Escape)
    window.set_language("en")


def test_the_choosing_keys_are_listed_in_the_shortcuts_dialog(network, window) -> None:
    for language, every, toggle, toggle_keys, more, more_keys in (
            ("en", "Network: choose every node",
             "Network: choose the current node too, or leave it out", "Ctrl+Space",
             "Network: go on and choose that node too", "Shift+arrow keys"),
            ("nl", "Netwerk: alle knooppunten kiezen",
             "Netwerk: het huidige knooppunt ook kiezen, of weglaten", "Ctrl+Spatie",
             "Netwerk: verder gaan en dat knooppunt ook kiezen", "Shift+pijltjestoetsen")):
        window.set_language(language)
        dialog = window.show_shortcuts()
        rows = dialog.rows()
        dialog.close()
        assert rows[every] == "Ctrl+A" and rows[toggle] == toggle_keys
        assert rows[more].startswith(more_keys + ",\nShift+Page Down")
    window.set_language("en")
