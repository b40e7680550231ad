"""The learning part: bilingual features, training, calibrated confidence, cross-validated figures."""

from aiplus.classifier import learning
from tests.classifier.conftest import EXAMPLES


def test_code_mixed_text_gives_chinese_words_character_pairs_and_english_stems():
    terms = learning.features("樓上成晚drill牆，嘈到我瞓唔到覺，麻煩send人check下")
    assert "drill" in terms and "check" in terms  # English words kept inside Chinese
    assert "2:楼上" in terms  # a character pair (folded to Simplified, as the search index folds)
    assert any(not t.startswith("2:") and len(t) >= 2 and not t.isascii() for t in terms)  # jieba words


def test_traditional_and_simplified_spellings_give_the_same_terms():
    assert learning.features("申請牌照續期") == learning.features("申请牌照续期")


def test_training_predicts_held_back_wording_with_ranked_confidences():
    texts, labels = zip(*EXAMPLES, strict=True)
    model = learning.train(list(texts), list(labels))
    results = learning.predict(
        model,
        ["隔籬屋裝修電鑽聲好嘈，成晚都唔停", "Please refund the deposit I paid twice", "牌照到期，想續牌"],
    )
    assert [r.label for r in results] == ["noise", "refund", "renewal"]
    for result in results:
        confidences = [c for _, c in result.ranked]
        assert confidences == sorted(confidences, reverse=True)
        assert abs(sum(confidences) - 1) < 0.01 and result.confidence == confidences[0]


def test_confidence_is_lower_for_a_letter_that_mixes_two_topics():
    texts, labels = zip(*EXAMPLES, strict=True)
    model = learning.train(list(texts), list(labels))
    clear, mixed = learning.predict(
        model,
        [
            "The loud music from the bar keeps me awake every night.",
            "The loud music keeps me awake, and I also want a refund of the fee I paid twice.",
        ],
    )
    assert clear.label == "noise" and mixed.confidence < clear.confidence


def test_a_stored_model_loads_back_and_an_older_format_asks_for_retraining():
    texts, labels = zip(*EXAMPLES, strict=True)
    model = learning.train(list(texts), list(labels))
    loaded = learning.model_load(learning.model_dump(model))
    assert learning.predict(loaded, ["想退款"])[0].ranked == learning.predict(model, ["想退款"])[0].ranked
    import io

    import joblib

    old = io.BytesIO()
    joblib.dump({"format": 0, "model": model}, old)
    assert learning.model_load(old.getvalue()) is None


def test_cross_validated_figures_per_label():
    texts, labels = zip(*EXAMPLES, strict=True)
    figures = learning.cross_validated(list(texts), list(labels))
    assert figures["folds"] == 5 and figures["examples"] == 15
    assert set(figures["per_label"]) == {"noise", "refund", "renewal"}
    assert 0 <= figures["macro_f1"] <= 1 and figures["accuracy"] >= 0.6
    assert learning.cross_validated(["a", "b"], ["x", "y"]) == {}  # one example a label: no figures
