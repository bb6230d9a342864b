"""ELAN annotation files (``.eaf``, the Max Planck Institute's annotator) as transcripts.

An ``.eaf`` is XML: ``TIME_ORDER`` lists time slots (``TIME_VALUE`` in milliseconds; a slot
without a value is unaligned), and each ``TIER`` holds annotations between two slots. Decisions:

* a top-level tier (no ``PARENT_REF``) is one speaker: its ``PARTICIPANT`` when the tier names
  one, else its ``TIER_ID``; its ``ALIGNABLE_ANNOTATION``s are that speaker's turns, in time
  order across tiers (ELAN keeps speakers apart, the transcript interleaves them);
* dependent tiers (translations, glosses, notes: ``PARENT_REF``, ``REF_ANNOTATION``) describe
  the speech rather than add to it, so they are left out and a warning names them;
* an annotation between unaligned slots keeps its words without a time (the subtitles' rule,
  ``subtitles.cue_times``), with a warning.

The XML comes from elsewhere: it is read with defusedxml, refusing DTDs and entities, as the
REFI-QDA reader does (``refi_safety.parse_xml``).
"""

from __future__ import annotations

from typing import Any

from fieldkit.core.model import ImportedDocument

from .common import bad
from .refi_safety import parse_xml
from .subtitles import Cue, cue_times, transcript_from_cues


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _slots(root: Any) -> dict[str, float | None]:
    slots: dict[str, float | None] = {}
    for order in root:
        if _local(order.tag) != "TIME_ORDER":
            continue
        for slot in order:
            value = (slot.get("TIME_VALUE") or "").strip()
            try:
                slots[slot.get("TIME_SLOT_ID") or ""] = int(value) / 1000 if value else None
            except ValueError:
                slots[slot.get("TIME_SLOT_ID") or ""] = None
    return slots


def _tier_cues(tier: Any, speaker: str, slots: dict[str, float | None], name: str,
               warnings: list[str]) -> list[tuple[float, Cue]]:
    """(when, cue) of every annotation of a top-level tier; an unaligned annotation is
    placed at the time of the aligned one before it in its tier."""
    found: list[tuple[float, Cue]] = []
    last = 0.0
    for annotation in tier.iter():
        if _local(annotation.tag) != "ALIGNABLE_ANNOTATION":
            continue
        value = next((el for el in annotation if _local(el.tag) == "ANNOTATION_VALUE"), None)
        text = " ".join((value.text or "").split()) if value is not None else ""
        if not text:
            continue
        start, end, problem = cue_times(slots.get(annotation.get("TIME_SLOT_REF1") or ""),
                                        slots.get(annotation.get("TIME_SLOT_REF2") or ""))
        if problem:
            words = text.split()
            first = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
            warnings.append(f"{name}: annotation {annotation.get('ANNOTATION_ID') or '?'} of "
                            f"tier {speaker!r} (\"{first}\") {problem}")
        last = start if start is not None else last
        found.append((last, Cue(start, end, speaker, text)))
    return found


def read_elan(data: bytes, name: str) -> ImportedDocument:
    """An ELAN ``.eaf`` file as a transcript document (see the module doc)."""
    root = parse_xml(data, name, "ELAN files")
    if _local(root.tag) != "ANNOTATION_DOCUMENT":
        raise bad(name, "not an ELAN annotation file (no ANNOTATION_DOCUMENT)")
    slots = _slots(root)
    warnings: list[str] = []
    cues: list[tuple[float, Cue]] = []
    for tier in (el for el in root if _local(el.tag) == "TIER"):
        tier_id = " ".join((tier.get("TIER_ID") or "").split())
        if tier.get("PARENT_REF"):
            if any(_local(el.tag) == "ANNOTATION" for el in tier):
                warnings.append(f"{name}: tier {tier_id!r} depends on tier "
                                f"{tier.get('PARENT_REF')!r} (a translation or note); "
                                "it is left out")
            continue
        speaker = " ".join((tier.get("PARTICIPANT") or "").split()) or tier_id
        cues.extend(_tier_cues(tier, speaker, slots, name, warnings))
    if not cues:
        raise bad(name, "the ELAN file has no annotations with text")
    # Time order across tiers; sorted is stable, so equal times keep the file's order.
    ordered = [cue for _, cue in sorted(cues, key=lambda item: item[0])]
    return transcript_from_cues(ordered, name, data, warnings)
