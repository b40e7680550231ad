"""People of the records story: Rita manages the Demo Services Department's records, Andy approves its
disposals, Alice owns its knowledge and Amy is a member there; Betty owns the Harbour Planning Department's
knowledge and Hugo manages its records."""

import datetime

import pytest

from aiplus.core.access import OPERATOR
from aiplus.core.models import Role, User
from aiplus.core.services import api_token_create, user_create
from aiplus.records.services import records_role_add, schedule_save
from tests.conftest import add_text


def make_records_user(username, department, codename="manage_records") -> User:
    user_create(username=username, password="pass-" + username, department=department, role=Role.MEMBER)
    records_role_add(actor=OPERATOR, username=username, codename=codename)
    return User.objects.get(username=username)  # fresh, so its permissions are read again


@pytest.fixture
def rita(dsd):
    return make_records_user("rita", dsd)


@pytest.fixture
def andy(dsd):
    return make_records_user("andy", dsd, "approve_disposal")


@pytest.fixture
def hugo(hpd):
    return make_records_user("hugo", hpd)


@pytest.fixture
def files(alice):
    """The Demo Services Department's case files: three letters, dated."""
    from aiplus.documents.services import collection_create

    collection = collection_create(
        actor=alice, slug="case-files", name="Case files", department=alice.department, visibility="private"
    )
    texts = {
        "licence-2015.txt": ("Dog licence renewal letter of 2015 to Mr Chan.", datetime.date(2015, 1, 31)),
        "pier-2016.txt": ("Pier relocation complaint and reply, 2016.", datetime.date(2016, 2, 29)),
        "hawker-2024.txt": ("Hawker licence application acknowledged in 2024.", datetime.date(2024, 3, 1)),
    }
    for source_id, (text, day) in texts.items():
        document = add_text(collection, alice, source_id, text).document
        document.document_date = day
        document.save(update_fields=["document_date"])
    return collection


@pytest.fixture
def seven_years(rita, files):
    schedule, _created = schedule_save(
        actor=rita,
        department=rita.department,
        code="gen-7",
        title_en="General correspondence",
        title_zh="一般往來書信",
        years=7,
        collection_slug=files.slug,
    )
    return schedule


def client_for(user, language="en"):
    from django.test import Client

    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})
