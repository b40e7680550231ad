"""Reads of departments, shared by the pages, the API and the CLI."""

from collections.abc import Iterable

from django.db.models import QuerySet

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department


def departments_by_code(codes: Iterable[str]) -> list[Department]:
    """The departments with these codes, in the order given; an unknown code is an error, never skipped,
    so a mistyped code cannot quietly share less (or more) than was meant."""
    wanted = list(dict.fromkeys(code.strip().lower() for code in codes if code.strip()))
    found = Department.objects.in_bulk(wanted, field_name="code")
    for code in wanted:
        if code not in found:
            raise _unknown_department(code)
    return [found[code] for code in wanted]


def department_by_code(code: str) -> Department:
    """The department with this code; an unknown (or blank) code is an error, never a new department."""
    department = Department.objects.filter(code=code.strip().lower()).first()
    if department is None:
        raise _unknown_department(code.strip().lower())
    return department


def _unknown_department(code: str) -> AiplusError:
    """The error for a code no department has; it lists the known codes, so the user can correct it."""
    known = ", ".join(departments_all().values_list("code", flat=True)) or "-"
    return AiplusError(
        ErrorCode.UNKNOWN_DEPARTMENT, {"code": code, "known": known}, detail=f"department {code!r}"
    )


def departments_all() -> QuerySet[Department]:
    """Every department, by code: the list ``aiplus department list`` prints and an unknown code is shown."""
    return Department.objects.order_by("code")
