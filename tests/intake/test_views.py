"""The intake pages: the public form (no sign-in, CSRF-protected, rate-limited, errors in Chinese), the
form builder, and the officers' pages, which another department cannot open."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from .test_forms import GOOD


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_public_fills_in_a_form_in_chinese_with_a_file_and_gets_a_reference(
    enquiry_form, inbox_collection
):
    public = Client(headers={"Accept-Language": "zh-hant"})
    page = public.get("/forms/enquiry/")
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "牌照查詢" in html and '<label for="id_name">姓名' in html and "你的資料只用於回覆你的查詢。" in html
    )
    sent = public.post(
        "/forms/enquiry/",
        {**GOOD, "consent": "yes", "papers": SimpleUploadedFile("護照.txt", "文件內容".encode())},
        follow=True,
    )
    assert "你的參考編號" in sent.content.decode()
    submission = enquiry_form.submissions.get()
    assert submission.reference in sent.content.decode()
    assert sorted(d.filename for d in inbox_collection.documents.all()) == sorted(
        [f"{submission.reference} answers.md", "護照.txt"]
    )


def test_a_refused_answer_keeps_what_was_typed_and_says_why_in_chinese(enquiry_form, inbox_collection):
    public = Client(headers={"Accept-Language": "zh-hant"})
    page = public.post("/forms/enquiry/", {**GOOD, "email": "壞地址", "consent": "yes"})
    html = page.content.decode()
    assert page.status_code == 400
    assert 'role="alert"' in html and "電郵地址" in html
    assert 'aria-invalid="true"' in html and "陳大文" in html
    assert inbox_collection.documents.count() == 0


def test_the_public_form_needs_the_csrf_token(enquiry_form):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/forms/enquiry/", {**GOOD, "consent": "yes"}).status_code == 403
    assert enquiry_form.submissions.count() == 0


def test_the_page_limits_submissions_per_visitor(enquiry_form, settings):
    settings.AIPLUS_INTAKE_FORM_RATE_PER_CLIENT = "1/min"
    public = Client()
    assert public.post("/forms/enquiry/", {**GOOD, "consent": "yes"}).status_code == 302
    limited = public.post("/forms/enquiry/", {**GOOD, "consent": "yes"})
    assert limited.status_code == 429 and "Too many requests" in limited.content.decode()


def test_an_officer_builds_a_form_on_the_page(alice, inbox_collection):
    officer = _signed_in(alice)
    made = officer.post(
        "/intake/",
        {
            "action": "form",
            "slug": "complaint",
            "title_en": "Complaint",
            "title_zh": "投訴",
            "statement_en": "Used to handle your complaint.",
            "statement_zh": "用於處理你的投訴。",
            "collection": "inbox",
        },
    )
    assert made.status_code == 302 and made["Location"] == "/intake/forms/complaint/"
    officer.post(
        "/intake/forms/complaint/",
        {
            "action": "field",
            "name": "details",
            "kind": "long_text",
            "label_en": "Details",
            "label_zh": "詳情",
            "required": "yes",
        },
    )
    assert Client().get("/forms/complaint/").status_code == 404  # a draft is not public
    officer.post("/intake/forms/complaint/", {"action": "publish"})
    preview = officer.get("/intake/forms/complaint/preview/").content.decode()
    assert "Details" in preview and "Preview" in preview
    assert Client().get("/forms/complaint/").status_code == 200


def test_officer_pages_are_not_found_by_another_department(betty, amy, enquiry_form, mailbox):
    other = _signed_in(betty)
    assert "enquiries" not in other.get("/intake/").content.decode()
    assert other.get("/intake/mailboxes/enquiries/").status_code == 404
    assert other.get("/intake/forms/enquiry/").status_code == 404
    assert other.get("/intake/forms/enquiry/preview/").status_code == 404
    assert other.post("/intake/forms/enquiry/", {"action": "unpublish"}).status_code == 404
    assert _signed_in(amy).get("/intake/").status_code == 403
    assert Client().get("/intake/").status_code == 302  # to sign in
    enquiry_form.refresh_from_db()
    assert enquiry_form.published


def test_the_mailbox_page_shows_the_last_error(alice, mailbox, monkeypatch):
    monkeypatch.setenv("AIPLUS_TEST_MAIL_PASSWORD", "wrong")
    officer = _signed_in(alice)
    officer.post("/intake/mailboxes/enquiries/", {"action": "poll"})
    page = officer.get("/intake/mailboxes/enquiries/").content.decode()
    assert "The mail server could not be used" in page


def test_a_platform_admin_sets_up_a_mailbox_for_a_department_on_the_page(admin, alice, inbox_collection):
    page = _signed_in(admin).get("/intake/").content.decode()
    assert page.count('id="id_mailbox_department"') == 1 and page.count('id="id_form_department"') == 1
    made = _signed_in(admin).post(
        "/intake/",
        {
            "action": "mailbox",
            "department": "dsd",
            "name": "press",
            "host": "mail.dsd.gov.hk",
            "port": "993",
            "security": "ssl",
            "username": "press",
            "password_file": "/run/secrets/press",
            "folder": "INBOX",
            "collection": "inbox",
        },
    )
    assert made["Location"] == "/intake/mailboxes/press/"
    assert "press@mail.dsd.gov.hk" in _signed_in(alice).get("/intake/").content.decode()


def test_poll_now_takes_files_from_the_departments_folders(alice, inbox_collection, tmp_path, settings):
    settings.AIPLUS_INTAKE_FOLDER_ROOTS = [str(tmp_path)]
    (tmp_path / "drop").mkdir()
    officer = _signed_in(alice)
    officer.post("/intake/", {"action": "folder", "path": str(tmp_path / "drop"), "collection": "inbox"})
    (tmp_path / "drop" / "note.txt").write_text("A note from the counter.")
    officer.post("/intake/poll/")
    done = officer.post("/intake/poll/", follow=True).content.decode()
    assert "Polled. New documents: 1." in done
    assert inbox_collection.documents.get().filename == "note.txt"


def test_a_bad_folder_on_the_page_says_why(alice, inbox_collection, settings):
    settings.AIPLUS_INTAKE_FOLDER_ROOTS = ["/srv/scans"]
    page = _signed_in(alice).post(
        "/intake/", {"action": "folder", "path": "/etc", "collection": "inbox"}, follow=True
    )
    assert "give a folder inside one of the allowed folders: /srv/scans" in page.content.decode()
