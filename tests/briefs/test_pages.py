"""The briefs pages: the list with the new-brief form, one brief, its downloads; errors in the reader's
language; nothing of a private collection shown to another department."""

from django.test import Client

from aiplus.briefs.models import Brief
from aiplus.briefs.services import brief_create


def _signed_in(user, language="en"):
    client = Client(headers={"Accept-Language": language})
    client.force_login(user)
    return client


def test_an_officer_makes_a_brief_from_the_page_and_sees_it_linked(press, olivia):
    client = _signed_in(olivia)
    page = client.get("/briefs/")
    assert page.status_code == 200 and b'value="press"' in page.content
    made = client.post(
        "/briefs/", {"collection": "press", "date_from": "2026-11-01", "date_to": "2026-11-30"}
    )
    brief = Brief.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/briefs/{brief.pk}/"
    shown = client.get(made["Location"]).content.decode()
    assert brief.headline in shown and "Key signals" in shown
    assert "/catalogue/?q=Mong+Kok+Chatworks+Ltd" in shown  # the vendor leads to the catalogue
    assert "/briefs/?agency=cwd" in shown  # the agency leads to the briefs that name it
    assert f"/briefs/{brief.pk}/download.docx" in shown
    download = client.get(f"/briefs/{brief.pk}/download.md")
    assert download.status_code == 200 and brief.headline in download.content.decode()
    assert "attachment" in download["Content-Disposition"]
    named = client.get("/briefs/?agency=cwd").content.decode()
    assert brief.headline in named


def test_bad_dates_keep_the_form_and_explain_in_chinese(press, olivia):
    client = _signed_in(olivia, "zh-hant")
    refused = client.post(
        "/briefs/", {"collection": "press", "date_from": "2026-12-01", "date_to": "2026-01-01"}
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "結束日期" in text and 'value="2026-12-01"' in text
    assert Brief.objects.count() == 0


def test_another_department_sees_neither_the_collection_nor_its_briefs(press, olivia, bob):
    brief = brief_create(actor=olivia, slug="press")
    client = _signed_in(bob)
    listing = client.get("/briefs/").content.decode()
    assert 'value="press"' not in listing and brief.headline not in listing
    assert client.get(f"/briefs/{brief.pk}/").status_code == 404
    assert client.get(f"/briefs/{brief.pk}/download.md").status_code == 404
    assert client.post("/briefs/", {"collection": "press"}).status_code == 404
    assert Brief.objects.count() == 1


def test_the_pages_need_a_sign_in(press):
    assert Client().get("/briefs/").status_code == 302


def test_the_innovation_office_reads_briefs_in_the_admin_but_not_a_hidden_collections(
    press, olivia, betty, bob
):
    """Olivia (innovation office) sees her department's brief in the admin; a brief over the Harbour
    Planning Department's private collection stays out of her list and cannot be opened."""
    from aiplus.documents.services import collection_create
    from tests.conftest import add_text

    own = brief_create(actor=olivia, slug="press")
    hidden = collection_create(
        actor=betty, slug="hpd-press", name="HPD releases", department=betty.department, visibility="private"
    )
    add_text(
        hidden, betty, "note.txt", "HPD pilot\n\nThe department began a pilot of drones at Sai Kung today."
    )
    secret = brief_create(actor=betty, slug="hpd-press")
    client = _signed_in(olivia)
    listing = client.get("/admin/briefs/brief/").content.decode()
    assert own.headline in listing and secret.headline not in listing
    assert client.get(f"/admin/briefs/brief/{secret.pk}/change/").status_code in {302, 404}
    assert _signed_in(bob).get("/admin/briefs/brief/").status_code in {302, 403}
