"""System checks on what is stored (``aiplus manage check --database default``; ``migrate`` runs them too)."""

from django.apps import apps as installed_apps
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from aiplus.core.repair import stored_rows_repair


@register(Tags.database)
def stored_values_check(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """One warning for every stored value today's input rules refuse (rows an older version let in)."""
    if not databases:
        return []
    try:
        findings = stored_rows_repair(apps=installed_apps, repair=False)
    except DatabaseError:  # the tables are not there yet: nothing older to find
        return []
    return [
        Warning(
            finding.line(),
            hint="Run `aiplus repair` to repair what can be repaired safely; it lists what it leaves.",
            id="aiplus.W001",
        )
        for finding in findings
    ]
