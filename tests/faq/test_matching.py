"""Matching questions to FAQ entries across languages and scripts, declining below the threshold."""

from aiplus.assistant.services import answer_question
from aiplus.faq.matching import tuning
from aiplus.faq.services import faq_alternative_add, faq_match


def test_english_paraphrase_gets_the_english_answer(faq):
    match = faq_match(question="What do I need to do to license my puppy?", collections=[faq])
    assert match.answered and match.entry_id == "dog-licence"
    assert "HK$80" in match.answer and match.language == "en"
    assert match.url == "https://example.gov.hk/dog"
    assert match.confidence >= tuning().threshold


def test_cantonese_code_mixed_question_gets_the_traditional_answer(faq):
    match = faq_match(question="隻狗要唔要 licence？點申請？", collections=[faq])
    assert match.entry_id == "dog-licence" and match.answered
    assert "港幣八十元" in match.answer and match.language == "zh-Hant"


def test_simplified_asker_gets_the_traditional_version_in_simplified(faq):
    match = faq_match(question="我的护照过期了，怎么续期？", collections=[faq])
    assert match.entry_id == "passport"
    assert "入境事务处" in match.answer and match.language == "zh-Hans"


def test_english_only_entry_answers_a_chinese_asker_in_english(faq):
    match = faq_match(question="Noisy neighbours complaint 鄰居噪音投訴點做", collections=[faq])
    assert match.entry_id == "noise" and "police" in match.answer


def test_unrelated_question_is_declined_and_offers_a_person(faq):
    match = faq_match(question="What is the capital of France?", collections=[faq])
    assert not match.answered and match.entry_id is None
    assert "person" in match.answer
    chinese = faq_match(question="今日天氣點呀？", collections=[faq])
    assert not chinese.answered and "真人" in chinese.answer


def test_the_threshold_decides_between_answering_and_declining(faq):
    question = "How do I apply for a dog licence?"
    assert faq_match(question=question, collections=[faq]).answered
    strict = tuning().with_changes(threshold=1.01)
    assert not faq_match(question=question, collections=[faq], tuning=strict).answered


def test_an_added_wording_is_matched_next_time(faq, alice):
    question = "Where do I take my rubbish bags?"
    faq_alternative_add(actor=alice, collection=faq, entry_id="refuse", wording=question, language="en")
    match = faq_match(question=question, collections=[faq])
    assert match.entry_id == "refuse" and match.answered


def test_answer_question_routes_faq_collections_and_cites_the_entry(faq, amy):
    answer = answer_question(actor=amy, question="How can I renew my passport?", collections=[faq])
    assert answer.engine == "faq" and answer.answered and answer.found
    assert answer.citations[0].source_id == "passport"
    data = answer.as_dict()
    assert data["answered"] is True and 0 < data["confidence"] <= 1
    declined = answer_question(actor=amy, question="Who won the football match?", collections=[faq])
    assert declined.engine == "faq" and not declined.answered and not declined.citations


def test_answer_question_never_reads_a_private_faq_of_another_department(alice, bob, tmp_path):
    import io

    from aiplus.faq.services import faq_import
    from tests.faq.conftest import FAQ_CSV, make_collection

    private = make_collection(alice, "internal-faq", "faq", visibility="private")
    faq_import(actor=alice, collection=private, path_or_file=io.BytesIO(FAQ_CSV.encode()), filename="f.csv")
    answer = answer_question(actor=bob, question="How do I renew my passport?", collections=[private])
    assert not answer.answered and not answer.citations


def test_a_broad_forms_question_lists_several_forms(forms):
    match = faq_match(question="dog licence form", collections=[forms])
    assert match.answered
    assert {h.form for h in match.hits} >= {"AF-100", "AF-101"}
    assert "AF-100" in match.answer and "Agriculture Department" in match.answer
    assert "https://example.gov.hk/forms/af100.pdf" in match.answer


def test_a_precise_forms_question_gives_one_form(forms):
    match = faq_match(question="Which form do I use to apply for a hawker licence?", collections=[forms])
    assert match.entry_id == "id-700" and match.form == "FE-200"
    assert "FE-200" in match.answer and "Food Department" in match.answer
