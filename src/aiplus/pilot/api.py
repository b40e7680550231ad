"""REST endpoints for the document assistant: run a task on pasted text, an uploaded file or a document in
a collection; follow its progress, cancel it, download or save its result; the drafting templates. Each
calls a service and shapes the output."""

from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from aiplus.core.schemas import error_responses
from aiplus.core.views import download_response
from aiplus.pilot import jobs, output
from aiplus.pilot.draft import draft_template_create, templates_for
from aiplus.pilot.models import DraftTemplate, Job
from aiplus.pilot.schemas import JobIn, JobOut, SaveIn, SaveOut, TemplateIn, TemplateOut

router = Router(tags=["document assistant"])


def job_out(job: Job) -> dict:
    return {
        **{name: getattr(job, name) for name in JobOut.model_fields if name != "error"},
        "error": job.error_message,
    }


def template_out(template: DraftTemplate) -> dict:
    return {
        "id": template.pk,
        "name": template.name,
        "kind": template.kind,
        "language": template.language,
        "body": template.body,
        "department": template.department.code if template.department_id else None,
    }


@router.post("/pilot/jobs", response={202: JobOut, **error_responses(404, 409, 503)})
def create_job(request, payload: JobIn):
    """Queue a task on pasted ``text`` or on a collection's ``document_id``; poll the job until its status is
    ready, failed or cancelled."""
    job = jobs.job_create(
        actor=request.user,
        task=payload.task,
        text=payload.text,
        document_id=payload.document_id,
        options=payload.options.dict(exclude_none=True),
        channel="api",
    )
    return Status(202, job_out(job))


@router.post("/pilot/jobs/upload", response={202: JobOut, **error_responses(404, 409, 415, 503)})
def upload_job(
    request,
    file: UploadedFile = File(...),
    task: str = Form(...),
    length: str = Form(""),
    style: str = Form(""),
    language: str = Form(""),
    target: str = Form(""),
    template_id: str = Form(""),
    points: str = Form(""),
):
    """Queue a task on an uploaded file (PDF, DOCX, XLSX, HTML, text, Markdown or an image), read at once
    and not kept."""
    options = {"length": length, "style": style, "language": language, "target": target, "points": points}
    if template_id:
        options["template_id"] = template_id
    job = jobs.job_create(
        actor=request.user, task=task, stream=file, filename=file.name or "", options=options, channel="api"
    )
    return Status(202, job_out(job))


@router.get("/pilot/jobs", response={200: list[JobOut], **error_responses()})
def list_jobs(request):
    """The caller's own jobs, newest first (the last 200)."""
    return [job_out(job) for job in jobs.jobs_for(request.user)[:200]]


@router.get("/pilot/jobs/{job_id}", response={200: JobOut, **error_responses(404)})
def get_job(request, job_id: int):
    return job_out(jobs.job_for(request.user, job_id))


@router.post("/pilot/jobs/{job_id}/cancel", response={200: JobOut, **error_responses(404)})
def cancel_job(request, job_id: int):
    """Stop a queued or running job; a finished one is left as it is."""
    return job_out(jobs.job_cancel(actor=request.user, job_id=job_id, channel="api"))


@router.delete("/pilot/jobs/{job_id}", response={204: None, **error_responses(404)})
def delete_job(request, job_id: int):
    jobs.job_delete(actor=request.user, job_id=job_id, channel="api")
    return Status(204, None)


@router.get("/pilot/jobs/{job_id}/result.{fmt}", response={200: None, **error_responses(404, 409)})
def download_result(request, job_id: int, fmt: str):
    """The result as Markdown (``md``) or Word (``docx``)."""
    content, content_type, filename = output.render(jobs.job_for(request.user, job_id), fmt)
    return download_response(content, filename=filename, content_type=content_type)


@router.post("/pilot/jobs/{job_id}/save", response={200: SaveOut, **error_responses(403, 404, 409)})
def save_result(request, job_id: int, payload: SaveIn):
    """Save the result into a collection the caller may manage; it is ingested like any upload."""
    outcome = output.job_save(
        actor=request.user,
        job=jobs.job_for(request.user, job_id),
        slug=payload.collection,
        fmt=payload.format,
        channel="api",
    )
    return {
        "source_id": outcome.source_id,
        "outcome": outcome.outcome,
        "document_id": outcome.document.pk if outcome.document else None,
        "error": outcome.message,
    }


@router.get("/pilot/templates", response={200: list[TemplateOut], **error_responses()})
def list_templates(request):
    """The letter and memo templates the caller may draft with."""
    return [template_out(t) for t in templates_for(request.user).select_related("department")]


@router.post("/pilot/templates", response={200: TemplateOut, **error_responses(403)})
def save_template(request, payload: TemplateIn):
    """Make or replace (by name) a template of the caller's department (knowledge owners and administrators)."""
    return template_out(draft_template_create(actor=request.user, **payload.dict()))
