"""Fixtures of the PDF tests: a project (tests/conftest.py) and PDFs written into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdf.makers import UNICODE_FONT, Written, text_pdf

PAGES = [
    ["Werkinstructie kantbank: café-operator controleert de matrijs.",
     "Tweede regel met één woord en een crème."],
    ["Pagina twee: veiligheid eerst.", "Draag handschoenen bij het zetten."],
    ["Laatste pagina, met résumé."],
]
UNICODE_PAGES = [["Kwaliteit ✓ gecontroleerd — één keer ☺ per dag", "Ω-waarde 3½ mm"],
                 ["Tweede pagina ✓"]]


@pytest.fixture
def werkinstructie(tmp_path: Path) -> Written:
    """A three-page text PDF with accents, its metadata title "Werkinstructie kantbank"."""
    return text_pdf(tmp_path / "werkinstructie.pdf", PAGES, title="Werkinstructie kantbank")


@pytest.fixture
def unicode_pdf(tmp_path: Path) -> Written:
    """A text PDF in DejaVu Sans: symbols outside Latin-1 (the font has no colour emoji)."""
    if not UNICODE_FONT.is_file():
        pytest.skip(f"no {UNICODE_FONT.name} on this computer to write non-Latin-1 text")
    return text_pdf(tmp_path / "symbolen.pdf", UNICODE_PAGES, unicode=True)
