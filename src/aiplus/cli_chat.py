"""``aiplus chat purge`` and ``aiplus chat retention``: how long chats are kept, through the chat services."""

import click

from aiplus.cli import _actor, _django, _emit, _fail, main, user_option


@main.group()
def chat() -> None:
    """Officers' chats: retention and purge."""


@chat.command("purge")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
def chat_purge_command(as_json) -> None:
    """Delete the chats past their department's retention period now (workers also do this on their own)."""
    _django()
    from aiplus.chat.services import chat_purge

    deleted = chat_purge()
    if as_json:
        _emit({"deleted": deleted})
    else:
        click.echo(f"Deleted {deleted} chats past their retention period.")


@chat.command("retention")
@click.argument("code")
@click.argument("days", required=False, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON report.")
@user_option
def chat_retention_command(code, days, as_json, username) -> None:
    """Show, or set to DAYS, how many days department CODE keeps a chat after its last question."""
    _django()
    from aiplus.chat.services import retention_days, retention_set
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code

    try:
        department = department_by_code(code)
        if days is not None:
            retention_set(actor=_actor(username), department=department, days=days, channel="cli")
    except AiplusError as error:
        _fail(error)
    kept = retention_days(department.pk)
    if as_json:
        _emit({"department": department.code, "days": kept})
    elif kept:
        click.echo(f"{department.code}: chats are deleted {kept} days after their last question.")
    else:
        click.echo(f"{department.code}: chats are kept until their owners delete them.")
