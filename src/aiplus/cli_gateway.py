"""``aiplus model``: which chat endpoint and model each department uses (its own, or the global settings),
through the same service as the admin site."""

import click

from aiplus.cli import _django, _emit, _fail, main


@main.group("model")
def model_group() -> None:
    """Chat models: a department's own endpoint and model, else the AIPLUS_LLM_* settings."""


def _describe(department) -> dict:
    from aiplus.llm.endpoints import chat_endpoint
    from aiplus.llm.models import DepartmentModel

    endpoint = chat_endpoint(department=department)
    own = DepartmentModel.objects.filter(department=department).first()
    return {
        "department": department.code,
        "own": own is not None,
        "use_model": own.use_model if own else True,
        "base_url": endpoint.base_url,
        "model": endpoint.model,
        "timeout_seconds": endpoint.timeout_seconds,
        "configured": endpoint.configured,
        "personal_data": endpoint.personal_data_policy,
        "internal_endpoint": own.internal_endpoint if own else False,
    }


@model_group.command("show")
@click.option("--department", "department_code", help="Only this department (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def model_show_command(department_code, as_json) -> None:
    """Show the endpoint and model each department's chat calls go to ("none": answers quote documents)."""
    _django()
    from aiplus.core.errors import AiplusError
    from aiplus.core.models import Department
    from aiplus.core.selectors import department_by_code

    try:
        departments = [department_by_code(department_code)] if department_code else Department.objects.all()
    except AiplusError as error:
        _fail(error)
    rows = [_describe(department) for department in departments]
    if as_json:
        _emit(rows)
        return
    for row in rows:
        where = f"{row['model']} at {row['base_url']}" if row["configured"] else "none"
        source = "own" if row["own"] else "global"
        click.echo(f"{row['department']}\t{where}\t({source})\tpersonal data: {row['personal_data']}")


@model_group.command("set")
@click.option("--department", "department_code", required=True, help="Department code.")
@click.option("--endpoint", "base_url", help='OpenAI-compatible base URL; "" for the global one.')
@click.option("--model", "model", help='Model name; "" for the global one.')
@click.option("--api-key", "api_key", help="Key for the endpoint.")
@click.option("--timeout", "timeout_seconds", type=int, help="Seconds to wait for the model; 0 for global.")
@click.option(
    "--on/--off", "use_model", default=None, help="--off: this department's answers never use a model."
)
@click.option(
    "--personal-data",
    "personal_data_policy",
    help='Personal data sent to models: mask, block or off; "" for AIPLUS_PERSONAL_DATA_POLICY.',
)
@click.option(
    "--internal/--external",
    "internal_endpoint",
    default=None,
    help="--internal: the department's own endpoint is inside the government network (not masked).",
)
def model_set_command(
    department_code,
    base_url,
    model,
    api_key,
    timeout_seconds,
    use_model,
    personal_data_policy,
    internal_endpoint,
) -> None:
    """Give a department its own chat endpoint and model (as the operator)."""
    _django()
    from aiplus.core.access import OPERATOR
    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import department_by_code
    from aiplus.llm.services import department_model_set

    try:
        department = department_by_code(department_code)
        department_model_set(
            actor=OPERATOR,
            department=department,
            use_model=use_model,
            base_url=base_url,
            model=model,
            api_key=api_key,
            timeout_seconds=timeout_seconds,
            personal_data_policy=personal_data_policy,
            internal_endpoint=internal_endpoint,
        )
    except AiplusError as error:
        _fail(error)
    row = _describe(department)
    where = f"{row['model']} at {row['base_url']}" if row["configured"] else "none"
    click.echo(f"{department.code}: chat model {where}; personal data: {row['personal_data']}")
