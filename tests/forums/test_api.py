"""The forums over the REST API: the public registers and withdraws without a token; organisers use one."""

import io

from django.test import Client
from openpyxl import load_workbook

from aiplus.core.services import api_token_create
from tests.forums.conftest import sign_up

PERSON = {
    "mode": "in_person",
    "name": "陳大文",
    "email": "chan.tai.man@example.com",
    "organisation_type": "bureau",
    "organisation": "示範服務署",
    "department": "dsd",
    "consent": True,
}


def _client_for(user, language="en") -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})


def test_the_public_registers_sees_the_waitlist_and_withdraws_without_a_token(forum, dsd):
    public = Client()
    listed = public.get("/api/v1/forums").json()
    assert [e["slug"] for e in listed] == ["ai-forum"] and listed[0]["seats_left"] == {
        "in_person": 2,
        "online": 1,
    }

    made = [
        public.post(
            "/api/v1/forums/ai-forum/registrations",
            {**PERSON, "email": f"p{i}@example.com"},
            content_type="application/json",
        )
        for i in range(3)
    ]
    assert [r.status_code for r in made] == [201, 201, 201]
    assert [r.json()["status"] for r in made] == ["confirmed", "confirmed", "waitlisted"]
    assert made[2].json()["waitlist_position"] == 1

    withdrawn = public.post(f"/api/v1/forums/registrations/{made[0].json()['code']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"
    assert (
        public.get(f"/api/v1/forums/registrations/{made[2].json()['code']}").json()["status"] == "confirmed"
    )


def test_refusals_are_in_the_askers_language_and_store_nothing(forum, dsd):
    public = Client(headers={"Accept-Language": "zh-hant"})
    refused = public.post(
        "/api/v1/forums/ai-forum/registrations", {**PERSON, "consent": False}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "同意" in refused.json()["error"]["message"]
    bad_json = public.post("/api/v1/forums/ai-forum/registrations", "{", content_type="application/json")
    assert bad_json.status_code in {400, 422}
    twice = [
        Client().post("/api/v1/forums/ai-forum/registrations", PERSON, content_type="application/json")
        for _ in range(2)
    ]
    assert [r.status_code for r in twice] == [201, 409]
    assert forum.registrations.count() == 1
    assert Client().get("/api/v1/forums/registrations/not-a-real-code-at-all").status_code == 404


def test_organiser_endpoints_need_an_organiser(admin, amy, forum):
    guest = sign_up(forum, "guest@example.com")
    member = _client_for(amy)
    assert member.get("/api/v1/forums/ai-forum/registrations").status_code == 403
    assert member.post(f"/api/v1/forums/registrations/{guest.code}/check-in").status_code == 403
    assert Client().get("/api/v1/forums/ai-forum/registrations").status_code == 401

    organiser = _client_for(admin)
    listed = organiser.get("/api/v1/forums/ai-forum/registrations").json()
    assert [r["email"] for r in listed] == ["guest@example.com"]
    arrived = organiser.post(f"/api/v1/forums/registrations/{guest.code}/check-in").json()
    assert arrived["checked_in_at"] is not None


def test_statistics_as_json_csv_and_xlsx(admin, forum, dsd):
    sign_up(forum, "a@example.com", department_code="dsd")
    arrived = sign_up(forum, "b@example.com", organisation_type="vendor", organisation="Acme AI Ltd")
    sign_up(forum, "c@example.com", mode="online")
    organiser = _client_for(admin)
    organiser.post(f"/api/v1/forums/registrations/{arrived.code}/check-in")

    rows = organiser.get("/api/v1/forums/ai-forum/statistics").json()["rows"]
    assert rows[1] == ["all", "all", 3, 3, 0, 1, 0]
    assert ["mode", "online", 1, 1, 0, 0, 0] in rows
    assert ["reached", "departments", 1, "", "", "", ""] in rows

    csv_text = organiser.get("/api/v1/forums/ai-forum/statistics/csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1] == "all,all,3,3,0,1,0"
    workbook = load_workbook(io.BytesIO(organiser.get("/api/v1/forums/ai-forum/statistics/xlsx").content))
    assert [c.value for c in workbook.active[2]] == ["all", "all", 3, 3, 0, 1, 0]


def test_an_organiser_creates_an_event_and_a_member_cannot(admin, amy):
    event = {
        "slug": "api-forum",
        "title_en": "API forum",
        "starts_at": "2030-05-01T09:30:00+08:00",
        "ends_at": "2030-05-01T12:30:00+08:00",
        "capacity_in_person": 50,
    }
    assert _client_for(amy).post("/api/v1/forums", event, content_type="application/json").status_code == 403
    made = _client_for(admin).post("/api/v1/forums", event, content_type="application/json")
    assert made.status_code == 201 and made.json()["seats_left"] == {"in_person": 50, "online": 0}
    backwards = {**event, "slug": "backwards", "ends_at": "2030-05-01T08:00:00+08:00"}
    refused = _client_for(admin, "zh-hant").post("/api/v1/forums", backwards, content_type="application/json")
    assert refused.status_code == 400 and "結束時間" in refused.json()["error"]["message"]
