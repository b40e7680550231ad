"""Reads of departments, shared by the pages, the API and the CLI."""

from collections.abc import Iterable

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Department


def departments_by_code(codes: Iterable[str]) -> list[Department]:
    """The departments with these codes, in the order given; an unknown code is an error, never skipped,
    so a mistyped code cannot quietly share less (or more) than was meant."""
    wanted = list(dict.fromkeys(code.strip().lower() for code in codes if code.strip()))
    found = Department.objects.in_bulk(wanted, field_name="code")
    for code in wanted:
        if code not in found:
            raise AiplusError(ErrorCode.UNKNOWN_DEPARTMENT, {"code": code}, detail=f"department {code!r}")
    return [found[code] for code in wanted]
