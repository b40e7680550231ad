"""``aiplus user``, ``aiplus token`` and ``aiplus department``: the people and departments of an install,
through the same services as the pages and the API."""

import click

from aiplus.cli import _actor, _django, _emit, _fail, main


@main.command("user")
@click.argument("username")
@click.option("--department", "department_code", help="Department code (see: aiplus department list).")
@click.option(
    "--role",
    type=click.Choice(["platform_admin", "department_admin", "knowledge_owner", "member"]),
    default="member",
    show_default=True,
)
@click.password_option()
def user_command(username, department_code, role, password) -> None:
    """Create a user."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.core.services import user_create

    try:
        department = department_by_code(department_code) if department_code else None
        user_create(username=username, password=password, department=department, role=role)
    except AiplusError as error:
        _fail(error)
    click.echo(f"Created {username} ({role}).")


@main.group()
def department() -> None:
    """Departments: each collection and user but the platform administrator belongs to one."""


@department.command("add")
@click.argument("code")
@click.option("--name", "name_en", required=True, help="Name in English.")
@click.option("--name-zh", "name_zh", default="", help="Name in Chinese.")
def department_add_command(code, name_en, name_zh) -> None:
    """Add a department with the short CODE (e.g. dsd); other commands take that code."""
    _django()
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import AiplusError
    from aiplus.core.services import department_add

    try:
        added = department_add(actor=OPERATOR, code=code, name_en=name_en, name_zh=name_zh)
    except AiplusError as error:
        _fail(error)
    click.echo(f"Added department {added.code} ({added.name_en}).")


@department.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {code, name_en, name_zh}.")
def department_list_command(as_json) -> None:
    """List the departments: code, English name and Chinese name, one a line, separated by tabs."""
    _django()
    from aiplus.core.selectors import departments_all

    rows = list(departments_all().values("code", "name_en", "name_zh"))
    if as_json:
        _emit(rows)
        return
    for row in rows:
        click.echo("\t".join([row["code"], row["name_en"], row["name_zh"]]))


@main.command()
@click.argument("username")
@click.option("--name", default="cli", show_default=True, help="A label to recognise the token by.")
def token(username, name) -> None:
    """Create an API token for a user and print it (it cannot be shown again)."""
    _django()
    from aiplus.core.services import api_token_create

    _, key = api_token_create(user=_actor(username), name=name)
    click.echo(key)
