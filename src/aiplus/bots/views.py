"""Pages for knowledge owners: their department's bots (publish one), the review queue, and evaluation runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from aiplus.bots import evaluation, services
from aiplus.bots import review as review_services
from aiplus.bots.models import BotLanguage
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.core.views import error_page

_FORM = {
    "slug": "",
    "name": "",
    "language": "en",
    "greeting": "",
    "decline_message": "",
    "allowed_origins": "",
}


@login_required
@require_http_methods(["GET", "POST"])
def bots(request):
    user = request.user
    can_create = user.can_manage_knowledge and user.department is not None
    form = dict(_FORM)
    chosen: list[str] = []
    form_error, status = "", 200
    if request.method == "POST":
        form = {key: request.POST.get(key, default) for key, default in _FORM.items()}
        chosen = request.POST.getlist("collections")
        try:
            if not can_create:
                raise AiplusError(ErrorCode.FORBIDDEN, detail="publish bot")
            bot = services.bot_create(
                actor=user,
                department=user.department,
                collections=chosen,
                allowed_origins=form["allowed_origins"],
                **{k: form[k] for k in ("slug", "name", "language", "greeting", "decline_message")},
            )
            messages.success(request, _("The bot %(name)s is published.") % {"name": bot.name})
            return redirect("bots:bots")
        except AiplusError as error:
            if error.code == ErrorCode.FORBIDDEN:
                return error_page(request, error)
            form_error, status = error.message, error.http_status
            form = {key: repair_text("bot.greeting", value) for key, value in form.items()}
    context = {
        "bots": services.bots_managed_by(user),
        "can_create": can_create,
        "collections": services.collections_for_bot(user.department) if can_create else [],
        "chosen": chosen,
        "languages": BotLanguage.choices,
        "form": form,
        "form_error": form_error,
    }
    return render(request, "bots/bots.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug):
    try:
        bot = services.bot_for_managing(request.user, slug)
        if request.method == "POST":
            kind, item_id = request.POST.get("kind", ""), request.POST.get("item", "")
            if request.POST.get("action") == "dismiss":
                review_services.review_dismiss(actor=request.user, bot=bot, kind=kind, item_id=item_id)
                messages.success(request, _("Removed from the queue."))
            else:
                entry = review_services.review_answer(
                    actor=request.user,
                    bot=bot,
                    kind=kind,
                    item_id=item_id,
                    answer=request.POST.get("answer", ""),
                    # A typed id (the "another entry" box) wins over the radio choice of a suggestion.
                    entry_id=request.POST.get("entry_other", "").strip() or request.POST.get("entry_id", ""),
                    question=request.POST.get("question", ""),
                )
                messages.success(
                    request,
                    _("Saved to the FAQ as entry %(entry)s. The bot now gives this answer.")
                    % {"entry": entry},
                )
            return redirect("bots:review", slug=bot.slug)
        queue = review_services.review_queue(actor=request.user, bot=bot)
    except AiplusError as error:
        if error.code in {ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN}:
            return error_page(request, error)
        messages.error(request, error.message)
        return redirect("bots:review", slug=slug)
    entries = review_services.review_picker(bot=bot, queue=queue)
    context = {
        "bot": bot,
        "queue": queue,
        "entries": entries,
        "faq_collections": review_services.faq_collections(bot),
    }
    return render(request, "bots/review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_page(request, slug):
    form_error, status = "", 200
    try:
        bot = services.bot_for_managing(request.user, slug)
        if request.method == "POST":
            upload = request.FILES.get("golden")
            if upload is None:
                raise AiplusError(ErrorCode.MISSING_FIELD, {"field": _("golden set")})
            rows = evaluation.golden_read(upload.read(), name=upload.name)
            evaluation.eval_run(actor=request.user, bot=bot, rows=rows, golden_name=upload.name)
            return redirect("bots:evaluation", slug=bot.slug)
        runs = evaluation.eval_runs(actor=request.user, bot=bot)
    except AiplusError as error:
        if error.code in {ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN}:
            return error_page(request, error)
        form_error, status = error.message, error.http_status
        bot = services.bot_for_managing(request.user, slug)
        runs = evaluation.eval_runs(actor=request.user, bot=bot)
    rows = []
    for i, run in enumerate(runs):
        summary = evaluation.run_summary(run, runs[i + 1] if i + 1 < len(runs) else None)
        change = summary.get("change", {})
        figures = [
            {
                "percent": round(summary[name] * 100, 1),
                "change": round(change[name] * 100, 1) if name in change else None,
                "points": abs(round(change[name] * 100, 1)) if name in change else None,
            }
            for name in ("hit_at_1", "correct_declines", "citation_precision")
        ]
        rows.append({"run": run, "figures": figures})
    context = {"bot": bot, "rows": rows, "form_error": form_error}
    return render(request, "bots/evaluation.html", context, status=status)
