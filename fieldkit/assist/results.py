"""What assisted coding hands back: suggestions with their reasons, training facts, look-alikes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Reason:
    """An already-coded segment that resembles the suggested passage."""

    coding_id: int
    document_id: int
    quote: str
    similarity: float


@dataclass(slots=True)
class Suggestion:
    """A proposed coding: ``code_id`` on ``[start, end)`` (code points) of a document."""

    document_id: int
    document_uuid: str
    code_id: int
    code_uuid: str
    code: str  # the code's path
    start: int
    end: int
    quote: str
    confidence: float  # calibrated probability, 0..1
    reasons: list[Reason] = field(default_factory=list)


@dataclass(slots=True)
class TrainingSummary:
    """What a training run learned from, and how well it did on codings it did not see."""

    trained: str
    coders: list[str]
    codings: int  # text codings the model learned from
    examples: int  # coded segments (same span, several codes: one example)
    uncoded_examples: int  # sentences of coded documents that nobody coded
    codes: list[str]  # code paths the model can suggest
    skipped_codes: list[str]  # codes with too few codings to learn
    held_out_f1: float  # micro F1 at the default threshold on a held-out share of the examples
    seconds: float


@dataclass(slots=True)
class SimilarPassage:
    """A passage that reads like a coded segment and is not yet coded with its code."""

    document_id: int
    document_title: str
    start: int
    end: int
    quote: str
    similarity: float
