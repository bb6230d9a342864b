"""Dutch and English for the interface, through Qt's translation system.

Source strings are English, wrapped in ``tr()`` (one translation context, ``fieldkit``).
Translations live in ``resources/i18n/fieldkit_<lang>.ts`` (Qt Linguist XML). They are read at
run time into a ``QTranslator`` subclass, so no compile step (``lrelease``) is needed and the
``.ts`` files stay the single source.
"""

from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "fieldkit"
LANGUAGES = ("nl", "en")
TS_DIR = Path(__file__).parent / "resources" / "i18n"


def tr(text: str, n: int = -1) -> str:
    """Translate an interface string into the current language."""
    return QCoreApplication.translate(CONTEXT, text, None, n)


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


class TsTranslator(QTranslator):
    """A translator fed straight from a ``.ts`` file."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        path = TS_DIR / f"fieldkit_{language}.ts"
        self._table = read_ts(path) if path.exists() else {}

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # type: ignore[override]
        return self._table.get(source, "")

    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return not self._table


def system_language() -> str:
    return "nl" if QLocale.system().name().lower().startswith("nl") else "en"


_installed: TsTranslator | None = None


def install(language: str | None) -> str:
    """Switch the interface language (``None``: follow the system); returns the one chosen."""
    global _installed
    lang = language if language in LANGUAGES else system_language()
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    translator = TsTranslator(lang)
    if not translator.isEmpty():
        app.installTranslator(translator)
        _installed = translator
    return lang


def current_language() -> str:
    return _installed.language if _installed is not None else "en"
