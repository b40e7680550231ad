"""The forum pages: register on the public page, the confirmation's QR code, withdraw, the check-in link,
the organiser's page with the attendance import."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from aiplus.forums.models import Status
from tests.forums.conftest import sign_up

FORM = {
    "mode": "in_person",
    "name": "Chan Tai Man",
    "email": "chan@example.com",
    "organisation_type": "vendor",
    "organisation": "Acme AI Ltd",
    "consent": "yes",
}


def test_register_on_the_page_and_get_a_qr_code_that_links_to_check_in(forum):
    public = Client()
    page = public.get("/forums/ai-forum/")
    assert "AI+ Technology Forum" in page.content.decode()
    response = public.post("/forums/ai-forum/", FORM, follow=True)
    text = response.content.decode()
    registration = forum.registrations.get()
    assert registration.status == Status.CONFIRMED
    assert "<svg" in text and f"/forums/check-in/{registration.code}/" in text

    public.post(f"/forums/registration/{registration.code}/", {"action": "withdraw"})
    registration.refresh_from_db()
    assert registration.status == Status.WITHDRAWN


def test_a_refused_form_keeps_what_was_typed_and_says_why_in_chinese(forum):
    public = Client(headers={"Accept-Language": "zh-hant"})
    response = public.post("/forums/ai-forum/", {**FORM, "consent": ""})
    assert response.status_code == 400
    text = response.content.decode()
    assert "同意" in text and 'value="Acme AI Ltd"' in text
    assert forum.registrations.count() == 0


def test_the_check_in_link_asks_an_organiser_to_confirm(admin, amy, forum):
    guest = sign_up(forum, "guest@example.com")
    member = Client()
    member.force_login(amy)
    assert member.post(f"/forums/check-in/{guest.code}/").status_code == 403
    organiser = Client()
    organiser.force_login(admin)
    assert ["guest", "example.com"][0].title() in organiser.get(
        f"/forums/check-in/{guest.code}/"
    ).content.decode()
    organiser.post(f"/forums/check-in/{guest.code}/")
    guest.refresh_from_db()
    assert guest.checked_in_at is not None and guest.checked_in_by == admin


def test_online_attendance_from_a_meeting_platform_export(admin, forum):
    joined = sign_up(forum, "joined@example.com", mode="online")
    report = "Meeting summary\nTitle,AI+ Forum\n\nName,Email,Duration\nJoined,JOINED@example.com,55 min\nX,stranger@example.com,3 min\n"
    organiser = Client()
    organiser.force_login(admin)
    upload = SimpleUploadedFile("attendance.csv", report.encode("utf-16"), content_type="text/csv")
    response = organiser.post(
        "/forums/ai-forum/manage/", {"action": "attendance", "file": upload}, follow=True
    )
    assert "1 online attendees marked; 1 addresses" in response.content.decode()
    joined.refresh_from_db()
    assert joined.attended_online


def test_a_file_without_an_email_column_is_refused(admin, forum):
    organiser = Client()
    organiser.force_login(admin)
    upload = SimpleUploadedFile("attendance.csv", b"Name,Minutes\nA,3\n", content_type="text/csv")
    response = organiser.post(
        "/forums/ai-forum/manage/", {"action": "attendance", "file": upload}, follow=True
    )
    assert "column named Email" in response.content.decode()


def test_the_page_limits_registrations_per_address_like_the_api(forum, settings):
    settings.AIPLUS_FORUM_REGISTRATIONS_PER_ADDRESS = "2/min"
    public = Client()
    statuses = [
        public.post("/forums/ai-forum/", {**FORM, "email": f"p{i}@example.com"}).status_code for i in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert forum.registrations.count() == 2
