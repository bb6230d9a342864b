"""Telling a speaker from a sound description in ``Label: text`` lines.

Subtitles written for the deaf and hard of hearing (what Netflix, broadcasters and many
transcribers write) put descriptions where a speaker's name would stand: ``riendo: Sí``,
``[suspira] Bueno``, ``lacht: Ja``, ``(rires)``, ``[MUSIC PLAYING]``, and reported speech such
as ``Digo: "…"``. Read as speakers they fill a transcript with "speakers" nobody is (one real
Netflix file has 24 such labels, about 10 of them descriptions). A word list cannot know every
language and wording, so the decision is made by shape:

* **description-shaped**: the label starts with a lower-case letter (names do not) or it stood
  in brackets (``[MUSIC PLAYING]``, ``[suspira]``);
* **reported speech**: every line of the label goes on with a quotation (``Digo: "…"``) — a
  person quoting, not a turn;
* **turn structure** saves a description-shaped label: when it opens at least two lines and
  at least a tenth of all labelled lines (``int:``/``resp:`` typed in lower case throughout an
  interview, QualCoder's ``[Speaker] text``), it is the transcript's way of naming speakers.

What is not a speaker stays in the text of the turn, as it was written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

_QUOTES = ('"', "“", "”", "„", "«", "»", "‘", "'", "‹", "「")
MIN_TURNS = 2  # a description-shaped label with turn structure opens at least this many lines
MIN_SHARE = 0.1  # ... and at least this share of all labelled lines


@dataclass(frozen=True, slots=True)
class Label:
    """One line's candidate speaker: the label, what follows it, whether it was in brackets."""

    name: str
    rest: str
    bracketed: bool = False


def _shaped_like_description(label: Label) -> bool:
    first = label.name[:1]
    return label.bracketed or (first.isalpha() and first.islower())


def sound_descriptions(labels: list[Label]) -> set[str]:
    """The label names among ``labels`` (one per line that would open a turn) that describe a
    sound or report speech rather than name a speaker (see the module doc)."""
    if not labels:
        return set()
    counts = Counter(label.name for label in labels)
    quoting = {name for name in counts
               if all(lb.rest.lstrip().startswith(_QUOTES) for lb in labels if lb.name == name)}
    shaped = {lb.name for lb in labels if _shaped_like_description(lb)}
    total = len(labels)
    structured = {name for name, n in counts.items()
                  if n >= MIN_TURNS and n >= MIN_SHARE * total}
    return quoting | (shaped - structured)
