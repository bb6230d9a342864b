"""Where the panes sit: the default layout, keeping it usable on small screens, saving it sanely.

A laptop screen is 1366×768 or smaller, so every pane has a small minimum and the window can
always be made as small as the screen. Panes squeezed to a sliver when the window shrank get
their width back when it grows again, and a layout is only remembered when it is one worth
coming back to: the window inside the screen and no pane squeezed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QWidget

from fieldkit.gui import settings

if TYPE_CHECKING:
    from fieldkit.gui.main_window import MainWindow

SIDE_MIN = 180  # a side pane narrower than this shows counts without names: squeezed
# share of the window, most pixels: at 1024 pixels wide Material gets 256 and the codebook 266,
# room for a document's name three levels deep and a code's name two levels deep
SIDE = {"dock_navigator": (0.25, 320), "dock_codebook": (0.26, 360)}
BOTTOM = (0.24, 210)
PLAYER_BOTTOM = 80  # the bottom pane while a recording is in front: its search box and a row
GEOMETRY, STATE = "window/geometry", "window/state"


def screen_rect(window: MainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1440, 900)


def side_docks(window: MainWindow) -> list[QDockWidget]:
    return [d for d in window.findChildren(QDockWidget)
            if window.dockWidgetArea(d) in (Qt.DockWidgetArea.LeftDockWidgetArea,
                                            Qt.DockWidgetArea.RightDockWidgetArea)]


def squeezed(window: MainWindow) -> list[QDockWidget]:
    """Docks that are open, docked at a side, and narrower than a readable pane."""
    return [d for d in side_docks(window)
            if showing(d) and not d.isFloating() and d.width() < SIDE_MIN]


def showing(dock: QDockWidget) -> bool:
    """Open and in front: a dock behind another one's tab counts as "visible" to Qt but is
    parked outside the window."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def sane(window: MainWindow) -> bool:
    """Whether the layout is worth remembering: on screen, nothing squeezed, not tiny."""
    frame = window.frameGeometry()
    screen = screen_rect(window)
    inside = screen.adjusted(-8, -8, 8, 8).contains(frame) or window.isMaximized()
    return inside and not squeezed(window) and window.width() >= 640


def fit_to_screen(window: MainWindow) -> None:
    """Shrink and move the window so that it lies inside the screen."""
    screen = screen_rect(window)
    frame = window.frameGeometry()  # the title bar and borders count (once shown)
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), screen.width() - extra_w)
    height = min(window.height(), screen.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), screen.x()), screen.right() - frame.width() + 1)
    y = min(max(frame.y(), screen.y()), screen.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def target_width(dock: QDockWidget, window_width: int) -> int:
    """The width a side pane gets in a window this wide (a share, within limits)."""
    share, most = SIDE.get(dock.objectName(), (0.22, 320))
    return max(SIDE_MIN, min(most, int(window_width * share)))


def recover_panes(window: MainWindow, grew: bool = False) -> None:
    """Give squeezed side panes a readable width again, as far as the window allows; when the
    window ``grew``, also widen panes left narrower than their share by an earlier shrink."""
    width = window.width()
    docks = squeezed(window)
    if grew:
        docks += [d for d in side_docks(window)
                  if showing(d) and not d.isFloating() and d not in docks
                  and d.width() < target_width(d, width) - 24]
    if docks:
        window.resizeDocks(docks, [target_width(d, width) for d in docks],
                           Qt.Orientation.Horizontal)


def default_layout(window: MainWindow) -> None:
    """The panes where a new user finds them: material left, codebook right, search below."""
    for dock in window.findChildren(QDockWidget):
        dock.setFloating(False)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.nav_dock)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.code_dock)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.search_dock)
    for dock in (window.nav_dock, window.code_dock, window.search_dock):
        dock.show()
    # every other pane in its home area, behind a tab of the main pane there
    first = {Qt.DockWidgetArea.LeftDockWidgetArea: window.nav_dock,
             Qt.DockWidgetArea.RightDockWidgetArea: window.code_dock,
             Qt.DockWidgetArea.BottomDockWidgetArea: window.search_dock}
    for dock in window.extra_docks():
        home = Qt.DockWidgetArea(int(dock.property("home") or
                                     Qt.DockWidgetArea.RightDockWidgetArea.value))
        window.addDockWidget(home, dock)
        if home in first:
            window.tabifyDockWidget(first[home], dock)
    for dock in first.values():
        dock.raise_()
    fit_to_screen(window)
    width, height = window.width(), window.height()
    docks = [window.nav_dock, window.code_dock]
    window.resizeDocks(docks, [target_width(d, width) for d in docks], Qt.Orientation.Horizontal)
    window.resizeDocks([window.search_dock], [min(BOTTOM[1], int(height * BOTTOM[0]))],
                       Qt.Orientation.Vertical)


def room_for_player(window: MainWindow, player_in_front: bool) -> None:
    """A recording in front: the bottom pane (Search) gives its height to the player, whose
    transcript becomes the main area (the transcription view of f4 and MAXQDA); a text in
    front again gets the pane's height back. A pane the researcher moved is left alone."""
    dock = window.search_dock
    docked = window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    if dock.isFloating() or not docked or not dock.isVisible():
        window.search_height = None
        return
    if player_in_front and window.search_height is None:
        window.search_height = dock.height()
        window.resizeDocks([dock], [PLAYER_BOTTOM], Qt.Orientation.Vertical)
    elif not player_in_front and window.search_height is not None:
        window.resizeDocks([dock], [window.search_height], Qt.Orientation.Vertical)
        window.search_height = None


def restore(window: MainWindow) -> bool:
    """Bring back the remembered size and panes, kept inside the screen; True if there were."""
    geometry = settings.get(GEOMETRY)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = settings.get(STATE)
    done = isinstance(state, QByteArray) and not state.isEmpty() and window.restoreState(state)
    window.setProperty("layout_restored", bool(done))
    fit_to_screen(window)
    return bool(done)


def restored(window: MainWindow) -> bool:
    return bool(window.property("layout_restored"))


def save(window: MainWindow) -> bool:
    """Remember size and panes, but only a layout worth coming back to; True if saved."""
    if not sane(window):
        return False
    settings.put(GEOMETRY, window.saveGeometry())
    settings.put(STATE, window.saveState())
    return True


def forget() -> None:
    settings.put(GEOMETRY, QByteArray())
    settings.put(STATE, QByteArray())


class PaneKeeper:
    """After the window is resized, squeezed panes get their width back (once it settles)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.width = window.width()
        self.timer = QTimer(window)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.settle)

    def resized(self) -> None:
        self.timer.start()

    def settle(self) -> None:
        window = self.window
        width = window.width()
        recover_panes(window, grew=width > self.width)
        central = window.centralWidget()
        if width < self.width and central is not None and central.width() < width * 0.4:
            # shrinking squeezes the document first: give it back its share
            docks = [d for d in side_docks(window) if showing(d) and not d.isFloating()
                     and d.width() > target_width(d, width)]
            if docks:
                window.resizeDocks(docks, [target_width(d, width) for d in docks],
                                   Qt.Orientation.Horizontal)
        self.width = width


def wait_for_size(window: QWidget, width: int, height: int, limit_ms: int = 5000) -> bool:
    """Let ``window`` reach ``width``×``height`` before it is grabbed.

    A window manager on a busy machine may apply a resize late (or give its own size first),
    so the size is asked for again until it holds; False when it never did within the limit.
    """
    app = QCoreApplication.instance()
    clock = QElapsedTimer()
    clock.start()
    asked = -1
    while (window.width(), window.height()) != (width, height):
        if clock.elapsed() > limit_ms or app is None:
            return False
        if clock.elapsed() // 250 != asked:  # ask again now and then, not in every turn
            asked = clock.elapsed() // 250
            window.resize(width, height)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    if app is not None:
        app.processEvents()
    return True
