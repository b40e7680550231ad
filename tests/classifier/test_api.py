"""The classifier endpoints: create, label, import, classify, review; errors in the caller's language; and
another department's classifier answers 404 on every endpoint."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.classifier.models import LabelledExample
from aiplus.core.services import api_token_create


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


@pytest.mark.django_db(transaction=True)
def test_create_import_classify_and_correct_through_the_api(alice, amy):
    """Real commits, so each label change retrains as it does on a server."""
    owner = _client_for(alice)
    created = owner.post(
        "/api/v1/classifiers",
        {"slug": "mail", "name": "Mail", "labels": ["noise"]},
        content_type="application/json",
    )
    assert created.status_code == 200, created.content
    csv = "text,label\n樓上好嘈,noise\n地盤打樁好嘈,noise\nRefund my fee please,refund\n想退返按金,refund\n"
    imported = owner.post(
        "/api/v1/classifiers/mail/import", {"file": SimpleUploadedFile("x.csv", csv.encode())}
    )
    assert imported.status_code == 200 and imported.json()["created"] == 4

    member = _client_for(amy)
    detail = member.get("/api/v1/classifiers/mail").json()
    assert detail["model_version"] == 1 and {"label": "refund", "examples": 2} in detail["labels"]

    predicted = member.post(
        "/api/v1/classifiers/mail/classify", {"text": "隔籬裝修好嘈"}, content_type="application/json"
    ).json()
    assert predicted["label"] == "noise" and 0 < predicted["confidence"] <= 1 and not predicted["reviewed"]
    queue = member.get("/api/v1/classifiers/mail/predictions").json()
    assert [p["id"] for p in queue] == [predicted["id"]]

    reviewed = member.post(
        f"/api/v1/classifiers/mail/predictions/{predicted['id']}/review",
        {"label": "refund"},
        content_type="application/json",
    )
    assert reviewed.status_code == 200 and reviewed.json()["label"] == "refund"
    assert member.get("/api/v1/classifiers/mail/predictions").json() == []
    after = member.get("/api/v1/classifiers/mail").json()
    assert after["model_version"] == 2 and {"label": "refund", "examples": 3} in after["labels"]
    again = member.post(
        f"/api/v1/classifiers/mail/predictions/{predicted['id']}/review",
        {"label": "noise"},
        content_type="application/json",
    )
    assert again.status_code == 409


def test_bad_input_gets_a_clear_error_in_chinese_and_stores_nothing(letters, alice):
    client = _client_for(alice, "zh-hant")
    empty = client.post(
        "/api/v1/classifiers/letters/examples",
        {"text": "", "label": "noise"},
        content_type="application/json",
    )
    assert empty.status_code == 400 and "不可留空" in empty.json()["error"]["message"]
    bad = client.post(
        "/api/v1/classifiers/letters/import",
        {"file": SimpleUploadedFile("x.csv", "text,label\n好嘈,\n".encode())},
    )
    assert bad.status_code == 422 and bad.json()["problems"][0]["row"] == 2
    assert LabelledExample.objects.filter(classifier=letters).count() == 15
    member_train = _client_for(alice).post("/api/v1/classifiers/letters/train")
    assert member_train.status_code == 200


def test_another_department_sees_nothing_on_any_endpoint(letters, bob, betty):
    from aiplus.classifier.services import classify

    predicted = classify(classifier=letters, text="樓上好嘈")
    for outsider in (bob, betty):
        client = _client_for(outsider)
        assert client.get("/api/v1/classifiers").json() == []
        checks = [
            client.get("/api/v1/classifiers/letters"),
            client.get("/api/v1/classifiers/letters?department=dsd"),
            client.get("/api/v1/classifiers/letters/examples?department=dsd"),
            client.get("/api/v1/classifiers/letters/predictions?department=dsd"),
            client.post(
                "/api/v1/classifiers/letters/examples?department=dsd",
                {"text": "x", "label": "noise"},
                content_type="application/json",
            ),
            client.post(
                "/api/v1/classifiers/letters/classify?department=dsd",
                {"text": "x"},
                content_type="application/json",
            ),
            client.post("/api/v1/classifiers/letters/train?department=dsd"),
            client.delete(
                f"/api/v1/classifiers/letters/examples/{letters.examples.first().pk}?department=dsd"
            ),
            client.post(
                "/api/v1/classifiers/letters/import?department=dsd",
                {"file": SimpleUploadedFile("x.csv", b"text,label\na,b\n")},
            ),
            client.post(
                f"/api/v1/classifiers/letters/predictions/{predicted.prediction_id}/review?department=dsd",
                {"label": "noise"},
                content_type="application/json",
            ),
        ]
        assert [r.status_code for r in checks] == [404] * len(checks)
    assert LabelledExample.objects.filter(classifier=letters).count() == 15
