"""The governance officer's permission. Personal data keeps no rows of its own (the audit is ``llm.ModelCall``
and ``core.AuditEvent``), so the permission hangs on a model without a table, as Django allows."""

from django.db import models


class GovernanceRole(models.Model):  # noqa: DJ008 (no rows, so nothing to show)
    """No rows and no table: the holder of ``privacy.audit_governance`` (given to the group "Governance
    officers" by ``aiplus governance officer-add``)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("audit_governance", "Governance officer: audit every department's model calls and redactions")
        ]
