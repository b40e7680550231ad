"""``aiplus intake``: poll mailboxes, watch folders, and set up mailboxes, rules, folders and forms from the
shell, through the same services as the pages and the API."""

import time

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def intake() -> None:
    """Mailboxes, watched folders and public forms that bring documents in."""


@intake.command("poll")
@click.option("--mailbox", "name", help="Poll only this mailbox.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@user_option
def intake_poll_command(name, as_json, username) -> None:
    """Take new messages from every enabled mailbox (or one) into their collections, once."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.selectors import mailbox_for_managing, mailboxes_for
    from aiplus.intake.services import poll_all

    try:
        actor = _actor(username)
        chosen = [mailbox_for_managing(actor, name)] if name else mailboxes_for(actor).filter(enabled=True)
        report = poll_all(mailboxes=chosen, folders=[])
    except AiplusError as error:
        _fail(error)
    rows = [vars(m) for m in report.mailboxes]
    if as_json:
        _emit(rows)
    for row in rows if not as_json else []:
        if row["busy"]:
            click.echo(f"{row['mailbox']}\tbusy: another poller is reading it")
        else:
            click.echo(f"{row['mailbox']}\t{row['stored']} stored\t{row['failed']} failed\t{row['error']}")
    if any(row["error"] for row in rows):
        raise SystemExit(1)


@intake.command("watch")
@click.option("--once", is_flag=True, help="Look at each folder once and stop (for cron).")
@click.option("--every", default=10, show_default=True, help="Seconds between looks, without --once.")
@user_option
def intake_watch_command(once, every, username) -> None:
    """Take complete files from every watched folder (a file is complete when unchanged since the last look)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.selectors import folders_for
    from aiplus.intake.services import poll_all

    while True:
        try:
            report = poll_all(mailboxes=[], folders=folders_for(_actor(username)).filter(enabled=True))
        except AiplusError as error:
            _fail(error)
        for row in report.folders:
            click.echo(
                f"{row.path}\t{row.stored} stored\t{row.failed} failed\t{row.waiting} waiting\t{row.error}"
            )
        if once:
            return
        time.sleep(every)


@intake.command("list")
@user_option
def intake_list_command(username) -> None:
    """Every mailbox, watched folder and form you manage, with how its last poll went."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.selectors import folders_for, forms_for, mailboxes_for
    from aiplus.intake.services.common import shown_error

    try:
        actor = _actor(username)
        for m in mailboxes_for(actor):
            status = m.last_status or "never"
            click.echo(
                f"mailbox\t{m.name}\t{m.username}@{m.host}:{m.port}\t{status}\t{shown_error(m.last_error)}"
            )
        for f in folders_for(actor):
            click.echo(f"folder\t{f.pk}\t{f.path}\t{f.last_status or 'never'}\t{shown_error(f.last_error)}")
        for form in forms_for(actor):
            click.echo(f"form\t{form.slug}\t{'published' if form.published else 'draft'}\t{form.title_en}")
    except AiplusError as error:
        _fail(error)


@intake.command("mailbox-add")
@click.argument("name")
@click.option("--host", required=True)
@click.option("--port", default=993, show_default=True)
@click.option("--security", type=click.Choice(["ssl", "starttls", "none"]), default="ssl", show_default=True)
@click.option("--username", "mail_user", required=True, help="The mail account's user name.")
@click.option("--password-env", default="", help="The environment variable holding the password.")
@click.option("--password-file", default="", help="Or the file holding the password.")
@click.option("--folder", default="INBOX", show_default=True)
@click.option("--collection", required=True, help="Collection for messages no rule takes.")
@click.option("--department", "department_code", default="", help="Department (for the operator).")
@user_option
def intake_mailbox_add_command(
    name,
    host,
    port,
    security,
    mail_user,
    password_env,
    password_file,
    folder,
    collection,
    department_code,
    username,
) -> None:
    """Set up a mailbox to read (its password stays in the environment or a file, never in the database)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.intake.services.mailboxes import mailbox_create

    try:
        mailbox = mailbox_create(
            actor=_actor(username),
            name=name,
            host=host,
            port=port,
            security=security,
            username=mail_user,
            password_env=password_env,
            password_file=password_file,
            folder=folder,
            collection_slug=collection,
            department=department_by_code(department_code) if department_code else None,
        )
    except AiplusError as error:
        _fail(error)
    click.echo(f"Mailbox {mailbox.name} set up.")


@intake.command("rule-add")
@click.argument("mailbox")
@click.option("--collection", required=True)
@click.option("--sender", default="", help="Sender pattern, such as *@td.gov.hk.")
@click.option("--subject", default="", help="Subject contains.")
@click.option("--body", default="", help="Body contains.")
@click.option("--attachment-types", default="", help="Such as pdf,docx.")
@user_option
def intake_rule_add_command(mailbox, collection, sender, subject, body, attachment_types, username) -> None:
    """Add a rule at the end of a mailbox's rules (the first matching rule wins)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.selectors import mailbox_for_managing
    from aiplus.intake.services.mailboxes import rule_add

    try:
        actor = _actor(username)
        rule = rule_add(
            actor=actor,
            mailbox=mailbox_for_managing(actor, mailbox),
            collection_slug=collection,
            sender_pattern=sender,
            subject_contains=subject,
            body_contains=body,
            attachment_types=attachment_types,
        )
    except AiplusError as error:
        _fail(error)
    click.echo(f"Rule {rule.position} added to {mailbox}.")


@intake.command("folder-add")
@click.argument("path")
@click.option("--collection", required=True)
@user_option
def intake_folder_add_command(path, collection, username) -> None:
    """Watch a folder on this server (inside AIPLUS_INTAKE_FOLDER_ROOTS) for a collection."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.services.folders import folder_create

    try:
        folder = folder_create(actor=_actor(username), path=path, collection_slug=collection)
    except AiplusError as error:
        _fail(error)
    click.echo(f"Watching {folder.path} (folder {folder.pk}).")


@intake.command("submissions")
@click.argument("form")
@user_option
def intake_submissions_command(form, username) -> None:
    """A form's submissions as JSON lines: reference, time, e-mail and answers."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.intake.selectors import form_for_managing, submissions_for

    try:
        actor = _actor(username)
        for s in submissions_for(actor, form_for_managing(actor, form)):
            _emit(
                {
                    "reference": s.reference,
                    "created_at": s.created_at.isoformat(),
                    "sender_email": s.sender_email,
                    "answers": s.answers,
                }
            )
    except AiplusError as error:
        _fail(error)
