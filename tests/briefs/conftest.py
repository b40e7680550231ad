"""The briefs story: the Demo Services Department (dsd) keeps a private collection of press releases (the demo's
releases, alice owns it); Olivia of dsd is in the innovation office and briefs it; Bob of the Harbour Planning
Department (hpd) cannot read it. Vendors are the catalogue demo's; departments are the demo's five."""

import json
from importlib import resources
from pathlib import Path

import pytest
from django.utils import translation

from aiplus.catalogue.models import Vendor, VendorStatus
from aiplus.core.services import department_get_or_create
from tests.conftest import add_text
from tests.support.fake_openai import FakeOpenAI

DEMO = resources.files("aiplus.demo").joinpath("briefs")


def demo_release_paths() -> list[Path]:
    return sorted(Path(str(DEMO.joinpath("releases"))).glob("*.txt"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def vendors(db):
    rows = json.loads(resources.files("aiplus.demo").joinpath("catalogue", "vendors.json").read_text("utf-8"))
    return [Vendor.objects.create(status=VendorStatus.APPROVED, **row) for row in rows]


@pytest.fixture
def agencies(dsd, hpd, trd):
    for row in json.loads(DEMO.joinpath("departments.json").read_text("utf-8")):
        department_get_or_create(**row)


@pytest.fixture
def olivia(dsd):
    from tests.catalogue.conftest import make_office_user

    return make_office_user(dsd)


@pytest.fixture
def press(alice, agencies, vendors):
    """The Demo Services Department's private collection of the demo press releases, ingested and ready."""
    from aiplus.documents.services import collection_create

    collection = collection_create(
        actor=alice, slug="press", name="Press releases", department=alice.department, visibility="private"
    )
    for path in demo_release_paths():
        add_text(collection, alice, path.name, path.read_text("utf-8"))
    return collection


@pytest.fixture
def model(settings):
    """A configured model: the stand-in OpenAI-compatible server."""
    with FakeOpenAI() as server:
        settings.AIPLUS_LLM_BASE_URL = server.base_url
        settings.AIPLUS_LLM_API_KEY = "test-key"
        settings.AIPLUS_LLM_MODEL = "fake-chat"
        yield server
