"""The learned scorer of ``faq.matching``: it ranks the entry a paraphrase in another language asks about,
declines what no entry answers, gives the same answer every time, and does not split its confidence between
two entries that both answer."""

import numpy as np
import pytest

from aiplus.faq import matching
from aiplus.faq.index import faq_scores
from aiplus.faq.matching import fuse, tuning


def confidences(question, collection):
    scored = faq_scores(question=question, collections=[collection])
    assert scored.dense is not None, "the bundled embedder is expected in these tests"
    found = fuse(scored.dense, scored.passage, scored.bm25, scored.answer, tuning())
    return dict(zip(scored.matchers[0].entry_ids, found.tolist(), strict=True))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我隻狗要攞牌，去邊度申請？", "dog-licence"),
        ("我的狗需要办理什么牌照？", "dog-licence"),
        ("passport 過期咗點續？", "passport"),
        ("隔籬屋好嘈，可以點投訴？", "noise"),
    ],
)
def test_a_paraphrase_in_another_language_ranks_its_entry_first(faq, question, expected):
    found = confidences(question, faq)
    assert max(found, key=found.get) == expected


@pytest.mark.parametrize("question", ["我隻狗要攞牌，去邊度申請？", "我的狗需要办理什么牌照？"])
def test_a_clear_paraphrase_is_answered(faq, question):
    assert confidences(question, faq)["dog-licence"] >= tuning().threshold


def test_a_question_asked_word_for_word_is_answered(faq):
    assert confidences("Where can I license my dog?", faq)["dog-licence"] >= 0.995


def test_an_off_topic_question_stays_below_the_threshold(faq):
    for question in ("What is the capital of France?", "股票市場今日升定跌？"):
        assert max(confidences(question, faq).values()) < tuning().threshold


def test_the_same_question_gets_the_same_confidences(faq):
    question = "How can I get my puppy licensed?"
    assert confidences(question, faq) == confidences(question, faq)


def test_two_entries_that_both_answer_keep_the_same_confidence():
    one = [np.asarray([0.93, 0.70]), np.asarray([0.88, 0.80]), np.asarray([0.6, 0.1]), np.asarray([9.0, 1.0])]
    two = [np.append(scores, scores[0]) for scores in one]
    alone = fuse(*one, tuning())
    twice = fuse(*two, tuning())
    assert twice[0] == pytest.approx(alone[0]) and twice[2] == pytest.approx(alone[0])


def test_a_tuning_file_for_other_features_is_refused():
    data = tuning().as_json()
    assert matching.tuning_from_json(data) == tuning()
    with pytest.raises(ValueError, match="other features"):
        matching.tuning_from_json({**data, "features": ["dense", "bm25"]})
