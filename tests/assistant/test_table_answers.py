"""Questions about fees in the demo department's own files (its fee table, guides and FAQ) are answered with
the fee, in the asker's language, and a table row reads as a sentence rather than raw cells."""

from importlib import resources
from pathlib import Path

import pytest

from aiplus.assistant.services import answer_question
from aiplus.documents.services import collection_create, documents_process_queued, ingest_paths


@pytest.fixture
def demo_guidance(alice):
    """The demo corpus's fee and licensing files (no scans, so no OCR), as the demo loads them."""
    corpus = Path(str(resources.files("aiplus.demo").joinpath("corpus")))
    collection = collection_create(
        actor=alice, slug="demo", name="Demo", department=alice.department, visibility="public"
    )
    ingest_paths(
        actor=alice, collection=collection, paths=[corpus / "fees-and-payments", corpus / "licensing"]
    )
    documents_process_queued(collection=collection)
    return collection


def test_how_much_is_a_dog_licence_is_answered_with_the_fee_as_a_sentence(demo_guidance, amy):
    answer = answer_question(actor=amy, question="How much is a dog licence?")
    assert answer.found
    assert "HK$120" in answer.answer
    assert "Dog licence (3 years)" in answer.answer
    assert "|" not in answer.answer and "費用" not in answer.answer  # no raw cells, no Chinese half


def test_the_cantonese_question_gets_the_fee_in_chinese(demo_guidance, amy):
    answer = answer_question(actor=amy, question="狗牌幾錢?")
    assert answer.found
    assert "120" in answer.answer
    assert "Dog licence" not in answer.answer


def test_a_chinese_question_answered_from_the_table_reads_as_a_chinese_sentence(demo_guidance, amy):
    answer = answer_question(actor=amy, question="社區會堂租用收費是多少？")
    assert "社區會堂租用的" in answer.answer and "210" in answer.answer
    assert "Community hall" not in answer.answer and "|" not in answer.answer
