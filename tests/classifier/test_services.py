"""The classifier services: labels retrain it, unreviewed predictions never teach it, a review does, and
no department sees another's classifier."""

import pytest

from aiplus.classifier import learning, services
from aiplus.classifier.models import Classifier, LabelledExample, Prediction
from aiplus.core.errors import AiplusError, ErrorCode
from tests.classifier.conftest import make_classifier


def _vocabulary(classifier) -> set[str]:
    model = learning.model_load(Classifier.objects.get(pk=classifier.pk).model)
    return set(model.steps[0][1].vocabulary_)


def test_labels_train_a_small_classifier_at_once(letters):
    assert letters.model_version >= 1 and not letters.needs_training
    assert letters.trained_examples == 15 and letters.metrics["examples"] == 15
    assert [label for label, _ in services.label_counts(letters)] == ["noise", "refund", "renewal"]
    result = services.classify(classifier=letters, text="隔籬地盤成日打樁，好嘈")
    assert result.label == "noise" and 0 < result.confidence <= 1
    assert Prediction.objects.get(pk=result.prediction_id).reviewed is False


def test_unreviewed_predictions_never_feed_training_until_a_person_reviews(
    letters, alice, django_capture_on_commit_callbacks
):
    """GIVEN predictions of a text with a word no example has WHEN the classifier is retrained THEN the
    word is not in its vocabulary; once a person corrects the prediction, it is."""
    text = "Zanzibarian drumming from the rooftop party is too loud, and I want a refund of my ticket."
    predictions = [services.classify(classifier=letters, text=text) for _ in range(3)]
    services.classifier_train(classifier=letters)
    assert "zanzibarian" not in _vocabulary(letters)
    assert Classifier.objects.get(pk=letters.pk).trained_examples == 15

    before = Classifier.objects.get(pk=letters.pk).model_version
    prediction = Prediction.objects.get(pk=predictions[0].prediction_id)
    with django_capture_on_commit_callbacks(execute=True):
        example = services.prediction_review(actor=alice, prediction=prediction, label="refund")
    after = Classifier.objects.get(pk=letters.pk)
    assert example.source == "human" and example.label == "refund" and example.text == text
    assert after.model_version == before + 1 and after.trained_examples == 16
    assert "zanzibarian" in _vocabulary(letters)
    assert Prediction.objects.filter(reviewed=False, classifier=letters).count() == 2


def test_a_prediction_is_reviewed_once(letters, alice, django_capture_on_commit_callbacks):
    result = services.classify(classifier=letters, text="I would like my money back")
    prediction = Prediction.objects.get(pk=result.prediction_id)
    with django_capture_on_commit_callbacks(execute=True):
        services.prediction_review(actor=alice, prediction=prediction, label=result.label)
    with pytest.raises(AiplusError) as error:
        services.prediction_review(actor=alice, prediction=prediction, label="noise")
    assert error.value.code == ErrorCode.CONFLICT
    assert LabelledExample.objects.filter(classifier=letters).count() == 16


def test_a_large_classifier_is_retrained_by_one_debounced_task(
    letters, alice, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(services, "INLINE_TRAIN_EXAMPLES", 5)
    monkeypatch.setattr(
        "celery.current_app.send_task", lambda name, **options: sent.append((name, options["countdown"]))
    )
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            services.label_record(
                actor=alice, classifier=letters, text=f"Noise complaint number {n}", label="noise"
            )
    assert sent == [(services.TRAIN_TASK, services.TRAIN_DEBOUNCE_SECONDS)]
    waiting = Classifier.objects.get(pk=letters.pk)
    assert waiting.needs_training and waiting.training_queued_at is not None

    from aiplus.classifier.tasks import train_classifier

    assert train_classifier(letters.pk) is True  # what the worker runs
    done = Classifier.objects.get(pk=letters.pk)
    assert not done.needs_training and done.trained_examples == 18 and done.training_queued_at is None
    assert train_classifier(letters.pk) is False  # a second delivery does nothing


def test_training_needs_two_labels_and_says_so_in_chinese(alice):
    from django.utils import translation

    classifier = services.classifier_create(actor=alice, department=alice.department, slug="one", name="One")
    services.label_record(actor=alice, classifier=classifier, text="only noise", label="noise")
    with pytest.raises(AiplusError) as error:
        services.classifier_train(classifier=classifier, actor=alice)
    with translation.override("zh-hant"):
        assert "兩" in error.value.message
    assert Classifier.objects.get(pk=classifier.pk).model is None


def test_bad_input_is_refused_and_stores_nothing(letters, alice):
    for text, label in (("", "noise"), ("some text", ""), ("some text", "x" * 101)):
        with pytest.raises(AiplusError) as error:
            services.label_record(actor=alice, classifier=letters, text=text, label=label)
        assert error.value.code == ErrorCode.INVALID_FIELD
    with pytest.raises(AiplusError):
        services.classify(classifier=letters, text="   ")
    assert LabelledExample.objects.filter(classifier=letters).count() == 15
    with pytest.raises(AiplusError) as taken:
        services.classifier_create(actor=alice, department=alice.department, slug="letters", name="Again")
    assert taken.value.field == "classifier.slug"


def test_no_department_sees_or_labels_another_departments_classifier(letters, bob, betty, amy):
    for outsider in (bob, betty):
        with pytest.raises(AiplusError) as error:
            services.classifier_get(actor=outsider, slug="letters", department=letters.department)
        assert error.value.code == ErrorCode.NOT_FOUND
        with pytest.raises(AiplusError) as error:
            services.label_record(actor=outsider, classifier=letters, text="x", label="noise")
        assert error.value.code == ErrorCode.NOT_FOUND
        assert not services.classifiers_visible(outsider).exists()
    # A member of the department labels and reviews, but does not import or train.
    assert services.classifier_get(actor=amy, slug="letters") == letters
    with pytest.raises(AiplusError) as error:
        services.classifier_train(classifier=letters, actor=amy)
    assert error.value.code == ErrorCode.FORBIDDEN


def test_import_from_csv_all_or_nothing(alice, tmp_path, django_capture_on_commit_callbacks):
    classifier = make_classifier(alice, slug="imported", examples=[])
    good = tmp_path / "good.csv"
    good.write_text("text,label\n噪音太大,noise\nPlease refund me,refund\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.examples_import(
            actor=alice, classifier=classifier, path_or_file=good, filename=good.name, channel="cli"
        )
    assert report.stored and report.created == 2
    assert set(classifier.examples.values_list("source", flat=True)) == {"import"}
    assert Classifier.objects.get(pk=classifier.pk).model_version == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nfine,noise\n,refund\n", encoding="utf-8")
    report = services.examples_import(
        actor=alice, classifier=classifier, path_or_file=bad, filename=bad.name, channel="cli"
    )
    assert not report.stored and report.problems[0].row == 3 and classifier.examples.count() == 2
    headless = tmp_path / "headless.csv"
    headless.write_text("words,kind\na,b\n", encoding="utf-8")
    with pytest.raises(AiplusError) as error:
        services.examples_import(
            actor=alice, classifier=classifier, path_or_file=headless, filename=headless.name, channel="cli"
        )
    assert "text" in error.value.message and "label" in error.value.message


def test_import_from_a_folder_per_label(alice, tmp_path):
    classifier = make_classifier(alice, slug="folders", examples=[])
    for label, name, text in (("noise", "a.txt", "樓上好嘈"), ("refund", "b.md", "Refund my fee, please")):
        (tmp_path / label).mkdir()
        (tmp_path / label / name).write_text(text, encoding="utf-8")
    report = services.examples_import_folder(
        actor=alice, classifier=classifier, folder=tmp_path, channel="cli"
    )
    assert report.stored and report.created == 2
    assert dict(services.label_counts(Classifier.objects.get(pk=classifier.pk))) == {"noise": 1, "refund": 1}


def test_removing_a_wrong_label_retrains_without_it(letters, alice, amy, django_capture_on_commit_callbacks):
    wrong = services.label_record(
        actor=alice, classifier=letters, text="Quokkaphone blaring all night", label="refund"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.classifier_train(classifier=letters)
    assert "quokkaphon" in _vocabulary(letters)
    with pytest.raises(AiplusError) as error:
        services.example_delete(actor=amy, classifier=letters, example_id=wrong.pk)
    assert error.value.code == ErrorCode.FORBIDDEN
    with django_capture_on_commit_callbacks(execute=True):
        services.example_delete(actor=alice, classifier=letters, example_id=wrong.pk)
    assert "quokkaphon" not in _vocabulary(letters)
    assert Classifier.objects.get(pk=letters.pk).trained_examples == 15


def test_a_document_labels_with_its_text_but_never_another_departments(letters, alice, guidance, pier_notes):
    """A department's own document gives its text to the example; another department's private document
    is refused as not found, and its text is stored nowhere."""
    own = guidance.documents.get(source_id="dog-zh.txt")
    example = services.label_record(actor=alice, classifier=letters, text="", label="renewal", document=own)
    assert example.document == own and "狗隻牌照" in example.text
    secret = pier_notes.documents.get()
    with pytest.raises(AiplusError) as error:
        services.label_record(actor=alice, classifier=letters, text="", label="noise", document=secret)
    assert error.value.code == ErrorCode.NOT_FOUND
    assert not LabelledExample.objects.filter(text__contains="38 million").exists()
