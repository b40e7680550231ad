"""A fresh aiplus site for the web benchmarks: its own data directory, a member of the Demo Services
Department with a known password and an API token, and the demo corpus ingested and searchable."""

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Site:
    home: Path
    username: str
    password: str
    token: str
    environment: dict


def prepare_site(home: Path, *, settings_environment: dict | None = None) -> Site:
    """Set up Django on ``home`` in this process (settings from ``settings_environment``), migrate, and
    fill it. Returns what a client needs, and the environment an ``aiplus serve`` of the same site needs."""
    environment = {"AIPLUS_HOME": str(home), "AIPLUS_LOG_LEVEL": "WARNING", **(settings_environment or {})}
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aiplus.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from aiplus.core.access import OPERATOR
    from aiplus.core.models import Role
    from aiplus.core.services import api_token_create, department_get_or_create, user_create
    from aiplus.demo import corpus_path
    from aiplus.documents import services as documents

    call_command("migrate", interactive=False, verbosity=0)
    department = department_get_or_create(
        code="dsd", name_en="Demo Services Department", name_zh="示範服務署"
    )
    password = secrets.token_urlsafe(12)
    user = user_create(username="amy", password=password, department=department, role=Role.KNOWLEDGE_OWNER)
    guidance = documents.collection_create(
        actor=OPERATOR, slug="guidance", name="Guidance", department=department, visibility="public"
    )
    documents.ingest_paths(actor=OPERATOR, collection=guidance, paths=[corpus_path()])
    documents.documents_process_queued()
    _, token = api_token_create(user=user, name="bench")
    return Site(home, "amy", password, token, environment)
