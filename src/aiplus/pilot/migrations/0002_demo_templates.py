"""The two demo templates (an English reply letter and a Chinese memo), offered to every department."""

import json
from importlib import resources

from django.db import migrations


def add_demo_templates(apps, schema_editor):
    DraftTemplate = apps.get_model("pilot", "DraftTemplate")
    demo = json.loads(resources.files("aiplus.pilot").joinpath("demo_templates.json").read_text("utf-8"))
    for template in demo:
        DraftTemplate.objects.get_or_create(
            department=None,
            name=template["name"],
            defaults={key: template[key] for key in ("kind", "language", "body")},
        )


class Migration(migrations.Migration):
    dependencies = [("pilot", "0001_initial")]
    operations = [migrations.RunPython(add_demo_templates, migrations.RunPython.noop)]
