"""REST endpoints: document classifiers, their labelled examples, training, classifying and the review of
predictions. Another department's classifier answers 404, as one that does not exist."""

from ninja import File, Router
from ninja.files import UploadedFile

from aiplus.classifier import services
from aiplus.classifier.models import Classifier, Prediction
from aiplus.classifier.schemas import (
    ClassifierIn,
    ClassifierOut,
    ExampleIn,
    ExampleOut,
    ImportReportOut,
    PredictionOut,
    ReviewIn,
    TextIn,
)
from aiplus.core.schemas import error_responses
from aiplus.core.selectors import department_by_code
from aiplus.core.validation import invalid

router = Router(tags=["Document classifier"])


def classifier_for(request, slug: str, department: str = "") -> Classifier:
    wanted = department_by_code(department) if department else None
    return services.classifier_get(actor=request.user, slug=slug, department=wanted)


def classifier_out(classifier: Classifier) -> dict:
    return {
        "department": classifier.department.code,
        "slug": classifier.slug,
        "name": classifier.name,
        "labels": [{"label": label, "examples": n} for label, n in services.label_counts(classifier)],
        "model_version": classifier.model_version,
        "trained_at": classifier.trained_at,
        "trained_examples": classifier.trained_examples,
        "needs_training": classifier.needs_training,
        "unreviewed": services.predictions_unreviewed(classifier).count(),
        "metrics": classifier.metrics,
    }


def prediction_out(prediction: Prediction) -> dict:
    return {
        "id": prediction.pk,
        "label": prediction.label,
        "confidence": prediction.confidence,
        "ranked": [tuple(pair) for pair in prediction.ranked],
        "model_version": prediction.model_version,
        "reviewed": prediction.reviewed,
        "reviewed_label": prediction.reviewed_label,
        "text": prediction.text,
    }


@router.get("/classifiers", response={200: list[ClassifierOut], **error_responses()})
def list_classifiers(request):
    """The classifiers of the caller's department (every department's, for a platform administrator)."""
    return [classifier_out(c) for c in services.classifiers_visible(request.user)]


@router.post("/classifiers", response={200: ClassifierOut, **error_responses(400, 403)})
def create_classifier(request, payload: ClassifierIn):
    department = department_by_code(payload.department) if payload.department else request.user.department
    if department is None:
        raise invalid("department", "required")
    classifier = services.classifier_create(
        actor=request.user,
        department=department,
        slug=payload.slug,
        name=payload.name,
        labels=payload.labels,
        channel="api",
    )
    return classifier_out(classifier)


@router.get("/classifiers/{slug}", response={200: ClassifierOut, **error_responses(404)})
def read_classifier(request, slug: str, department: str = ""):
    """Labels with their example counts, the model's version and its cross-validated figures."""
    return classifier_out(classifier_for(request, slug, department))


@router.get("/classifiers/{slug}/examples", response={200: list[ExampleOut], **error_responses(404)})
def list_examples(request, slug: str, department: str = "", label: str = "", limit: int = 100):
    classifier = classifier_for(request, slug, department)
    examples = classifier.examples.all()
    if label:
        examples = examples.filter(label=label)
    return [
        {"id": e.pk, "label": e.label, "source": e.source, "text": e.text}
        for e in examples[: max(1, min(limit, 1000))]
    ]


@router.post("/classifiers/{slug}/examples", response={200: ExampleOut, **error_responses(400, 404)})
def add_example(request, slug: str, payload: ExampleIn, department: str = ""):
    """A person's label for a text; the classifier is retrained."""
    classifier = classifier_for(request, slug, department)
    example = services.label_record(
        actor=request.user, classifier=classifier, text=payload.text, label=payload.label
    )
    return {"id": example.pk, "label": example.label, "source": example.source, "text": example.text}


@router.delete("/classifiers/{slug}/examples/{example_id}", response={204: None, **error_responses(403, 404)})
def delete_example(request, slug: str, example_id: int, department: str = ""):
    """Remove a wrongly labelled example; the classifier is retrained without it."""
    classifier = classifier_for(request, slug, department)
    services.example_delete(actor=request.user, classifier=classifier, example_id=example_id, channel="api")
    return 204, None


@router.post(
    "/classifiers/{slug}/import",
    response={200: ImportReportOut, **error_responses(400, 403, 404), 422: ImportReportOut},
)
def import_examples(request, slug: str, file: UploadedFile = File(...), department: str = ""):
    """Labelled examples from a CSV or XLSX file (columns text, label). A file with any bad row stores
    nothing and answers 422 with every problem by row."""
    classifier = classifier_for(request, slug, department)
    report = services.examples_import(
        actor=request.user,
        classifier=classifier,
        path_or_file=file,
        filename=file.name or "examples.csv",
        channel="api",
    )
    return (200 if report.stored else 422), report.as_dict()


@router.post("/classifiers/{slug}/train", response={200: ClassifierOut, **error_responses(400, 403, 404)})
def train_classifier(request, slug: str, department: str = ""):
    classifier = classifier_for(request, slug, department)
    return classifier_out(services.classifier_train(classifier=classifier, actor=request.user, channel="api"))


@router.post("/classifiers/{slug}/classify", response={200: PredictionOut, **error_responses(400, 404)})
def classify_text(request, slug: str, payload: TextIn, department: str = ""):
    """The label, its confidence and the ranking; the prediction joins the review queue."""
    classifier = classifier_for(request, slug, department)
    result = services.classify(classifier=classifier, text=payload.text)
    return prediction_out(Prediction.objects.get(pk=result.prediction_id))


@router.get("/classifiers/{slug}/predictions", response={200: list[PredictionOut], **error_responses(404)})
def list_predictions(request, slug: str, department: str = "", reviewed: bool = False):
    """The review queue (unreviewed predictions, newest first), or with ``reviewed=true`` the reviewed ones."""
    classifier = classifier_for(request, slug, department)
    return [prediction_out(p) for p in classifier.predictions.filter(reviewed=reviewed)[:200]]


@router.post(
    "/classifiers/{slug}/predictions/{prediction_id}/review",
    response={200: ExampleOut, **error_responses(400, 404, 409)},
)
def review_prediction(request, slug: str, prediction_id: int, payload: ReviewIn, department: str = ""):
    """Confirm (the predicted label) or correct (another label): the text becomes a labelled example."""
    classifier = classifier_for(request, slug, department)
    prediction = services.prediction_get(
        actor=request.user, classifier=classifier, prediction_id=prediction_id
    )
    example = services.prediction_review(
        actor=request.user, prediction=prediction, label=payload.label, channel="api"
    )
    return {"id": example.pk, "label": example.label, "source": example.source, "text": example.text}
