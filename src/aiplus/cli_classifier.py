"""``aiplus classifier``: create a document classifier, import labelled examples, train, predict, and print
its cross-validated figures, through the same services as the pages and the API."""

import json
from pathlib import Path

import click

from aiplus.cli import _actor, _django, _echo_all_or_nothing, _emit, _fail, main, user_option

department_option = click.option(
    "--department",
    "department_code",
    help="Department code (default: the user's own; the operator must give it).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _classifier(slug: str, department_code: str | None, actor):
    from aiplus.classifier.services import classifier_get
    from aiplus.core.selectors import department_by_code

    department = department_by_code(department_code) if department_code else None
    return classifier_get(actor=actor, slug=slug, department=department)


@main.group()
def classifier() -> None:
    """Document classifiers: labelled examples, training, predictions."""


@classifier.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="A name people recognise.")
@click.option(
    "--label", "labels", multiple=True, help="A label (repeatable); labels also come with examples."
)
@department_option
@user_option
def create_command(slug, name, labels, department_code, username) -> None:
    """Create a classifier for a department."""
    _django()
    from aiplus.classifier.services import classifier_create
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code

    actor = _actor(username)
    try:
        department = department_by_code(department_code) if department_code else actor.department
        if department is None:
            raise click.ClickException("Give --department CODE.")
        created = classifier_create(
            actor=actor, department=department, slug=slug, name=name, labels=labels, channel="cli"
        )
    except AiplusError as error:
        _fail(error)
    click.echo(f"Created classifier {created}.")


@classifier.command("import")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@department_option
@json_option
@user_option
def import_command(slug, path, department_code, as_json, username) -> None:
    """Import labelled examples: a CSV or XLSX file with columns text and label, or a folder holding one
    folder per label with the documents inside. Anything wrong stores nothing; problems are listed."""
    _django()
    from aiplus.classifier.services import examples_import, examples_import_folder
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        found = _classifier(slug, department_code, actor)
        if path.is_dir():
            report = examples_import_folder(actor=actor, classifier=found, folder=path, channel="cli")
        else:
            report = examples_import(
                actor=actor, classifier=found, path_or_file=path, filename=path.name, channel="cli"
            )
    except AiplusError as error:
        _fail(error)
    _echo_all_or_nothing(report, as_json=as_json, done=f"{report.created} examples imported.")


@classifier.command("train")
@click.argument("slug")
@department_option
@json_option
@user_option
def train_command(slug, department_code, as_json, username) -> None:
    """Train now on every labelled example (never on unreviewed predictions)."""
    _django()
    from aiplus.classifier.services import classifier_train
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        trained = classifier_train(
            classifier=_classifier(slug, department_code, actor), actor=actor, channel="cli"
        )
    except AiplusError as error:
        _fail(error)
    figures = trained.metrics
    if as_json:
        _emit({"version": trained.model_version, "examples": trained.trained_examples, "metrics": figures})
        return
    click.echo(f"Trained version {trained.model_version} on {trained.trained_examples} examples.")
    if figures:
        click.echo(
            f"Cross-validated ({figures['folds']} folds): accuracy {figures['accuracy']:.3f}, "
            f"macro-F1 {figures['macro_f1']:.3f}"
        )


@classifier.command("predict")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option("--text", help="The text to classify (instead of a file).")
@department_option
@json_option
@user_option
def predict_command(slug, path, text, department_code, as_json, username) -> None:
    """Classify a text or a file (PDF, Word, text, image). The prediction joins the review queue."""
    _django()
    from aiplus.classifier.services import classify
    from aiplus.core.errors import AiplusError
    from aiplus.documents.parsers import detect_file_type, parser_for

    if (path is None) == (text is None):
        raise click.ClickException("Give a file or --text, one of the two.")
    actor = _actor(username)
    try:
        found = _classifier(slug, department_code, actor)
        if path is not None:
            with open(path, "rb") as handle:
                kind = detect_file_type(path.name, handle.read(8))
            text = "\n".join(page.text for page in parser_for(kind)(path).pages)
        result = classify(classifier=found, text=text)
    except AiplusError as error:
        _fail(error)
    if as_json:
        _emit(
            {
                "label": result.label,
                "confidence": result.confidence,
                "ranked": result.ranked,
                "prediction_id": result.prediction_id,
            }
        )
        return
    click.echo(f"{result.label} (confidence {result.confidence:.2f})")
    for label, confidence in result.ranked[1:3]:
        click.echo(f"  then {label} ({confidence:.2f})", err=True)


@classifier.command("eval")
@click.argument("slug")
@department_option
@json_option
@user_option
def eval_command(slug, department_code, as_json, username) -> None:
    """Cross-validated accuracy and macro-F1, with precision, recall and F1 per label."""
    _django()
    from aiplus.classifier.services import classifier_evaluate
    from aiplus.core.errors import AiplusError

    actor = _actor(username)
    try:
        figures = classifier_evaluate(actor=actor, classifier=_classifier(slug, department_code, actor))
    except AiplusError as error:
        _fail(error)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
        return
    click.echo(
        f"{figures['examples']} examples, {figures['folds']} folds: accuracy {figures['accuracy']:.3f}, "
        f"macro-F1 {figures['macro_f1']:.3f}"
    )
    for label, row in figures["per_label"].items():
        click.echo(
            f"  {label:<30} precision {row['precision']:.3f}  recall {row['recall']:.3f}  "
            f"F1 {row['f1']:.3f}  ({row['examples']} examples)"
        )
