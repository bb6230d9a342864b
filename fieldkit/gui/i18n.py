"""Dutch and English for the interface, through Qt's translation system.

Source strings are English, wrapped in ``tr()`` (one translation context, ``fieldkit``).
Translations live in ``resources/i18n/fieldkit_<lang>.ts`` (Qt Linguist XML, the single source).
At run time the ``.ts`` is compiled with the ``lrelease`` that PySide6 ships into a ``.qm`` in
the user's cache (redone when the ``.ts`` is newer) and loaded into a ``QTranslator``, together
with Qt's own ``qtbase_<lang>.qm`` so standard dialogs speak the same language. Where no
``lrelease`` can be found, ``tr()`` reads the ``.ts`` table directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CONTEXT = "fieldkit"
LANGUAGES = ("nl", "en")
TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"

_language = "en"
_table: dict[str, str] = {}  # only used when no .qm could be built
_translators: list[QTranslator] = []


def tr(text: str) -> str:
    """Translate an interface string into the current language."""
    if _table:
        return _table.get(text, text)
    return QCoreApplication.translate(CONTEXT, text)


def read_ts(path: Path) -> dict[str, str]:
    """The finished translations of a ``.ts`` file: source → translation."""
    found: dict[str, str] = {}
    root = ElementTree.parse(path).getroot()
    for message in root.iter("message"):
        source = message.findtext("source")
        node = message.find("translation")
        if source is None or node is None or node.get("type") in ("unfinished", "obsolete"):
            continue
        if node.text:
            found[source] = node.text
    return found


def system_language() -> str:
    return "nl" if QLocale.system().name().lower().startswith("nl") else "en"


def _lrelease() -> str | None:
    import PySide6

    here = Path(PySide6.__file__).parent
    for candidate in (here / "lrelease", here / "lrelease.exe",
                      Path(sys.executable).parent / "pyside6-lrelease"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fieldkit" / "i18n"


def compiled(language: str) -> Path | None:
    """The ``.qm`` for ``language``, compiled from its ``.ts`` when missing or stale."""
    ts = TS_DIR / f"fieldkit_{language}.ts"
    if not ts.exists():
        return None
    shipped = ts.with_suffix(".qm")
    if shipped.exists() and shipped.stat().st_mtime >= ts.stat().st_mtime:
        return shipped
    qm = _cache_dir() / f"fieldkit_{language}.qm"
    if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return qm
    tool = _lrelease()
    if tool is None:
        return None
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                       capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return qm if qm.exists() else None


def install(language: str | None) -> str:
    """Switch the interface language (``None``: follow the system); returns the one chosen."""
    global _language, _table
    lang = language if language in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    assert app is not None, "the Qt application must exist before its language is chosen"
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    _table = {}
    _language = lang
    if lang == "en":
        return lang
    qm = compiled(lang)
    ours = QTranslator()
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        _translators.append(ours)
    else:
        _table = read_ts(TS_DIR / f"fieldkit_{lang}.ts")
    qt = QTranslator()
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return lang


def current_language() -> str:
    return _language
