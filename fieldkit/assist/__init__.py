"""Assisted coding that runs offline: code suggestions learned from the team's own codings.

Nothing leaves the laptop. A linear model (TF-IDF word and character n-grams, one-vs-rest,
Platt-calibrated) is trained on the project's codings and stored in the project; it proposes codes
for sentences, the researcher accepts or rejects them. "More like this" finds passages that
resemble a coded segment. The facade's part is ``project.assist`` (``operations.assist.Assist``).
"""

from fieldkit.assist.results import Reason, SimilarPassage, Suggestion, TrainingSummary

DEFAULT_THRESHOLD = 0.5  # calibrated probability at or above which a code is proposed

__all__ = ["DEFAULT_THRESHOLD", "Reason", "SimilarPassage", "Suggestion", "TrainingSummary"]
