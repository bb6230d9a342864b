"""The suggestion model as stored in the project: plain numeric arrays in an ``.npz`` archive.

No pickle: the archive holds the vocabularies (unicode arrays), IDF weights, one weight row per
code (float16 is plenty for ranking), Platt calibration per code, and for each code a sample of
the coded segments it learned from (their coding UUIDs and feature vectors), so a suggestion can
show the three most similar segments as its reason. ``np.load(allow_pickle=False)`` reads it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from fieldkit.assist.features import Features
from fieldkit.core.errors import IntegrityProblem

FORMAT = 1


@dataclass
class SuggestionModel:
    """Scores passages for each code the model knows; ``code_uuids[i]`` is row ``i``."""

    features: Features
    code_uuids: list[str]
    weights: np.ndarray  # codes × features
    intercepts: np.ndarray  # codes
    platt: np.ndarray  # codes × 2: probability = 1 / (1 + exp(a * score + b))
    exemplar_codes: np.ndarray  # row -> code index
    exemplar_uuids: list[str]  # row -> coding UUID
    exemplars: sparse.csr_matrix  # row -> feature vector of that coded segment

    def probabilities(self, vectors: sparse.csr_matrix) -> np.ndarray:
        """Calibrated probabilities, passages × codes."""
        if vectors.shape[0] == 0 or not self.code_uuids:
            return np.zeros((vectors.shape[0], len(self.code_uuids)), dtype=np.float32)
        scores = np.asarray(vectors @ self.weights.T.astype(np.float32)) + self.intercepts
        z = scores * self.platt[:, 0] + self.platt[:, 1]
        return (1.0 / (1.0 + np.exp(np.clip(z, -50, 50)))).astype(np.float32)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        ex = self.exemplars.tocsr()
        np.savez_compressed(
            out, format=np.array([FORMAT]), words=np.array(self.features.words, dtype=str),
            chars=np.array(self.features.chars, dtype=str), idf=self.features.idf,
            code_uuids=np.array(self.code_uuids, dtype=str),
            weights=self.weights.astype(np.float16), intercepts=self.intercepts,
            platt=self.platt, exemplar_codes=self.exemplar_codes,
            exemplar_uuids=np.array(self.exemplar_uuids, dtype=str),
            ex_data=ex.data.astype(np.float16), ex_indices=ex.indices, ex_indptr=ex.indptr,
            ex_shape=np.array(ex.shape))
        return out.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> SuggestionModel:
        try:
            arrays = np.load(io.BytesIO(blob), allow_pickle=False)
            if int(arrays["format"][0]) != FORMAT:
                raise ValueError("unknown format")
            features = Features(arrays["words"].tolist(), arrays["chars"].tolist(),
                                arrays["idf"])
            exemplars = sparse.csr_matrix(
                (arrays["ex_data"].astype(np.float32), arrays["ex_indices"],
                 arrays["ex_indptr"]), shape=tuple(arrays["ex_shape"]))
            return cls(features, arrays["code_uuids"].tolist(),
                       arrays["weights"].astype(np.float32), arrays["intercepts"],
                       arrays["platt"], arrays["exemplar_codes"],
                       arrays["exemplar_uuids"].tolist(), exemplars)
        except (ValueError, KeyError, OSError) as exc:
            raise IntegrityProblem(
                f"The stored suggestion model cannot be read ({exc}); train it again.") from None
