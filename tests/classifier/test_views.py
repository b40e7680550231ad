"""The classifier pages: the same access rules as the API, and bad input answered in the reader's language
without losing anything."""

from django.test import Client

from aiplus.classifier.models import LabelledExample, Prediction
from aiplus.classifier.services import classify


def _signed_in(user, language="en") -> Client:
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def test_another_department_gets_not_found_on_every_page(letters, bob):
    predicted = classify(classifier=letters, text="樓上好嘈")
    client = _signed_in(bob)
    assert "letters" not in client.get("/classifiers/").content.decode()
    for response in (
        client.get("/classifiers/dsd/letters/"),
        client.get("/classifiers/dsd/letters/review/"),
        client.post("/classifiers/dsd/letters/", {"action": "label", "text": "x", "label": "noise"}),
        client.post("/classifiers/dsd/letters/", {"action": "try", "text": "好嘈"}),
        client.post(
            "/classifiers/dsd/letters/review/", {"prediction": predicted.prediction_id, "label": "refund"}
        ),
    ):
        assert response.status_code == 404
    assert not Prediction.objects.get(pk=predicted.prediction_id).reviewed
    assert LabelledExample.objects.filter(classifier=letters).count() == 15


def test_try_it_shows_label_and_confidence_and_bad_input_is_explained_in_chinese(letters, amy):
    client = _signed_in(amy, "zh-hant")
    page = client.post("/classifiers/dsd/letters/", {"action": "try", "text": "我想退返多交嘅費用"})
    body = page.content.decode()
    assert page.status_code == 200 and "refund" in body and 'class="confidence"' in body
    empty = client.post("/classifiers/dsd/letters/", {"action": "label", "text": "好嘈", "label": ""})
    assert empty.status_code == 400 and "標籤" in empty.content.decode()
    assert LabelledExample.objects.filter(classifier=letters).count() == 15
    # A member labels, but the import and training are for knowledge managers.
    assert "立即訓練" not in client.get("/classifiers/dsd/letters/").content.decode()
    refused = client.post("/classifiers/dsd/letters/", {"action": "train"})
    assert refused.status_code == 403
