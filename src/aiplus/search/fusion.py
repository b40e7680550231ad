"""Dense and BM25 scores fused by a weighted sum of normalised scores (not by rank).

Over the candidates of one query (the best BM25 passages and the best dense passages of every searched
collection, each scored both ways):

    fused = (1 - w) * bm25 / max(bm25) + w * (dense - min(dense)) / (max(dense) - min(dense))

BM25 is divided by its best score, so ``w = 0`` ranks exactly as BM25 alone; cosine similarities bunch in a
narrow band, so they are stretched to 0..1 over the candidates. A passage without a vector (still waiting
for background work) counts its BM25 part for both. ``w`` is learned per embedding model on questions the
benchmark does not report on (``bench/retrieval.py --tune``) and kept in ``fusion_weights.json``; without
one for the model, ``DEFAULT_DENSE_WEIGHT``. ``AIPLUS_SEARCH_DENSE_WEIGHT`` overrides it. Rank fusion (RRF) was tried first and lost R@1.
"""

import json
import logging
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

logger = logging.getLogger("aiplus.search")

WEIGHTS_FILE = Path(__file__).with_name("fusion_weights.json")
DEFAULT_DENSE_WEIGHT = 0.3


@cache
def learned_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    """The learned dense weight per embedding model, from the weights file."""
    data = json.loads(path.read_text("utf-8"))
    weights = {model: float(entry["dense_weight"]) for model, entry in data["models"].items()}
    for model, weight in weights.items():
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"{path}: dense_weight of {model} must be between 0 and 1, not {weight}")
    return weights


def configured_weight() -> float | None:
    """``AIPLUS_SEARCH_DENSE_WEIGHT`` as a number from 0 to 1; None when it is empty. A value that is not
    raises ValueError (system check ``aiplus.E021`` reports it at start-up)."""
    raw = str(settings.AIPLUS_SEARCH_DENSE_WEIGHT).strip()
    if not raw:
        return None
    weight = float(raw)
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"{weight} is not between 0 and 1")
    return weight


def dense_weight(model: str) -> float:
    """The weight of the dense score for vectors of ``model``: the setting, else the learned one, else
    ``DEFAULT_DENSE_WEIGHT``. A malformed setting is logged and ignored (the system check refuses it)."""
    try:
        weight = configured_weight()
    except ValueError:
        logger.error(
            "AIPLUS_SEARCH_DENSE_WEIGHT=%r ignored: not a number from 0 to 1",
            settings.AIPLUS_SEARCH_DENSE_WEIGHT,
        )
        weight = None
    if weight is not None:
        return weight
    return learned_weights().get(model, DEFAULT_DENSE_WEIGHT)


def fuse(bm25: np.ndarray, dense: np.ndarray, *, weight: float) -> np.ndarray:
    """Fused scores of candidates with BM25 scores ``bm25`` and cosine similarities ``dense`` (NaN where a
    passage has no vector yet)."""
    bm25 = np.asarray(bm25, dtype=np.float64)
    dense = np.asarray(dense, dtype=np.float64)
    if not len(bm25):
        return bm25
    best = bm25.max()
    lexical = bm25 / best if best > 0 else np.zeros_like(bm25)
    known = ~np.isnan(dense)
    if not known.any() or weight == 0:
        return lexical
    low, high = dense[known].min(), dense[known].max()
    meaning = np.where(known, (np.nan_to_num(dense) - low) / (high - low) if high > low else 1.0, lexical)
    return (1 - weight) * lexical + weight * meaning
