"""The Dutch interface calls one thing by one name (``resources/i18n/*_nl.ts``): a researcher
who reads "case" in the Cases pane must not meet "casus" for the same thing in a menu, a table
header or the export dialog (five messages said "casus", the other thirty "case")."""

from __future__ import annotations

import re
from pathlib import Path

from defusedxml import ElementTree

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"

#: English word in the source → (the Dutch word for it, Dutch words that must not stand for it)
GLOSSARY = {"case": ("case", ("casus", "geval")),
            "coder": ("codeur", ("codeerder",))}


def dutch_messages() -> list[tuple[str, str, str]]:
    """(file, source, translation) of every finished Dutch message (plural forms joined)."""
    found = []
    for ts in sorted(I18N.glob("*_nl.ts")):
        for message in ElementTree.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            text = " ".join([translation.text or ""]
                            + [form.text or "" for form in translation.iter("numerusform")])
            found.append((ts.name, source, text))
    return found


def test_one_dutch_word_for_each_glossary_term() -> None:
    messages = dutch_messages()
    assert len(messages) > 500  # the files were read
    wrong = []
    for english, (dutch, not_these) in GLOSSARY.items():
        said = [m for m in messages if re.search(rf"\b{english}s?\b", m[1], re.IGNORECASE)]
        assert said, english
        for name, source, text in said:
            if any(re.search(rf"\b{re.escape(bad)}", text, re.IGNORECASE) for bad in not_these):
                wrong.append((name, source, text))
        assert any(dutch in text.lower() for _, _, text in said), english
    assert wrong == []
