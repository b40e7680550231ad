"""The demo's incoming correspondence (issue #12): a trained "correspondence" classifier, an "incoming"
collection with four letters (one a scanned Chinese letter, so OCR shows) and a copy of the
correspondence-triage workflow on it, the teams it routes to, a bilingual public form, retention schedules,
a legal hold, and a records manager and approver. The content is in ``letters/`` (see its README)."""

import json
from importlib import resources
from pathlib import Path

from django.contrib.auth.models import Group

from aiplus.core.access import OPERATOR
from aiplus.core.models import Department, User

CLASSIFIER = "correspondence"
INCOMING = "incoming"
FORMS = "public-forms"
WORKFLOW_TEMPLATE = "correspondence-triage"
# Team (Django group) -> its demo members. The triage template routes to these teams by name.
TEAMS = {"Complaints": ["alice", "amy"], "General enquiries": ["amy"]}
RECORDS_MANAGER, RECORDS_APPROVER = "alice", "amy"
HOLD = {
    "name": "Sample Road flooding claim",
    "reason": "Possible claim for flood damage (DSD/C/2026/0417): keep every letter about it.",
    "query": "Sample Road",
}


def letters_path() -> Path:
    return Path(str(resources.files("aiplus.demo").joinpath("letters")))


def incoming_files() -> list[Path]:
    return sorted((letters_path() / "incoming").iterdir())


def demo_workflow() -> dict:
    """The triage template pointed at the incoming collection, without its draft step: drafting a reply
    needs a language model, which a fresh demo has not got (the step would wait and retry, then stop the
    run). Approval then ends a rejected run instead of going back to the draft."""
    from aiplus.workflows.library import library_template

    definition = library_template(WORKFLOW_TEMPLATE, collection=INCOMING)
    definition["steps"] = [step for step in definition["steps"] if step["action"] != "draft"]
    for step in definition["steps"]:
        if step["action"] == "approval":
            step["settings"].update(title="Approve the routing", on_reject="end")
            step["settings"].pop("back_to", None)
    definition["description"] += (
        " Demo copy: the draft step is left out because drafting needs a language model; once one is set up,"
        " add a 'Draft a reply' step before the approval in the editor."
    )
    return definition


def _classifier(department: Department) -> None:
    from aiplus.classifier.services import classifier_create, examples_import

    classifier = classifier_create(
        actor=OPERATOR,
        department=department,
        slug=CLASSIFIER,
        name="Correspondence / 來往信件",
        labels=["complaint", "enquiry", "compliment", "application"],
        channel="demo",
    )
    path = letters_path() / "labelled.csv"
    with path.open("rb") as stream:
        report = examples_import(
            actor=OPERATOR, classifier=classifier, path_or_file=stream, filename=path.name, channel="demo"
        )
    if report.problems:  # the shipped file is ours: a bad row is a bug
        raise ValueError(f"demo examples: {report.problems}")


def _form(department: Department) -> None:
    from aiplus.intake.services.forms import field_add, form_create, form_publish

    spec = json.loads((letters_path() / "form.json").read_text("utf-8"))
    fields = spec.pop("fields")
    form = form_create(actor=OPERATOR, department=department, collection_slug=spec.pop("collection"), **spec)
    for field in fields:
        form = field_add(actor=OPERATOR, form=form, **field)
    form_publish(actor=OPERATOR, form=form)


def _records(department: Department) -> None:
    from aiplus.records.importing import schedules_import
    from aiplus.records.services import legal_hold_place, records_role_add

    path = letters_path() / "schedules.csv"
    report = schedules_import(
        actor=OPERATOR, department=department, data=path.read_bytes(), filename=path.name, channel="demo"
    )
    if report.problems:
        raise ValueError(f"demo schedules: {report.problems}")
    legal_hold_place(actor=OPERATOR, department=department, channel="demo", **HOLD)
    records_role_add(actor=OPERATOR, username=RECORDS_MANAGER, codename="manage_records", channel="demo")
    records_role_add(actor=OPERATOR, username=RECORDS_APPROVER, codename="approve_disposal", channel="demo")


def load_demo_correspondence(department: Department, *, on_file=lambda outcome: None) -> None:
    """Everything above, once; the letters are queued for reading, and reading each one starts its run."""
    from aiplus.classifier.models import Classifier
    from aiplus.documents import services as documents
    from aiplus.documents.models import Visibility
    from aiplus.records.services import retention_apply_defaults
    from aiplus.workflows.services import workflow_save

    if Classifier.objects.filter(department=department, slug=CLASSIFIER).exists():
        return
    for team, members in TEAMS.items():
        group, _created = Group.objects.get_or_create(name=team)
        group.user_set.add(*User.objects.filter(username__in=members))
    _classifier(department)
    incoming = documents.collection_create(
        actor=OPERATOR,
        slug=INCOMING,
        name="Incoming correspondence / 來信",
        department=department,
        visibility=Visibility.PRIVATE,
        description="Letters to the department, triaged by a workflow. 市民來信，由工作流程分流。",
    )
    documents.collection_create(
        actor=OPERATOR,
        slug=FORMS,
        name="Public form submissions / 公眾表格",
        department=department,
        visibility=Visibility.PRIVATE,
    )
    _form(department)
    _records(department)
    workflow_save(actor=OPERATOR, department=department, data=demo_workflow(), channel="demo")
    documents.ingest_paths(actor=OPERATOR, collection=incoming, paths=incoming_files(), on_file=on_file)
    retention_apply_defaults(department_id=department.pk)  # as the daily task would
