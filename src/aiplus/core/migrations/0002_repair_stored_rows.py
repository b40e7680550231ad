"""Repair rows an older version let in (bad collection slugs, control characters, unpaired surrogates), by
the rules every door now checks; see ``aiplus.core.repair``. What cannot be repaired safely is left and
reported by the system check ``aiplus.W001`` and by ``aiplus repair``."""

import logging

from django.db import migrations

from aiplus.core.repair import stored_rows_repair

logger = logging.getLogger("aiplus.core.repair")


def repair(apps, schema_editor):
    for finding in stored_rows_repair(apps=apps, repair=True):
        logger.warning("stored value %s", finding.line())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("documents", "0001_initial"),
        ("meetings", "0001_initial"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
