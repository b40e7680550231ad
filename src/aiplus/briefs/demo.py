"""The briefs demo: three more departments and 31 press releases about AI forums, procurement and adoption,
ingested into a collection of the Demo Services Department shared with the Harbour Planning Department (the
innovation officer, olivia, is in the first). The data is in ``aiplus/demo/briefs/``."""

import json
from importlib import resources
from pathlib import Path

from aiplus.core.access import OPERATOR
from aiplus.core.models import Department
from aiplus.core.services import department_get_or_create
from aiplus.documents import services as documents
from aiplus.documents.models import Collection, Visibility

RELEASES_COLLECTION = "ai-press-releases"


def _data(name: str):
    return resources.files("aiplus.demo").joinpath("briefs", name)


def load_demo_releases(
    *, owner: Department, share_with: list[Department], on_file=lambda outcome: None
) -> None:
    """Load the briefs demo once."""
    if Collection.objects.filter(slug=RELEASES_COLLECTION).exists():
        return
    for row in json.loads(_data("departments.json").read_text("utf-8")):
        department_get_or_create(**row)
    collection = documents.collection_create(
        actor=OPERATOR,
        slug=RELEASES_COLLECTION,
        name="AI press releases / 人工智能新聞公報",
        department=owner,
        visibility=Visibility.SHARED,
        shared_with=share_with,
        description="Press releases on AI forums, procurement and adoption. 人工智能論壇、採購及應用新聞公報。",
    )
    documents.ingest_paths(
        actor=OPERATOR, collection=collection, paths=[Path(str(_data("releases")))], on_file=on_file
    )
