"""A department's own chat endpoint and model: set by its administrator in the admin site or by the operator
with `aiplus model set`, never by a member or another department."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import AuditEvent, Role
from aiplus.core.services import user_create
from aiplus.llm import services as llm
from aiplus.llm.endpoints import chat_endpoint
from aiplus.llm.models import DepartmentModel


@pytest.fixture
def dora(dsd):
    """The Demo Services Department's administrator."""
    return user_create(username="dora", password="pass-dora", department=dsd, role=Role.DEPARTMENT_ADMIN)


def test_a_department_administrator_sets_their_departments_model(dora, amy, dsd):
    llm.department_model_set(
        actor=dora, department=dsd, base_url="http://10.0.0.5:8000/v1", model="dsd-chat", timeout_seconds=20
    )
    endpoint = chat_endpoint(amy)
    assert (endpoint.base_url, endpoint.model, endpoint.timeout_seconds) == (
        "http://10.0.0.5:8000/v1",
        "dsd-chat",
        20.0,
    )
    assert AuditEvent.objects.filter(action="llm.department_model.set", target="department:dsd").exists()


def test_members_and_other_departments_cannot_set_it(amy, bob, dsd, hpd):
    betty_admin = user_create(
        username="hana", password="pass-hana", department=hpd, role=Role.DEPARTMENT_ADMIN
    )
    for actor in (amy, bob, betty_admin):
        with pytest.raises(AiplusError) as caught:
            llm.department_model_set(actor=actor, department=dsd, model="mine")
        assert caught.value.code == ErrorCode.FORBIDDEN
    assert not DepartmentModel.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"base_url": "ftp://models.example/v1"}, "model.endpoint"),
        ({"base_url": "not a url"}, "model.endpoint"),
        ({"model": "x" * 201}, "model.name"),
        ({"model": "chat\x00"}, "model.name"),
        ({"timeout_seconds": 99999}, "model.timeout"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_stored(dora, dsd, change, field):
    llm.department_model_set(actor=dora, department=dsd, model="kept")
    with pytest.raises(AiplusError) as caught:
        llm.department_model_set(actor=dora, department=dsd, **change)
    assert caught.value.code == ErrorCode.INVALID_FIELD and caught.value.params["field"] == field
    assert DepartmentModel.objects.get().model == "kept"


def test_the_admin_site_shows_a_department_administrator_only_their_own(client, dora, dsd, hpd):
    DepartmentModel.objects.create(department=dsd, model="dsd-chat")
    other = DepartmentModel.objects.create(department=hpd, model="hpd-secret-model")
    client.force_login(dora)
    listing = client.get("/admin/llm/departmentmodel/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "dsd-chat" in page and "hpd-secret-model" not in page
    assert client.get(f"/admin/llm/departmentmodel/{other.pk}/change/").status_code in {302, 403, 404}
    added = client.get("/admin/llm/departmentmodel/add/").content.decode()
    assert "Demo Services Department" in added and "Harbour Planning Department" not in added


def test_the_api_key_is_never_shown_again_and_kept_when_left_blank(client, dora, dsd):
    row = DepartmentModel.objects.create(department=dsd, model="dsd-chat", api_key="sk-very-secret")
    client.force_login(dora)
    change = f"/admin/llm/departmentmodel/{row.pk}/change/"
    assert "sk-very-secret" not in client.get(change).content.decode()
    response = client.post(
        change,
        {"department": dsd.pk, "use_model": "on", "base_url": "", "model": "dsd-large", "api_key": ""},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.model, row.api_key) == ("dsd-large", "sk-very-secret")


def test_a_member_cannot_reach_the_admin_site(client, amy):
    client.force_login(amy)
    assert client.get("/admin/llm/departmentmodel/").status_code == 302


def test_the_operator_sets_and_shows_models_from_the_command_line(dsd, hpd, settings):
    settings.AIPLUS_LLM_BASE_URL = "http://global.example/v1"
    settings.AIPLUS_LLM_MODEL = "global-chat"
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "model",
            "set",
            "--department",
            "dsd",
            "--endpoint",
            "http://10.0.0.5:8000/v1",
            "--model",
            "dsd-chat",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "dsd-chat at http://10.0.0.5:8000/v1" in result.output
    runner.invoke(main, ["model", "set", "--department", "hpd", "--off"])
    shown = {
        row["department"]: row for row in json.loads(runner.invoke(main, ["model", "show", "--json"]).output)
    }
    assert shown["dsd"]["model"] == "dsd-chat" and shown["dsd"]["own"]
    assert not shown["hpd"]["configured"]
    bad = runner.invoke(main, ["model", "set", "--department", "dsd", "--endpoint", "nowhere"])
    assert bad.exit_code != 0 and "http://" in bad.output
