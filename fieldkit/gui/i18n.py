"""Dutch and English for the interface, through Qt's translation system.

Source strings are English, wrapped in ``tr()`` (one translation context, ``fieldkit``);
counts go through ``ntr("%Ln coding(s)", n)``, Qt's plural support: each language's ``.ts``
gives the ``<numerusform>``s ("1 coding", "2 codings"; "1 codering", "2 coderingen") and
``%Ln`` becomes the number written the language's way. English loads its ``.ts`` too, for
those forms.
Translations live in ``resources/i18n/fieldkit*_<lang>.ts`` (Qt Linguist XML, the single source;
shipped inside the package as ``fieldkit.resources``):
``fieldkit_<lang>.ts`` plus one file per area of the app (``fieldkit_retrieval_<lang>.ts``, ...),
so that work on different windows does not edit one long file. At run time the ``.ts`` files are
compiled with the ``lrelease`` that PySide6 ships into a ``.qm`` in the user's cache folder
(``fieldkit.places``; named by the sources' contents) and loaded into a ``QTranslator``, together
with Qt's own ``qtbase_<lang>.qm`` so standard dialogs speak the same language. Where no
``lrelease`` can be found, ``tr()`` reads the ``.ts`` table directly.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fieldkit import places
from fieldkit.resources import folder

CONTEXT = "fieldkit"
LANGUAGES = ("nl", "en")
TS_DIR = folder("i18n")

_language = "en"
_table: dict[str, str] = {}  # only used when no .qm could be built
_plurals: dict[str, list[str]] = {}  # likewise: source → numerus forms (one, other)
_translators: list[QTranslator] = []


def tr(text: str) -> str:
    """Translate an interface string into the current language."""
    if _table:
        return _table.get(text, text)
    return QCoreApplication.translate(CONTEXT, text)


def ntr(text: str, n: int) -> str:
    """Translate a count: ``ntr("%Ln coding(s)", 1)`` → "1 coding", in Dutch "1 codering"."""
    if _table or _plurals:
        forms = _plurals.get(text)
        # Dutch and English both: one form for exactly one, the other for every other count
        pattern = forms[0 if n == 1 else -1] if forms else text
        return pattern.replace("%Ln", QLocale().toString(n)).replace("%n", str(n))
    return QCoreApplication.translate(CONTEXT, text, None, n)


def number(value: float, digits: int = 0) -> str:
    """A number written the interface language's way ("99,6" in Dutch, "99.6" in English)."""
    if digits == 0:
        return QLocale().toString(int(round(value)))
    return QLocale().toString(float(value), "f", digits)


def read_language(language: str) -> dict[str, str]:
    """The finished translations of every ``.ts`` file of ``language``."""
    found: dict[str, str] = {}
    for ts in ts_files(language):
        found.update(read_ts(ts))
    return found


def read_language_plurals(language: str) -> dict[str, list[str]]:
    """The numerus forms of every ``.ts`` file of ``language``."""
    found: dict[str, list[str]] = {}
    for ts in ts_files(language):
        found.update(read_plurals(ts))
    return found


def read_ts(path: Path) -> dict[str, str]:
    """The finished translations of a ``.ts`` file: source → translation.

    A plural message (``numerus="yes"``) maps to its last form, the one for most counts.
    """
    found: dict[str, str] = {}
    for source, forms in _messages(path):
        found[source] = forms[-1]
    return found


def read_plurals(path: Path) -> dict[str, list[str]]:
    """The numerus forms of a ``.ts`` file's plural messages: source → forms."""
    return {source: forms for source, forms in _messages(path, plural_only=True)}


def _messages(path: Path, plural_only: bool = False) -> list[tuple[str, list[str]]]:
    out = []
    root = ElementTree.parse(path).getroot()
    for message in root.iter("message"):
        source = message.findtext("source")
        node = message.find("translation")
        if source is None or node is None or node.get("type") in ("unfinished", "obsolete"):
            continue
        plural = message.get("numerus") == "yes"
        if plural_only and not plural:
            continue
        forms = [f.text or "" for f in node.iter("numerusform")] if plural else [node.text or ""]
        if all(forms) and forms:
            out.append((source, forms))
    return out


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
    return places.cache_dir() / "i18n"


def ts_files(language: str) -> list[Path]:
    """Every ``.ts`` file of ``language``: the main table first, then one per area."""
    main = TS_DIR / f"fieldkit_{language}.ts"
    areas = sorted(p for p in TS_DIR.glob(f"fieldkit_*_{language}.ts") if p != main)
    return ([main] if main.exists() else []) + areas


def compiled(language: str) -> Path | None:
    """The ``.qm`` for ``language``, compiled from its ``.ts`` files unless already cached.

    The cached file is named by a hash of the sources' contents and written under a temporary
    name, then renamed into place: a Qt translator maps its ``.qm`` into memory, and another
    fieldkit rewriting a mapped file in place would crash the first one (SIGBUS).
    """
    sources = ts_files(language)
    if not sources:
        return None
    digest = hashlib.sha256()
    for ts in sources:
        digest.update(ts.name.encode() + b"\0" + ts.read_bytes() + b"\0")
    qm = _cache_dir() / f"fieldkit_{language}_{digest.hexdigest()[:16]}.qm"
    if qm.exists():
        return qm
    tool = _lrelease()
    if tool is None:
        return None
    partial = qm.with_name(f"{qm.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([tool, "-silent", *map(str, sources), "-qm", str(partial)], check=True,
                       capture_output=True, timeout=30)
        os.replace(partial, qm)
    except (OSError, subprocess.SubprocessError):
        partial.unlink(missing_ok=True)
        return qm if qm.exists() else None
    return qm if qm.exists() else None


def install(language: str | None) -> str:
    """Switch the interface language (``None``: follow the system); returns the one chosen."""
    global _language, _table, _plurals
    lang = language if language in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    assert app is not None, "the Qt application must exist before its language is chosen"
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    _table, _plurals = {}, {}
    _language = lang
    # numbers in counts ("%Ln") are written the way the interface language writes them
    if lang == "nl":
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    elif QLocale.system().language() == QLocale.Language.English:
        QLocale.setDefault(QLocale.system())
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    qm = compiled(lang)
    ours = QTranslator()
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        _translators.append(ours)
    else:
        for ts in ts_files(lang):
            if lang != "en":
                _table.update(read_ts(ts))
            _plurals.update(read_plurals(ts))
    if lang == "en":  # English is the source language: only the plural forms come from its .ts
        return lang
    qt = QTranslator()
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _translators.append(qt)
    return lang


def current_language() -> str:
    return _language
