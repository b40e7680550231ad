"""The programme links demo booths and matching slots to the catalogue, showing only what the public may
see: published solutions, and needs published to vendors, for as long as they stay so."""

from datetime import timedelta

import pytest
from django.test import Client

from aiplus.catalogue.services import solution_transition
from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError
from aiplus.forums import services
from tests.catalogue.conftest import make_need, make_solution


def _slot(admin, forum, kind="matching", **links):
    return services.session_add(
        actor=admin,
        event=forum,
        kind=kind,
        title_en="Matching: hotline transcription",
        starts_at=forum.starts_at,
        ends_at=forum.starts_at + timedelta(minutes=30),
        **links,
    )


def test_a_matching_slot_shows_a_published_solution_and_need_until_they_are_withdrawn(
    admin, forum, vera, amy
):
    solution = make_solution(vera)
    need = make_need(amy, visibility="published")
    _slot(admin, forum, solution_id=str(solution.public_id), need_id=need.pk)

    page = Client().get("/forums/ai-forum/").content.decode()
    assert "Cantonese" in page or solution.current_version.name_en in page
    assert need.title in page
    listed = Client().get("/api/v1/forums/ai-forum").json()["sessions"][0]
    assert listed["solution"] == str(solution.public_id) and listed["need"] == need.pk

    solution_transition(actor=OPERATOR, solution=solution, status="suspended")
    need.visibility = "internal"
    need.save(update_fields=["visibility"])
    page = Client().get("/forums/ai-forum/").content.decode()
    assert solution.current_version.name_en not in page and need.title not in page
    listed = Client().get("/api/v1/forums/ai-forum").json()["sessions"][0]
    assert listed["solution"] is None and listed["need"] is None


@pytest.mark.parametrize(
    ("kind", "publish", "visibility", "field"),
    [
        ("matching", True, "internal", "forum.session_need"),
        ("matching", False, "published", "forum.session_solution"),
        ("keynote", True, "published", "forum.session_solution"),
        ("demo_booth", True, "published", "forum.session_need"),
    ],
)
def test_a_session_cannot_show_what_the_public_may_not_see(
    admin, forum, vera, amy, kind, publish, visibility, field
):
    solution = make_solution(vera, publish=publish)
    need = make_need(amy, visibility=visibility)
    with pytest.raises(AiplusError) as refused:
        _slot(admin, forum, kind=kind, solution_id=str(solution.public_id), need_id=need.pk)
    assert refused.value.params["field"] == field
    assert forum.sessions.count() == 0


def test_only_organisers_add_sessions_through_the_api(admin, amy, forum, vera):
    from aiplus.core.services import api_token_create

    solution = make_solution(vera)
    body = {
        "kind": "demo_booth",
        "title_en": "Booth",
        "starts_at": forum.starts_at.isoformat(),
        "ends_at": (forum.starts_at + timedelta(hours=1)).isoformat(),
        "solution": str(solution.public_id),
    }
    for user, status in ((amy, 403), (admin, 201)):
        _, key = api_token_create(user=user, name="t")
        client = Client(headers={"Authorization": f"Bearer {key}"})
        assert (
            client.post("/api/v1/forums/ai-forum/sessions", body, content_type="application/json").status_code
            == status
        )
    assert forum.sessions.get().solution == solution
