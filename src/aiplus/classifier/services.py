"""Document classifiers: create, label, import, train, classify, and review predictions.

The one rule that keeps a classifier honest: it learns only from ``LabelledExample`` rows, which a person
wrote (by labelling, by importing, or by confirming or correcting a prediction). ``classify`` stores each
prediction as an unreviewed ``Prediction``; nothing reads those for training.

Every label change marks the classifier for training. A small classifier (up to ``INLINE_TRAIN_EXAMPLES``
examples, well under a second) is retrained at once; a larger one by one background task sent
``TRAIN_DEBOUNCE_SECONDS`` later, so a burst of corrections costs one training.

Access: a department's members see, use, label and review its classifiers; its knowledge managers also
create them, import examples and train; nobody else learns they exist (NOT_FOUND).
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from aiplus.classifier import learning
from aiplus.classifier import models as rows
from aiplus.classifier.reading import ExampleRow, read_examples
from aiplus.core.access import actor_user
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.services import audit_record
from aiplus.core.validation import clean_text, invalid
from aiplus.faq.reading import RowProblem
from aiplus.faq.services import read_upload

logger = logging.getLogger("aiplus.classifier")

TRAIN_TASK = "aiplus.classifier.train"
INLINE_TRAIN_EXAMPLES = 200
TRAIN_DEBOUNCE_SECONDS = 30
# A queued training that has not run after this long is taken as lost, and the next label change sends another.
TRAIN_QUEUE_STALE_SECONDS = 3600


@dataclass(frozen=True)
class Prediction:
    """What a classifier says of a text: the best label, its calibrated confidence (0-1) and every label
    ranked. ``prediction_id`` is the stored, unreviewed row a person may confirm or correct."""

    label: str
    confidence: float
    ranked: list[tuple[str, float]]
    prediction_id: int | None = None


# --- access --------------------------------------------------------------------------------------------


def can_use_classifier(actor, department: Department) -> bool:
    return bool(getattr(actor, "is_platform_admin", False)) or (
        getattr(actor, "department_id", None) == department.pk
    )


def can_manage_classifier(actor, department: Department) -> bool:
    return bool(getattr(actor, "is_platform_admin", False)) or (
        bool(getattr(actor, "can_manage_knowledge", False)) and actor.department_id == department.pk
    )


def classifiers_visible(actor):
    found = rows.Classifier.objects.select_related("department")
    if getattr(actor, "is_platform_admin", False):
        return found
    return found.filter(department_id=getattr(actor, "department_id", None) or -1)


def classifier_get(*, actor, slug: str, department: Department | None = None) -> rows.Classifier:
    """The classifier ``slug`` of ``department`` (default: the actor's own); NOT_FOUND when it does not exist
    or the actor may not see it, so another department's classifiers cannot even be guessed at."""
    department_id = department.pk if department else getattr(actor, "department_id", None)
    found = classifiers_visible(actor).filter(slug=slug, department_id=department_id).first()
    if found is None and department is None and getattr(actor, "is_platform_admin", False):
        matches = list(classifiers_visible(actor).filter(slug=slug)[:2])
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"classifier {slug!r}")
    return found


def _require_manager(actor, classifier_or_department) -> None:
    department = getattr(classifier_or_department, "department", classifier_or_department)
    if not can_use_classifier(actor, department):
        raise AiplusError(ErrorCode.NOT_FOUND, detail="classifier")
    if not can_manage_classifier(actor, department):
        raise AiplusError(ErrorCode.FORBIDDEN, detail="manage classifier")


def _require_user(actor, classifier: rows.Classifier) -> None:
    if not can_use_classifier(actor, classifier.department):
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"classifier {classifier.slug!r}")


# --- create and label ------------------------------------------------------------------------------------


def _clean_label(value) -> str:
    return clean_text("classifier.label", value)


def classifier_create(
    *, actor, department: Department, slug: str, name: str, labels=(), channel: str = ""
) -> rows.Classifier:
    _require_manager(actor, department)
    slug = clean_text("classifier.slug", slug)
    name = clean_text("classifier.name", name)
    labels = list(dict.fromkeys(_clean_label(label) for label in labels if str(label).strip()))
    if rows.Classifier.objects.filter(department=department, slug=slug).exists():
        raise invalid("classifier.slug", "classifier_taken")
    classifier = rows.Classifier.objects.create(department=department, slug=slug, name=name, labels=labels)
    audit_record(actor=actor, action="classifier.create", target=f"classifier:{classifier}", channel=channel)
    return classifier


def _store_example(
    classifier, *, actor, text: str, label: str, document, source: str
) -> rows.LabelledExample:
    example = rows.LabelledExample.objects.create(
        classifier=classifier,
        text=text,
        label=label,
        document=document,
        source=source,
        created_by=actor_user(actor),
    )
    if label not in classifier.labels:
        classifier.labels = [*classifier.labels, label]
        rows.Classifier.objects.filter(pk=classifier.pk).update(labels=classifier.labels)
    return example


def label_record(
    *, actor, classifier: rows.Classifier, text: str, label: str, document=None, source: str = "human"
) -> rows.LabelledExample:
    """A person's label for a text (or a document's text): stored as a training example, and the classifier
    marked for retraining (see the module's note on when it runs)."""
    _require_user(actor, classifier)
    if source not in rows.Source.values:
        raise invalid("classifier.source", "one_of", choices=", ".join(rows.Source.values))
    label = _clean_label(label)
    if document is not None:
        if document.collection.department_id != classifier.department_id:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"document {document.pk}")
        text = text or "\n".join(document.pages.order_by("number").values_list("text", flat=True))
    text = clean_text("classifier.text", text)
    with transaction.atomic():
        example = _store_example(
            classifier, actor=actor, text=text, label=label, document=document, source=source
        )
        _labels_changed(classifier)
    return example


def _labels_changed(classifier: rows.Classifier) -> None:
    rows.Classifier.objects.filter(pk=classifier.pk).update(needs_training=True)
    classifier.needs_training = True
    classifier_id = classifier.pk
    transaction.on_commit(lambda: training_schedule(classifier_id=classifier_id))


def example_delete(*, actor, classifier: rows.Classifier, example_id: int, channel: str = "") -> None:
    """Remove a labelled example (a wrong label); the classifier is retrained without it."""
    _require_manager(actor, classifier)
    with transaction.atomic():
        deleted, _ = classifier.examples.filter(pk=example_id).delete()
        if not deleted:
            raise AiplusError(ErrorCode.NOT_FOUND, detail=f"example {example_id}")
        _labels_changed(classifier)
    audit_record(actor=actor, action="classifier.unlabel", target=f"classifier:{classifier}", channel=channel)


def label_counts(classifier: rows.Classifier) -> list[tuple[str, int]]:
    """Every label with its number of examples, in the classifier's label order."""
    counts = dict(classifier.examples.values_list("label").annotate(n=Count("pk")).values_list("label", "n"))
    # A label missing from the classifier's list (two people adding new labels at once) still shows.
    labels = [*classifier.labels, *sorted(set(counts) - set(classifier.labels))]
    return [(label, counts.get(label, 0)) for label in labels]


# --- import ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    classifier: str
    rows: int
    created: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "classifier": self.classifier,
            "rows": self.rows,
            "stored": self.stored,
            "created": self.created,
            "problems": [p.as_dict() for p in self.problems],
        }


def _import_rows(*, actor, classifier, examples: list[ExampleRow], channel: str) -> int:
    with transaction.atomic():
        for example in examples:
            _store_example(
                classifier,
                actor=actor,
                text=example.text,
                label=example.label,
                document=None,
                source="import",
            )
        if examples:
            _labels_changed(classifier)
    audit_record(
        actor=actor,
        action="classifier.import",
        target=f"classifier:{classifier}",
        channel=channel,
        created=len(examples),
    )
    return len(examples)


def examples_import(*, actor, classifier, path_or_file, filename: str, channel: str) -> ImportReport:
    """Add labelled examples from a CSV or XLSX file with columns text and label. A file with a bad row
    stores nothing; the report lists every problem by row."""
    _require_manager(actor, classifier)
    read = read_examples(read_upload(path_or_file), filename)
    total = len(read.examples) + len(read.problems)
    if read.problems:
        return ImportReport(classifier.slug, total, problems=read.problems)
    created = _import_rows(actor=actor, classifier=classifier, examples=read.examples, channel=channel)
    return ImportReport(classifier.slug, total, created=created)


def examples_import_folder(*, actor, classifier, folder: Path, channel: str) -> ImportReport:
    """Add one example per file from a folder holding a folder per label (``folder/refund/letter1.pdf``).
    Files are read by the document parsers (PDF, Word, text, images with OCR)."""
    from aiplus.documents.parsers import detect_file_type, parser_for

    _require_manager(actor, classifier)
    examples, problems = [], []
    files = sorted(p for p in Path(folder).glob("*/*") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise invalid("classifier.folder", "classifier_folder")
    for number, path in enumerate(files, start=1):
        try:
            with open(path, "rb") as handle:
                file_type = detect_file_type(path.name, handle.read(8))
            text = "\n".join(page.text for page in parser_for(file_type)(path).pages)
            examples.append(
                ExampleRow(number, clean_text("classifier.text", text), _clean_label(path.parent.name))
            )
        except AiplusError as error:
            problems.append(RowProblem(number, error))
    if problems:
        return ImportReport(classifier.slug, len(files), problems=problems)
    created = _import_rows(actor=actor, classifier=classifier, examples=examples, channel=channel)
    return ImportReport(classifier.slug, len(files), created=created)


# --- train -----------------------------------------------------------------------------------------------


def _training_set(classifier) -> tuple[list[str], list[str], int]:
    """Texts and labels of every example (never a prediction), and the newest example's id."""
    examples = list(classifier.examples.order_by("pk").values_list("pk", "text", "label"))
    return [e[1] for e in examples], [e[2] for e in examples], (examples[-1][0] if examples else 0)


def classifier_train(*, classifier: rows.Classifier, actor=None, channel: str = "") -> rows.Classifier:
    """Train on the classifier's examples, store the model with a new version and its cross-validated
    figures. Needs examples of at least two labels."""
    if actor is not None:
        _require_manager(actor, classifier)
    texts, labels, newest = _training_set(classifier)
    if len(set(labels)) < 2:
        raise invalid("classifier.examples", "classifier_too_few")
    model = learning.train(texts, labels)
    metrics = learning.cross_validated(texts, labels)
    with transaction.atomic():
        current = rows.Classifier.objects.select_for_update().get(pk=classifier.pk)
        current.model = learning.model_dump(model)
        current.model_version += 1
        current.trained_at = timezone.now()
        current.trained_examples = len(texts)
        current.metrics = metrics
        # Labels given while this training ran still need the next one.
        current.needs_training = current.examples.filter(pk__gt=newest).exists()
        current.training_queued_at = None
        current.save()
    audit_record(
        actor=actor,
        action="classifier.train",
        target=f"classifier:{current}",
        channel=channel,
        examples=len(texts),
        version=current.model_version,
    )
    logger.info(
        "classifier trained classifier=%s examples=%s version=%s", current, len(texts), current.model_version
    )
    return current


def training_schedule(*, classifier_id: int) -> None:
    """After labels change: retrain now when the classifier is small, else send one debounced task."""
    classifier = rows.Classifier.objects.filter(pk=classifier_id).first()
    if classifier is None or not classifier.needs_training:
        return
    examples = classifier.examples.count()
    if examples <= INLINE_TRAIN_EXAMPLES:
        if len(set(classifier.examples.values_list("label", flat=True))) >= 2:
            classifier_train(classifier=classifier)
        return
    now = timezone.now()
    stale = now - timedelta(seconds=TRAIN_QUEUE_STALE_SECONDS)
    claimed = (
        rows.Classifier.objects.filter(pk=classifier_id)
        .filter(Q(training_queued_at__isnull=True) | Q(training_queued_at__lt=stale))
        .update(training_queued_at=now)
    )
    if claimed:
        from celery import current_app

        from aiplus.core.workers import LONG_QUEUE, TASK_EXPIRES

        current_app.send_task(
            TRAIN_TASK,
            args=[classifier_id],
            queue=LONG_QUEUE,
            countdown=TRAIN_DEBOUNCE_SECONDS,
            expires=TASK_EXPIRES,
        )
        logger.info("classifier training queued classifier=%s examples=%s", classifier, examples)


def classifier_train_due(*, classifier_id: int) -> bool:
    """The background task: train when the classifier still needs it (safe to run twice)."""
    classifier = rows.Classifier.objects.filter(pk=classifier_id).first()
    if classifier is None or not classifier.needs_training:
        return False
    try:
        classifier_train(classifier=classifier)
    except AiplusError:
        rows.Classifier.objects.filter(pk=classifier_id).update(training_queued_at=None)
        raise
    return True


def classifier_evaluate(*, actor, classifier: rows.Classifier) -> dict:
    """Cross-validated accuracy, macro-F1 and per-label figures on the current examples."""
    _require_user(actor, classifier)
    texts, labels, _ = _training_set(classifier)
    if len(set(labels)) < 2:
        raise invalid("classifier.examples", "classifier_too_few")
    metrics = learning.cross_validated(texts, labels)
    if not metrics:
        raise invalid("classifier.examples", "classifier_too_few")
    return metrics


# --- classify and review ---------------------------------------------------------------------------------

_loaded: dict[int, tuple[int, object]] = {}


def _model_of(classifier: rows.Classifier):
    # Keyed by the training time too: a classifier made again under a reused id starts at version 1 again.
    stamp = (classifier.model_version, classifier.trained_at)
    cached = _loaded.get(classifier.pk)
    if cached and cached[0] == stamp:
        return cached[1]
    data = rows.Classifier.objects.filter(pk=classifier.pk).values_list("model", flat=True).first()
    model = learning.model_load(data) if data else None
    if model is not None:
        _loaded[classifier.pk] = (stamp, model)
    return model


def classify(*, classifier: rows.Classifier, text: str, document=None) -> Prediction:
    """The classifier's label for ``text`` with its confidence and the ranking; the prediction is kept,
    unreviewed, for a person to confirm or correct. A classifier never trained is trained first."""
    text = clean_text("classifier.text", text)
    model = _model_of(classifier)
    if model is None:
        classifier = classifier_train(classifier=classifier)
        model = _model_of(classifier)
    result = learning.predict(model, [text])[0]
    row = rows.Prediction.objects.create(
        classifier=classifier,
        text=text,
        document=document,
        label=result.label,
        confidence=result.confidence,
        ranked=[list(pair) for pair in result.ranked],
        model_version=classifier.model_version,
    )
    return Prediction(result.label, result.confidence, result.ranked, row.pk)


def predictions_unreviewed(classifier: rows.Classifier):
    return classifier.predictions.filter(reviewed=False)


def prediction_get(*, actor, classifier: rows.Classifier, prediction_id: int) -> rows.Prediction:
    _require_user(actor, classifier)
    found = classifier.predictions.filter(pk=prediction_id).first()
    if found is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"prediction {prediction_id}")
    return found


def prediction_review(
    *, actor, prediction: rows.Prediction, label: str, channel: str = ""
) -> rows.LabelledExample:
    """A person confirms (the same label) or corrects (another label) a prediction: the reviewed text
    becomes a labelled example, and only now can it teach the classifier."""
    classifier = prediction.classifier
    _require_user(actor, classifier)
    label = _clean_label(label)
    with transaction.atomic():
        locked = rows.Prediction.objects.select_for_update().get(pk=prediction.pk)
        if locked.reviewed:
            raise AiplusError(ErrorCode.CONFLICT, detail=f"prediction {prediction.pk} already reviewed")
        example = label_record(
            actor=actor, classifier=classifier, text=locked.text, label=label, document=locked.document
        )
        locked.reviewed = True
        locked.reviewed_label = label
        locked.reviewed_by = actor_user(actor)
        locked.reviewed_at = timezone.now()
        locked.example = example
        locked.save()
    audit_record(
        actor=actor,
        action="classifier.review",
        target=f"classifier:{classifier}",
        channel=channel,
        predicted=locked.label,
        label=label,
    )
    return example
