"""Speaker roles, a department setting: government defaults, set by a department administrator through the
page, the API or given to the CLI, used by the minutes written from then on, and private to the department."""

import io
import json

import pytest
from click.testing import CliRunner
from django.test import Client
from django.urls import reverse

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import Role as UserRole
from aiplus.core.services import api_token_create
from aiplus.meetings import services
from aiplus.meetings.models import MeetingSettings
from aiplus.meetings.roles import Role
from aiplus.meetings.selectors import roles_for
from tests.conftest import _person

pytestmark = pytest.mark.django_db

LIBRARY_MEETING = """WEBVTT

1
00:00:01.000 --> 00:00:08.000
<v Librarian>The library opening hours on Sunday will be extended to eight in the evening from March.

2
00:00:08.500 --> 00:00:16.000
<v Mary Wong>The library staff roster needs two more officers for the longer Sunday opening hours.
"""


@pytest.fixture
def dora(dsd):
    """Dora administers the Demo Services Department."""
    return _person("dora", dsd, UserRole.DEPARTMENT_ADMIN)


def _api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_a_department_starts_with_the_government_roles(dsd):
    roles = roles_for(dsd.pk)
    assert (
        Role("Chair", "主席") in roles
        and Role("Secretary", "秘書") in roles
        and Role("Members", "委員") in roles
    )
    assert not {"Marketing", "Industrial Designer", "Grad", "Postdoc"} & {role.en for role in roles}


def test_the_minutes_of_a_department_name_its_own_roles(dora, amy):
    """GIVEN Dora sets "Librarian | 館長" as a role WHEN Amy's meeting is processed by the worker's service
    THEN its summary says "the Librarian", and Mary Wong is still named as herself."""
    services.meeting_roles_update(actor=dora, roles=[Role("Chair", "主席"), Role("Librarian", "館長")])
    meeting = services.meeting_create(
        actor=amy, stream=io.BytesIO(LIBRARY_MEETING.encode()), filename="library.vtt", language="both"
    )
    services.meeting_process(meeting_id=meeting.pk)
    meeting.refresh_from_db()
    english, chinese = meeting.minutes["summary"].split("\n\n")
    assert "the Librarian said" in english and "Mary Wong" in english
    assert "館長表示" in chinese


def test_roles_through_the_api_for_the_administrator_only(dora, amy, bob):
    admin_api = _api(dora)
    response = admin_api.put(
        "/api/v1/meetings/roles",
        {
            "roles": [
                {"en": "Chair", "zh": "主席"},
                {"en": " Librarian ", "zh": "館長"},
                {"en": "Chair", "zh": "主席"},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json() == [{"en": "Chair", "zh": "主席"}, {"en": "Librarian", "zh": "館長"}]
    assert _api(amy).get("/api/v1/meetings/roles").json() == response.json()

    refused = _api(amy).put(
        "/api/v1/meetings/roles", {"roles": [{"en": "Boss", "zh": ""}]}, content_type="application/json"
    )
    assert refused.status_code == 403
    other = _api(bob).get("/api/v1/meetings/roles").json()
    assert {"en": "Librarian", "zh": "館長"} not in other and {"en": "Chair", "zh": "主席"} in other


@pytest.mark.parametrize(
    "bad",
    [
        {"en": "", "zh": ""},
        {"en": "Chair\x07", "zh": ""},
        {"en": "x" * 61, "zh": ""},
        {"en": "A | B", "zh": ""},
    ],
)
def test_a_bad_role_is_refused_in_chinese_and_nothing_changes(dora, bad):
    services.meeting_roles_update(actor=dora, roles=[Role("Chair", "主席")])
    response = _api(dora).put(
        "/api/v1/meetings/roles",
        {"roles": [{"en": "Secretary", "zh": "秘書"}, bad]},
        content_type="application/json",
        headers={"Accept-Language": "zh-hant"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_roles"
    assert "角色" in response.json()["error"]["message"] and "2" in response.json()["error"]["message"]
    assert roles_for(dora.department_id) == [Role("Chair", "主席")]


def test_a_lone_surrogate_or_too_many_roles_are_refused(dora):
    for roles in ([Role("Chair\ud800", "")], [Role(f"Role {n}", "") for n in range(101)]):
        with pytest.raises(AiplusError) as refused:
            services.meeting_roles_update(actor=dora, roles=roles)
        assert refused.value.code == ErrorCode.INVALID_ROLES
    assert not MeetingSettings.objects.exists()


def test_the_roles_page_lets_the_administrator_edit_and_shows_members_the_list(client, dora, amy):
    client.force_login(dora)
    page = client.get(reverse("meetings:roles")).content.decode()
    assert "Chair | 主席" in page and "Save roles" in page
    saved = client.post(reverse("meetings:roles"), {"roles": "Chair | 主席\nLibrarian | 館長\n\n| 司庫"})
    assert saved.status_code == 302
    assert roles_for(dora.department_id) == [
        Role("Chair", "主席"),
        Role("Librarian", "館長"),
        Role("", "司庫"),
    ]
    bad = client.post(reverse("meetings:roles"), {"roles": "Chair | 主席\nA\x00B"})
    assert bad.status_code == 400 and 'role="alert"' in bad.content.decode()

    client.force_login(amy)
    page = client.get(reverse("meetings:roles")).content.decode()
    assert "Librarian | 館長" in page and "readonly" in page and "Save roles" not in page
    assert client.post(reverse("meetings:roles"), {"roles": "Boss"}).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_cli_takes_roles_from_a_file(tmp_path, dsd):
    from aiplus.cli import main

    transcript = tmp_path / "library.vtt"
    transcript.write_text(LIBRARY_MEETING, "utf-8")
    roles = tmp_path / "roles.txt"
    roles.write_text("Librarian | 館長\n", "utf-8")
    output = tmp_path / "minutes.json"
    base = ["minutes", str(transcript), "--format", "json", "-o", str(output)]

    result = CliRunner().invoke(main, [*base, "--roles", str(roles)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "the Librarian said" in json.loads(output.read_text("utf-8"))["summary"]

    result = CliRunner().invoke(main, base, catch_exceptions=False)
    assert "Librarian said" in json.loads(output.read_text("utf-8"))["summary"]
    assert "the Librarian" not in json.loads(output.read_text("utf-8"))["summary"]

    roles.write_text("Librarian\x07\n", "utf-8")
    result = CliRunner().invoke(main, [*base, "--roles", str(roles)])
    assert result.exit_code != 0 and "Role 1 is not valid" in result.output
