"""``project.assist``: assisted coding. Train the suggestion model, ask for suggestions, accept
or reject them, and find passages like a coded segment.

The work lives in ``fieldkit.assist`` (imported lazily, so opening a project stays quick, and
scikit-learn is loaded only when assisted coding is used). Everything runs on this machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fieldkit.core.errors import BadInput
from fieldkit.core.progress import Progress

if TYPE_CHECKING:
    from fieldkit.assist.model import SuggestionModel
    from fieldkit.assist.results import SimilarPassage, Suggestion, TrainingSummary
    from fieldkit.core.model import Coding
    from fieldkit.project import Project
    from fieldkit.storage.store import Store

ASSISTED = " (assisted)"


class Assist:
    """Code suggestions learned from the team's own codings (see ``fieldkit.assist``)."""

    def __init__(self, project: Project, store: Store) -> None:
        self._project = project
        self._store = store
        self._cache: tuple[tuple[int, str], SuggestionModel] | None = None

    def train(self, coder: str | Sequence[str] | None = None,
                        progress: Progress | None = None) -> TrainingSummary:
        """Learn suggestions from the codings of ``coder`` (one name or several; by default
        every coder except the "(assisted)" ones) and store the model in the project.

        The old model stays until the new one is complete; Cancel leaves it untouched. The model
        is not an undo step (it is derived data), and nothing leaves the machine.
        """
        from fieldkit.assist.training import train
        from fieldkit.storage import assist_tables

        progress = progress or Progress.silent()
        names, coder_ids = self._training_coders(coder)
        book = self._project.codebook()
        paths = {code_id: book.path(code_id) for code_id in book.codes}
        uuids = {code_id: c.uuid for code_id, c in book.codes.items()}
        model, summary = train(self._store, paths, uuids, coder_ids, names, progress)
        progress.check()
        facts = {"coders": summary.coders, "codings": summary.codings,
                 "examples": summary.examples, "uncoded_examples": summary.uncoded_examples,
                 "codes": summary.codes, "skipped_codes": summary.skipped_codes,
                 "held_out_f1": summary.held_out_f1, "seconds": summary.seconds}
        with self._store.lock:
            assist_tables.save_model(self._store, ", ".join(names), facts, model.to_bytes())
        self._cache = None
        return summary

    def facts(self) -> dict[str, Any] | None:
        """When the stored model was trained and on what (None before the first training)."""
        from fieldkit.storage import assist_tables

        found = assist_tables.load_model(self._store)
        if found is None:
            return None
        _id, trained, facts, blob = found
        return {"trained": trained, **facts, "bytes": len(blob)}

    def suggest(self, doc: int | str, *, threshold: float | None = None,
                progress: Progress | None = None) -> list[Suggestion]:
        """Codes proposed for the sentences (and turns' sentences) of one document.

        Each suggestion has a calibrated confidence and up to three similar coded segments as
        its reason. Spans already coded with that code and rejected suggestions are left out.
        """
        from fieldkit.assist import DEFAULT_THRESHOLD
        from fieldkit.assist.suggesting import suggest_for

        threshold = DEFAULT_THRESHOLD if threshold is None else _check_threshold(threshold)
        document = self._project.document(doc)
        progress = progress or Progress.silent()
        progress.start(1, f"Suggesting codes for {document.title}")
        model = self._suggestion_model()
        assert model is not None
        book = self._project.codebook()
        paths = {code_id: book.path(code_id) for code_id in book.codes}
        found = suggest_for(self._store, model, document, paths, threshold)
        progress.step("Done")
        return found

    def suggest_all(self, *, threshold: float | None = None, limit: int | None = None,
                    progress: Progress | None = None) -> list[Suggestion]:
        """Codes proposed for all uncoded text: the sentences of every document that no coding
        covers for the most part, most confident first (at most ``limit`` of them).

        As with ``suggest``, rejected suggestions are left out and each suggestion has up to
        three similar coded segments as its reason. ``progress`` advances per document;
        cancelling raises ``Cancelled`` (nothing is changed either way).
        """
        from fieldkit.assist import DEFAULT_THRESHOLD
        from fieldkit.assist.suggesting import suggest_everywhere

        threshold = DEFAULT_THRESHOLD if threshold is None else _check_threshold(threshold)
        if limit is not None and limit < 1:
            raise BadInput("The number of suggestions must be at least 1.")
        model = self._suggestion_model()
        assert model is not None
        book = self._project.codebook()
        paths = {code_id: book.path(code_id) for code_id in book.codes}
        return suggest_everywhere(self._store, model, paths, threshold, limit,
                                  progress or Progress.silent())

    def accept(self, suggestion: Suggestion) -> Coding:
        """Make the suggestion a coding by "<current coder> (assisted)" (one undo step)."""
        with self._store.change(f"Accept suggestion {suggestion.code}"):
            return self._accept(suggestion)

    def accept_all(self, suggestions: Sequence[Suggestion],
                           threshold: float | None = None) -> list[Coding]:
        """Accept every suggestion at or above ``threshold`` (all when None), as one undo step."""
        if threshold is not None:
            threshold = _check_threshold(threshold)
        chosen = [s for s in suggestions if threshold is None or s.confidence >= threshold]
        if not chosen:
            return []
        with self._store.change(f"Accept {len(chosen)} suggestions"):
            return [self._accept(s) for s in chosen]

    def reject(self, suggestion: Suggestion) -> None:
        """Turn a suggestion down; it is remembered and never proposed again."""
        from fieldkit.storage import assist_tables

        self._check_current(suggestion)
        assist_tables.reject(self._store, suggestion.document_uuid, suggestion.start,
                             suggestion.end, suggestion.code_uuid, self._project.coder)

    def rejected_count(self) -> int:
        """How many suggestions were turned down."""
        from fieldkit.storage import assist_tables

        return assist_tables.rejection_count(self._store)

    def similar(self, coding: int | str, limit: int = 10) -> list[SimilarPassage]:
        """"More like this": passages across the project that read like a coded segment and
        do not carry its code yet, most similar first."""
        from fieldkit.assist.similar import similar_to

        if limit < 1:
            raise BadInput("The number of passages must be at least 1.")
        found: Coding = self._project.coding(coding)
        if found.start is None or not found.quote.strip():
            raise BadInput(f"Coding {found.id} marks part of a photo; 'more like this' needs a "
                           "coded text segment.")
        model = self._suggestion_model(required=False)
        return similar_to(self._store, found, model.features if model else None, limit)

    # -- helpers -----------------------------------------------------------------------------

    def _training_coders(self, coder: str | Sequence[str] | None
                         ) -> tuple[list[str], list[int] | None]:
        everyone = self._store.coders()
        if coder is None:
            chosen = [c for c in everyone if not c.name.endswith(ASSISTED)]
        else:
            wanted = [coder] if isinstance(coder, str) else list(coder)
            chosen = [self._project.find_coder(name) for name in wanted]
        if not chosen:
            raise BadInput("Nobody has coded anything yet, so there is nothing to learn from.")
        return [c.name for c in chosen], [c.id for c in chosen]

    def _suggestion_model(self, *, required: bool = True) -> SuggestionModel | None:
        from fieldkit.assist.model import SuggestionModel
        from fieldkit.storage import assist_tables

        stamp = assist_tables.model_stamp(self._store)
        if stamp is None:
            if required:
                raise BadInput("There is no suggestion model yet; train one first "
                               "(fieldkit train).")
            return None
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        found = assist_tables.load_model(self._store)
        assert found is not None
        model = SuggestionModel.from_bytes(found[3])
        self._cache = (stamp, model)
        return model

    def _check_current(self, s: Suggestion) -> None:
        document = self._project.document(s.document_id)
        if document.uuid != s.document_uuid or document.text[s.start:s.end] != s.quote:
            raise BadInput(f"'{document.title}' changed since this suggestion was made; "
                           "ask for suggestions again.")
        self._project.code(s.code_id)

    def _accept(self, s: Suggestion) -> Coding:
        self._check_current(s)
        coder = self._project.coder + ASSISTED
        return self._project.code_text(s.document_id, s.start, s.end, s.code_id,
                              coder=coder)


def _check_threshold(value: float) -> float:
    if not 0.0 <= value <= 1.0:
        raise BadInput(f"The threshold is a confidence between 0 and 1, not {value}.")
    return float(value)
