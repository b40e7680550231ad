"""The collection and document pages, through Django's test client."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from aiplus.documents.models import Chunk, Document
from aiplus.documents.storage import files_root
from tests.conftest import DOG_EN, add_file


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_pages_require_sign_in(client, guidance):
    response = client.get(reverse("documents:collections"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("core:login"))
    assert client.get(reverse("core:login")).status_code == 200


def test_sign_in_page_signs_in(client, amy):
    response = client.post(reverse("core:login"), {"username": "amy", "password": "pass-amy"})
    assert response.status_code == 302
    assert client.get(reverse("documents:collections")).status_code == 200


def test_collections_page_for_a_member(client, amy, guidance, pier_notes):
    response = _signed_in(client, amy).get(reverse("documents:collections"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Guidance" in page
    assert "Demo Services Department" in page
    assert "Public" in page
    assert "Ready: 3" in page
    assert "Pier notes" not in page  # hpd's private notes are hidden from dsd
    assert "Create a collection" not in page  # members do not manage knowledge


def test_collection_page_for_a_member(client, amy, guidance):
    response = _signed_in(client, amy).get(reverse("documents:collection", args=["guidance"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "dog en" in page.lower() or "dog licence renewal" in page.lower()
    assert 'class="badge badge-ready"' in page
    assert 'type="file"' not in page  # no upload form for a member
    assert 'name="q"' in page


def test_member_cannot_upload(client, amy, guidance):
    before = Document.objects.count()
    upload = SimpleUploadedFile("x.txt", b"Some text about licences.")
    response = _signed_in(client, amy).post(
        reverse("documents:collection", args=["guidance"]), {"files": upload}
    )
    assert response.status_code == 403
    assert "You do not have permission to do this." in response.content.decode()
    assert Document.objects.count() == before


def test_hidden_collection_and_its_documents_are_404(client, bob, alice):
    from aiplus.documents.services import collection_create
    from tests.conftest import add_text

    private = collection_create(
        actor=alice, slug="dsd-private", name="DSD private", department=alice.department, visibility="private"
    )
    document = add_text(
        private, alice, "secret.txt", "Secret memo: the renewal fee will rise to HK$95."
    ).document
    chunk = Chunk.objects.filter(document=document).first()
    client = _signed_in(client, bob)
    assert client.get(reverse("documents:collection", args=["dsd-private"])).status_code == 404
    assert client.get(reverse("documents:collection_status", args=["dsd-private"])).status_code == 404
    assert client.get(reverse("documents:passage", args=[document.pk, chunk.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404
    response = client.get(reverse("documents:collection", args=["no-such-thing"]))
    assert response.status_code == 404
    assert "Not found, or you do not have access to it." in response.content.decode()
    assert "DSD private" not in client.get(reverse("documents:collections")).content.decode()


def test_passage_view_highlights_the_passage(client, amy, guidance):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    chunk = Chunk.objects.filter(document=document).first()
    response = _signed_in(client, amy).get(reverse("documents:passage", args=[document.pk, chunk.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<mark id="passage"' in page
    assert "HK$80" in page.split('<mark id="passage"', 1)[1].split("</mark>", 1)[0]
    assert reverse("documents:file", args=[document.pk]) in page


def test_a_passage_of_a_text_file_offers_the_file_but_no_page(client, amy, guidance):
    """Text, Word, HTML and workbooks have no pages, so neither a page number nor a page link is offered."""
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    chunk = Chunk.objects.filter(document=document).first()
    page = (
        _signed_in(client, amy)
        .get(reverse("documents:passage", args=[document.pk, chunk.pk]))
        .content.decode()
    )
    assert "Open the original file" in page
    assert "at this page" not in page
    assert "#page=" not in page and "Page 1" not in page


def test_a_passage_of_a_pdf_opens_the_file_at_its_page(client, amy, alice, guidance, tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "guide.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 750, "Page one is about the hawker licence and how to apply for it.")
    pdf.showPage()
    pdf.drawString(72, 750, "Page two says that a dog licence costs HK$80 and lasts one year.")
    pdf.save()
    document = add_file(guidance, alice, path)
    chunk = Chunk.objects.get(document=document, page_number=2)
    page = (
        _signed_in(client, amy)
        .get(reverse("documents:passage", args=[document.pk, chunk.pk]))
        .content.decode()
    )
    assert "Page 2" in page
    assert f"{reverse('documents:file', args=[document.pk])}#page=2" in page
    assert "Open the original file at this page" in page


def test_passage_of_another_document_is_404(client, amy, guidance):
    first, second = Document.objects.filter(collection=guidance)[:2]
    chunk = Chunk.objects.filter(document=second).first()
    response = _signed_in(client, amy).get(reverse("documents:passage", args=[first.pk, chunk.pk]))
    assert response.status_code == 404


def test_file_download(client, amy, guidance):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    response = _signed_in(client, amy).get(reverse("documents:file", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content).decode() == DOG_EN


def test_owner_uploads_many_files_at_once(client, alice, guidance):
    files = [
        SimpleUploadedFile("fees.txt", b"Dog licence renewal fee is HK$80."),
        SimpleUploadedFile("狗牌.md", "# 狗牌續期\n\n續期費用為港幣八十元。".encode()),
        SimpleUploadedFile("virus.exe", b"MZ..."),
    ]
    url = reverse("documents:collection", args=["guidance"])
    response = _signed_in(client, alice).get(url)
    assert 'type="file"' in response.content.decode()
    response = client.post(url, {"files": files})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="outcome outcome-queued"') == 2
    assert 'class="outcome outcome-rejected"' in page
    assert "This file type is not supported." in page
    assert Document.objects.filter(collection=guidance, source_id__in=["fees.txt", "狗牌.md"]).count() == 2
    # The list polls while documents are queued.
    assert "data-pending" in page
    status = client.get(reverse("documents:collection_status", args=["guidance"])).content.decode()
    assert "data-pending" in status and "Queued" in status


def test_oversized_upload_is_refused_and_nothing_is_stored(client, alice, guidance, settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    before = Document.objects.count()
    stored_before = sorted(p.name for p in files_root().rglob("*") if p.is_file())
    files = [
        SimpleUploadedFile("small.txt", b"A small file about dog licences."),
        SimpleUploadedFile("big.txt", b"x" * (1024 * 1024 + 10)),
    ]
    response = _signed_in(client, alice).post(
        reverse("documents:collection", args=["guidance"]), {"files": files}
    )
    assert response.status_code == 413
    assert "The file is larger than the limit of 1 MB." in response.content.decode()
    assert Document.objects.count() == before
    assert sorted(p.name for p in files_root().rglob("*") if p.is_file()) == stored_before


def test_oversized_request_is_refused(client, alice, guidance, settings):
    settings.AIPLUS_MAX_UPLOAD_BYTES = 1024 * 1024
    before = Document.objects.count()
    files = [SimpleUploadedFile(f"part-{n}.txt", b"y" * (900 * 1024)) for n in range(7)]
    response = _signed_in(client, alice).post(
        reverse("documents:collection", args=["guidance"]), {"files": files}
    )
    assert response.status_code == 413
    assert Document.objects.count() == before


def test_owner_creates_a_collection(client, alice):
    client = _signed_in(client, alice)
    response = client.post(
        reverse("documents:collections"), {"slug": "forms", "name": "Forms", "visibility": "private"}
    )
    assert response.status_code == 302
    assert response.url == reverse("documents:collection", args=["forms"])
    response = client.post(
        reverse("documents:collections"), {"slug": "forms", "name": "Forms again", "visibility": "private"}
    )
    assert response.status_code == 409
    assert "This conflicts with something that already exists." in response.content.decode()


def test_member_cannot_create_a_collection(client, amy):
    response = _signed_in(client, amy).post(
        reverse("documents:collections"), {"slug": "mine", "name": "Mine", "visibility": "public"}
    )
    assert response.status_code == 403


def test_chinese_interface(client, amy, guidance):
    client = _signed_in(client, amy)
    response = client.post(
        reverse("set_language"),
        {"language": "zh-hant", "next": reverse("documents:collection", args=["guidance"])},
    )
    assert response.status_code == 302
    assert response.url == reverse("documents:collection", args=["guidance"])
    page = client.get(reverse("documents:collections")).content.decode()
    assert "文件庫" in page
    assert "示範服務署" in page  # the department in the interface language
    assert "公開" in page
    assert "登出" in page
    page = client.get(reverse("documents:collection", args=["guidance"])).content.decode()
    assert "已就緒" in page


# --- sharing ---------------------------------------------------------------------------------------------


def _can_open(client, collection_slug, document) -> dict[str, int]:
    """The status of every page a reader uses to reach a collection's content."""
    chunk = Chunk.objects.filter(document=document).first()
    return {
        "collection": client.get(reverse("documents:collection", args=[collection_slug])).status_code,
        "passage": client.get(reverse("documents:passage", args=[document.pk, chunk.pk])).status_code,
        "file": client.get(reverse("documents:file", args=[document.pk])).status_code,
    }


def _ask_finds(client, question, secret) -> bool:
    response = client.get(reverse("assistant:ask"), {"q": question})
    assert response.status_code == 200
    return secret in response.content.decode()


OPEN = {"collection": 200, "passage": 200, "file": 200}
HIDDEN = {"collection": 404, "passage": 404, "file": 404}


def test_owner_shares_on_the_collection_page_and_unshares_again(pier_notes, betty, amy, tom):
    """Betty ticks the Demo Services Department on the sharing form: Amy (dsd) can then search the notes and
    open their passages and file, Tom (trd, not ticked) cannot; once Betty makes them private, Amy cannot."""
    secret = Document.objects.get(collection=pier_notes)
    owner, member, outsider = Client(), Client(), Client()
    owner.force_login(betty)
    member.force_login(amy)
    outsider.force_login(tom)
    assert _can_open(member, "pier-notes", secret) == HIDDEN

    page = owner.get(reverse("documents:collection", args=["pier-notes"])).content.decode()
    assert "Who can read this collection" in page
    assert 'name="shared_with" value="dsd"' in page and 'name="shared_with" value="trd"' in page
    response = owner.post(
        reverse("documents:sharing", args=["pier-notes"]), {"visibility": "shared", "shared_with": ["dsd"]}
    )
    assert response.status_code == 302
    page = owner.get(response.url).content.decode()
    assert "Sharing saved." in page
    assert "Shared with Demo Services Department" in page

    assert _can_open(member, "pier-notes", secret) == OPEN
    assert _ask_finds(member, "What is the pier relocation budget?", "HK$38 million")
    assert "Pier notes" in member.get(reverse("documents:collections")).content.decode()
    assert _can_open(outsider, "pier-notes", secret) == HIDDEN
    assert not _ask_finds(outsider, "What is the pier relocation budget?", "HK$38 million")

    owner.post(
        reverse("documents:sharing", args=["pier-notes"]), {"visibility": "private", "shared_with": ["dsd"]}
    )

    assert _can_open(member, "pier-notes", secret) == HIDDEN
    assert not _ask_finds(member, "What is the pier relocation budget?", "HK$38 million")


def test_only_managers_see_and_use_the_sharing_form(client, pier_notes, bob, amy, dsd):
    client.force_login(bob)  # an hpd member: reads the notes, may not share them
    page = client.get(reverse("documents:collection", args=["pier-notes"])).content.decode()
    assert "Who can read this collection" not in page
    response = client.post(reverse("documents:sharing", args=["pier-notes"]), {"visibility": "public"})
    assert response.status_code == 403
    client.force_login(amy)  # dsd cannot even see hpd's private notes
    response = client.post(reverse("documents:sharing", args=["pier-notes"]), {"visibility": "public"})
    assert response.status_code == 404
    pier_notes.refresh_from_db()
    assert pier_notes.visibility == "private"


def test_sharing_form_in_chinese(client, pier_notes, betty, dsd):
    client.force_login(betty)
    client.post(reverse("set_language"), {"language": "zh-hant", "next": "/"})
    client.post(
        reverse("documents:sharing", args=["pier-notes"]), {"visibility": "shared", "shared_with": ["dsd"]}
    )
    page = client.get(reverse("documents:collection", args=["pier-notes"])).content.decode()
    assert "誰可查閱此文件庫" in page
    assert "已與示範服務署共用" in page


# --- deleting --------------------------------------------------------------------------------------------


def test_owner_deletes_a_document_from_the_collection_page(
    client, guidance, alice, amy, django_capture_on_commit_callbacks
):
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    client.force_login(alice)
    page = client.get(reverse("documents:collection", args=["guidance"])).content.decode()
    delete_url = reverse("documents:delete", args=[document.pk])
    assert f'href="{delete_url}"' in page

    confirm = client.get(delete_url)
    assert confirm.status_code == 200
    assert "This cannot be undone." in confirm.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()  # asking is not deleting

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url)
    assert response.status_code == 302
    assert response.url == reverse("documents:collection", args=["guidance"])
    page = client.get(response.url).content.decode()
    assert "Deleted " in page
    assert "dog-en.txt" not in page

    client.force_login(amy)
    assert _can_open(client, "guidance", Document.objects.get(source_id="dog-zh.txt"))["collection"] == 200
    assert client.get(reverse("documents:file", args=[document.pk])).status_code == 404
    assert not _ask_finds(client, "How much is the dog licence renewal fee?", "HK$80")


def test_other_departments_get_not_found_and_members_are_refused(client, guidance, betty, amy):
    """Betty (hpd) reads dsd's public guidance, but its delete page is a 404 to her; Amy (dsd member) sees
    no delete link and is refused."""
    document = Document.objects.get(collection=guidance, source_id="dog-en.txt")
    delete_url = reverse("documents:delete", args=[document.pk])
    client.force_login(betty)
    assert client.get(delete_url).status_code == 404
    assert client.post(delete_url).status_code == 404
    client.force_login(amy)
    assert delete_url not in client.get(reverse("documents:collection", args=["guidance"])).content.decode()
    assert client.post(delete_url).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()
