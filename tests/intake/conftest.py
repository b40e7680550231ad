"""Intake fixtures: a real dovecot for the whole session, a fresh mail account per test, and Alice's mailbox
on it (its password in an environment variable, as an operator would keep it)."""

import itertools
from email.message import EmailMessage

import pytest

from tests.support.dovecot import Dovecot

_accounts = itertools.count(1)


@pytest.fixture(scope="session")
def dovecot():
    server = Dovecot().start()
    yield server
    server.stop()


@pytest.fixture
def mail_account(dovecot):
    username, password = f"clerk{next(_accounts)}", "s3cret-pass"
    dovecot.add_user(username, password)
    return username, password


@pytest.fixture
def inbox_collection(alice):
    from aiplus.documents.services import collection_create

    return collection_create(actor=alice, slug="inbox", name="Inbox", department=alice.department)


@pytest.fixture
def mailbox(alice, dovecot, mail_account, inbox_collection, monkeypatch):
    from aiplus.intake.services.mailboxes import mailbox_create

    monkeypatch.setenv("AIPLUS_TEST_MAIL_PASSWORD", mail_account[1])
    return mailbox_create(
        actor=alice,
        name="enquiries",
        host=dovecot.host,
        port=dovecot.port,
        security="none",
        username=mail_account[0],
        password_env="AIPLUS_TEST_MAIL_PASSWORD",
        collection_slug="inbox",
    )


def make_message(
    *,
    sender="chan.taiman@example.com",
    subject="Dog licence enquiry",
    body="Please tell me how to renew my dog licence.",
    message_id=None,
    attachments=(),
    html=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "enquiries@dsd.gov.hk"
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    for filename, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


@pytest.fixture
def enquiry_form(alice, inbox_collection):
    """Alice's published bilingual enquiry form: name, e-mail, topic (a choice), message and an attachment."""
    from aiplus.intake.services.forms import field_add, form_create, form_publish

    form = form_create(
        actor=alice,
        slug="enquiry",
        title_en="Licence enquiry",
        title_zh="牌照查詢",
        collection_slug="inbox",
        statement_en="Your data is used only to answer your enquiry.",
        statement_zh="你的資料只用於回覆你的查詢。",
    )
    fields = [
        ("name", "short_text", "Name", "姓名", True, ""),
        ("email", "email", "E-mail address", "電郵地址", False, ""),
        ("phone", "phone", "Telephone", "電話", False, ""),
        ("topic", "choice", "Topic", "主題", True, "Dog licence | 狗隻牌照\nHawker licence | 小販牌照"),
        ("message", "long_text", "Message", "訊息", True, ""),
        ("visit", "date", "Preferred visit date", "到訪日期", False, ""),
        ("papers", "file", "Supporting papers", "證明文件", False, ""),
    ]
    for name, kind, label_en, label_zh, required, choices in fields:
        field_add(
            actor=alice,
            form=form,
            name=name,
            kind=kind,
            label_en=label_en,
            label_zh=label_zh,
            required=required,
            choices=choices,
        )
    return form_publish(actor=alice, form=form)
