"""The classifier pages: the department's classifiers; one classifier's labels, examples, figures and a
"try it" box; and the queue of predictions a person confirms or corrects."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.classifier import services
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department
from aiplus.core.views import error_page
from aiplus.documents.uploads import upload_limit_mb

RECENT_EXAMPLES = 20
QUEUE_PAGE = 50


def _classifier(user, code: str, slug: str):
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise AiplusError(ErrorCode.NOT_FOUND, detail=f"classifier {code}/{slug}")
    return services.classifier_get(actor=user, slug=slug, department=department)


@login_required
@require_http_methods(["GET", "POST"])
def classifiers(request):
    department = getattr(request.user, "department", None)
    form_error, status = "", 200
    if request.method == "POST":
        try:
            if department is None:
                raise AiplusError(ErrorCode.FORBIDDEN, detail="create classifier without a department")
            created = services.classifier_create(
                actor=request.user,
                department=department,
                slug=request.POST.get("slug", ""),
                name=request.POST.get("name", ""),
                labels=request.POST.get("labels", "").replace("，", ",").split(","),
                channel="web",
            )
            return redirect("classifier:classifier", code=department.code, slug=created.slug)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {
        "classifiers": services.classifiers_visible(request.user),
        "can_create": department is not None and services.can_manage_classifier(request.user, department),
        "form_error": form_error,
        "form": request.POST if request.method == "POST" else {},
    }
    return render(request, "classifier/classifiers.html", context, status=status)


def _act(request, classifier):
    """Run the posted action; (import report, prediction) for the page to show."""
    action = request.POST.get("action")
    if action == "try":
        result = services.classify(classifier=classifier, text=request.POST.get("text", ""))
        return None, result
    if action == "label":
        services.label_record(
            actor=request.user,
            classifier=classifier,
            text=request.POST.get("text", ""),
            label=request.POST.get("label", ""),
        )
        messages.success(request, _("Example saved."))
    elif action == "import":
        upload = request.FILES.get("file")
        if getattr(request, "upload_refused", False):
            raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": upload_limit_mb()})
        if upload is None:
            raise AiplusError(ErrorCode.EMPTY_FILE)
        report = services.examples_import(
            actor=request.user,
            classifier=classifier,
            path_or_file=upload,
            filename=upload.name,
            channel="web",
        )
        return report, None
    elif action == "unlabel":
        services.example_delete(
            actor=request.user,
            classifier=classifier,
            example_id=int(request.POST.get("example") or 0),
            channel="web",
        )
        messages.success(request, _("Example removed."))
    elif action == "train":
        services.classifier_train(classifier=classifier, actor=request.user, channel="web")
        messages.success(request, _("Classifier trained."))
    return None, None


@login_required
@require_http_methods(["GET", "POST"])
def classifier_page(request, code, slug):
    try:
        classifier = _classifier(request.user, code, slug)
    except AiplusError as error:
        return error_page(request, error)
    report, prediction, form_error, status = None, None, "", 200
    if request.method == "POST":
        try:
            report, prediction = _act(request, classifier)
            if report is None and prediction is None:
                return redirect("classifier:classifier", code=code, slug=slug)
            if report is not None and not report.stored:
                status = 422
            classifier.refresh_from_db()
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    per_label = classifier.metrics.get("per_label", {})
    context = {
        "classifier": classifier,
        "label_rows": [
            {"label": label, "count": count, "figures": per_label.get(label)}
            for label, count in services.label_counts(classifier)
        ],
        "examples": classifier.examples.all()[:RECENT_EXAMPLES],
        "unreviewed": services.predictions_unreviewed(classifier).count(),
        "can_manage": services.can_manage_classifier(request.user, classifier.department),
        "metrics": classifier.metrics,
        "report": report,
        "prediction": prediction,
        "form_error": form_error,
        "tried": request.POST.get("text", "") if prediction or form_error else "",
        "limit_mb": upload_limit_mb(),
    }
    return render(request, "classifier/classifier.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review_queue(request, code, slug):
    try:
        classifier = _classifier(request.user, code, slug)
    except AiplusError as error:
        return error_page(request, error)
    form_error, status = "", 200
    if request.method == "POST":
        try:
            prediction = services.prediction_get(
                actor=request.user,
                classifier=classifier,
                prediction_id=int(request.POST.get("prediction") or 0),
            )
            label = request.POST.get("label", "")
            services.prediction_review(actor=request.user, prediction=prediction, label=label, channel="web")
            if label == prediction.label:
                messages.success(request, _("Confirmed: %(label)s.") % {"label": label})
            else:
                messages.success(request, _("Corrected to %(label)s.") % {"label": label})
            return redirect("classifier:review", code=code, slug=slug)
        except AiplusError as error:
            form_error, status = error.message, error.http_status
    context = {
        "classifier": classifier,
        "predictions": list(services.predictions_unreviewed(classifier)[:QUEUE_PAGE]),
        "form_error": form_error,
    }
    return render(request, "classifier/review.html", context, status=status)
