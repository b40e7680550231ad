"""Public forms: building, checking answers in both languages, and a submission becoming documents."""

import pytest
from django.core import mail
from django.utils import translation

from aiplus.core.errors import AiplusError

GOOD = {"name": "陳大文", "email": "chan@example.com", "topic": "狗隻牌照", "message": "我想續期狗隻牌照。"}


def _submit(form, answers=None, **options):
    from aiplus.intake.services.forms import submission_create

    return submission_create(form=form, answers=GOOD if answers is None else answers, consent=True, **options)


def test_a_submission_becomes_documents_with_the_form_origin(enquiry_form, inbox_collection):
    from aiplus.intake.services.forms import UploadedFile

    submission = _submit(
        enquiry_form,
        files={"papers": [UploadedFile("licence.txt", "牌照號碼 12345".encode())]},
        language="zh-hant",
    )
    assert submission.reference.startswith("F-") and len(submission.reference) == 10
    documents = list(inbox_collection.documents.order_by("pk"))
    assert [d.filename for d in documents] == [f"{submission.reference} answers.md", "licence.txt"]
    for document in documents:
        assert document.origin["channel"] == "form"
        assert document.origin["form"] == "enquiry"
        assert document.origin["sender"] == "chan@example.com"
    from aiplus.documents.storage import stored_path

    rendering = stored_path(documents[0].checksum).read_text()
    assert (
        "## Message / 訊息" in rendering and "我想續期狗隻牌照。" in rendering and "licence.txt" in rendering
    )


@pytest.mark.parametrize(
    "changes, english, chinese",
    [
        ({"name": ""}, "Name: this cannot be empty.", "姓名"),
        ({"email": "not-an-address"}, "E-mail address: give an e-mail address", "電郵地址"),
        ({"phone": "12"}, "Telephone: give a telephone number", "電話"),
        ({"topic": "Something else"}, "Topic: choose one of the listed values", "主題"),
        ({"visit": "31/12/2026"}, "Preferred visit date: give a date as YYYY-MM-DD", "到訪日期"),
        ({"message": "bad \ud800 text"}, "Message: it contains a broken character", "訊息"),
    ],
)
def test_a_bad_answer_is_refused_in_both_languages_and_nothing_is_stored(
    enquiry_form, inbox_collection, changes, english, chinese
):
    with pytest.raises(AiplusError) as refused:
        _submit(enquiry_form, {**GOOD, **changes})
    assert english in refused.value.message
    with translation.override("zh-hant"), pytest.raises(AiplusError) as refused_zh:
        _submit(enquiry_form, {**GOOD, **changes}, language="zh-hant")
    assert chinese in refused_zh.value.message
    assert inbox_collection.documents.count() == 0
    assert enquiry_form.submissions.count() == 0


def test_consent_is_required(enquiry_form):
    from aiplus.intake.services.forms import submission_create

    with pytest.raises(AiplusError) as refused:
        submission_create(form=enquiry_form, answers=GOOD, consent=False)
    assert "personal information collection statement" in refused.value.message


def test_an_upload_over_the_limit_or_of_an_unsupported_type_is_refused(
    enquiry_form, inbox_collection, settings
):
    from aiplus.intake.services.forms import UploadedFile

    settings.AIPLUS_INTAKE_FORM_MAX_FILE_MB = 1
    with pytest.raises(AiplusError) as refused:
        _submit(enquiry_form, files={"papers": [UploadedFile("big.txt", b"x" * (1024 * 1024 + 1))]})
    assert "1 MB" in refused.value.message
    with pytest.raises(AiplusError) as refused:
        _submit(enquiry_form, files={"papers": [UploadedFile("tool.exe", b"MZ\0\0")]})
    assert "not supported" in refused.value.message
    assert inbox_collection.documents.count() == 0 and enquiry_form.submissions.count() == 0


def test_a_receipt_is_emailed_when_email_is_configured(enquiry_form, settings):
    settings.EMAIL_HOST = "smtp.example.gov.hk"
    submission = _submit(enquiry_form, language="zh-hant")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chan@example.com"]
    assert submission.reference in mail.outbox[0].body


def test_no_receipt_without_email_configured(enquiry_form):
    _submit(enquiry_form)
    assert mail.outbox == []


def test_an_unpublished_form_takes_no_submissions(alice, enquiry_form):
    from aiplus.intake.services.forms import form_publish

    form_publish(actor=alice, form=enquiry_form, published=False)
    with pytest.raises(AiplusError):
        _submit(enquiry_form)


def test_building_refuses_bad_fields(alice, enquiry_form):
    from aiplus.intake.services.forms import field_add

    for bad in [
        {"name": "name", "kind": "short_text"},  # a name used twice
        {"name": "Bad Name", "kind": "short_text"},
        {"name": "x", "kind": "signature"},
        {"name": "colour", "kind": "choice", "choices": ""},
    ]:
        with pytest.raises(AiplusError) as refused:
            field_add(actor=alice, form=enquiry_form, label_en="L", label_zh="標", **bad)
        assert refused.value.code == "invalid_field"
