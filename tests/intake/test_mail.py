"""Mailbox polling against a real dovecot: messages become documents exactly once, rules route them, and
hostile mail is recorded without blocking the next message."""

import base64
import os

import pytest

from tests.intake.conftest import make_message

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _poll(mailbox):
    from aiplus.intake.services.mail import mailbox_poll

    mailbox.refresh_from_db()
    return mailbox_poll(mailbox=mailbox)


def _documents(collection):
    return list(collection.documents.order_by("pk"))


@pytest.mark.django_db(transaction=True)
def test_message_becomes_documents_once_and_moves_to_processed(
    mailbox, dovecot, mail_account, inbox_collection
):
    """GIVEN a message with a text attachment WHEN the mailbox is polled twice THEN its body and attachment are
    documents with the e-mail origin, the message is in Processed, and the second poll adds nothing."""
    dovecot.deliver(
        *mail_account,
        make_message(
            message_id="<m1@example.com>",
            attachments=[("notes.txt", b"Licence number 12345", "text", "plain")],
        ),
    )
    report = _poll(mailbox)
    assert (report.stored, report.failed, report.error) == (1, 0, "")
    documents = _documents(inbox_collection)
    assert [d.filename for d in documents] == ["Dog licence enquiry.txt", "notes.txt"]
    origin = documents[0].origin
    assert origin["channel"] == "email"
    assert origin["sender"] == "chan.taiman@example.com"
    assert origin["subject"] == "Dog licence enquiry"
    assert origin["message_id"] == "m1@example.com"
    assert origin["mailbox"] == "enquiries" and origin["received_at"]
    assert dovecot.count(*mail_account, "INBOX") == 0
    assert dovecot.count(*mail_account, "Processed") == 1

    dovecot.deliver(*mail_account, make_message(message_id="<m2@example.com>", subject="Second"))
    report = _poll(mailbox)
    assert report.stored == 1
    assert len(_documents(inbox_collection)) == 3
    mailbox.refresh_from_db()
    assert mailbox.last_status == "ok" and mailbox.last_polled_at is not None


@pytest.mark.django_db(transaction=True)
def test_first_matching_rule_wins(alice, mailbox, dovecot, mail_account, inbox_collection):
    from aiplus.documents.services import collection_create
    from aiplus.intake.services.mailboxes import rule_add

    invoices = collection_create(actor=alice, slug="invoices", name="Invoices", department=alice.department)
    complaints = collection_create(
        actor=alice, slug="complaints", name="Complaints", department=alice.department
    )
    rule_add(actor=alice, mailbox=mailbox, collection_slug="invoices", attachment_types="pdf")
    rule_add(actor=alice, mailbox=mailbox, collection_slug="complaints", subject_contains="complaint")
    rule_add(actor=alice, mailbox=mailbox, collection_slug="invoices", sender_pattern="*@supplier.hk")
    dovecot.deliver(
        *mail_account,
        make_message(subject="Complaint with invoice", attachments=[("bill.pdf", PDF, "application", "pdf")]),
        make_message(subject="A COMPLAINT about noise"),
        make_message(subject="Hello", sender="Accounts <ar@supplier.hk>"),
        make_message(subject="Just a question"),
    )
    assert _poll(mailbox).stored == 4
    assert sorted(d.origin["subject"] for d in invoices.documents.all()) == [
        "Complaint with invoice",
        "Complaint with invoice",
        "Hello",
    ]
    assert [d.origin["subject"] for d in complaints.documents.all()] == ["A COMPLAINT about noise"]
    assert [d.origin["subject"] for d in inbox_collection.documents.all()] == ["Just a question"]


@pytest.mark.django_db(transaction=True)
def test_a_crash_between_storing_and_moving_neither_loses_nor_duplicates(
    mailbox, dovecot, mail_account, inbox_collection, monkeypatch
):
    """GIVEN a poller that dies after storing a message's documents (before its ledger row, or before moving
    it) WHEN the mailbox is polled again THEN each document exists once and the message ends in Processed."""
    from aiplus.intake.services import mail

    dovecot.deliver(*mail_account, make_message(attachments=[("a.txt", b"attachment text", "text", "plain")]))
    real_ledger, real_move = mail._ledger, mail._move

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("worker killed")

    monkeypatch.setattr(mail, "_ledger", crash)
    with pytest.raises(KeyboardInterrupt):
        _poll(mailbox)
    assert len(_documents(inbox_collection)) == 2
    assert dovecot.count(*mail_account, "INBOX") == 1

    monkeypatch.setattr(mail, "_ledger", real_ledger)
    monkeypatch.setattr(mail, "_move", crash)
    with pytest.raises(KeyboardInterrupt):
        _poll(mailbox)
    monkeypatch.setattr(mail, "_move", real_move)
    assert _poll(mailbox).stored == 1
    assert len(_documents(inbox_collection)) == 2
    assert mailbox.messages.get().documents.count() == 2
    assert (dovecot.count(*mail_account, "INBOX"), dovecot.count(*mail_account, "Processed")) == (0, 1)


def _encoded_subject(text: str, charset: str) -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


@pytest.mark.django_db(transaction=True)
def test_chinese_subjects_in_big5_gb2312_and_utf8_are_read(mailbox, dovecot, mail_account, inbox_collection):
    raw = [
        f"From: a@example.com\r\nSubject: {_encoded_subject(text, charset)}\r\n\r\nbody\r\n".encode()
        for text, charset in [("申請牌照", "big5"), ("申请牌照", "gb2312"), ("續期查詢", "utf-8")]
    ]
    dovecot.deliver(*mail_account, *raw)
    assert _poll(mailbox).stored == 3
    assert sorted(d.origin["subject"] for d in _documents(inbox_collection)) == sorted(
        ["申請牌照", "申请牌照", "續期查詢"]
    )


@pytest.mark.django_db(transaction=True)
def test_hostile_mail_is_recorded_and_never_blocks_the_next(
    mailbox, dovecot, mail_account, inbox_collection, settings
):
    """GIVEN a message over the size limit, a zip bomb, broken MIME and broken header bytes, then a good
    message WHEN polled THEN each bad one has a clear recorded error or is read as far as it goes, and the good
    message is stored."""
    from aiplus.intake.models import MessageOutcome
    from aiplus.intake.services.common import shown_error

    settings.AIPLUS_INTAKE_MAX_MESSAGE_MB = 1
    huge = make_message(subject="huge", attachments=[("big.txt", b"x" * 1_500_000, "text", "plain")])
    bomb = make_message(
        subject="bomb", attachments=[("bomb.zip", b"PK\x03\x04" + b"\0" * 2000, "application", "zip")]
    )
    broken_mime = (
        b"From: b@example.com\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\n'
        b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
    )
    bad_header = b"From: c@example.com\r\nSubject: caf\xed \xed\xa0\x80 menu\r\n\r\nbody text\r\n"
    good = make_message(subject="good one")
    dovecot.deliver(*mail_account, huge, bomb, broken_mime, bad_header, good)

    report = _poll(mailbox)
    assert (report.stored, report.failed) == (4, 1)
    rows = {row.subject or "huge": row for row in mailbox.messages.all()}
    too_big = mailbox.messages.get(outcome=MessageOutcome.FAILED)
    assert "1 MB" in shown_error(too_big.errors[0])
    bomb_row = rows["bomb"]
    assert [e["part"] for e in bomb_row.errors] == ["bomb.zip"]
    assert "not supported" in shown_error(bomb_row.errors[0])
    assert "good one" in rows
    weird = next(row for row in rows.values() if row.subject.startswith("caf"))
    assert "menu" in weird.subject and not any("\ud800" <= c <= "\udfff" for c in weird.subject)
    assert dovecot.count(*mail_account, "INBOX") == 1  # the huge one stays, for a person to look at
    assert _poll(mailbox).stored == 0  # and is not tried again


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_is_a_recorded_error_in_both_languages(mailbox, dovecot, monkeypatch):
    from django.utils import translation

    from aiplus.intake.services.common import shown_error

    monkeypatch.setenv("AIPLUS_TEST_MAIL_PASSWORD", "wrong")
    report = _poll(mailbox)
    mailbox.refresh_from_db()
    assert report.error and mailbox.last_status == "error"
    assert "mail server could not be used" in shown_error(mailbox.last_error)
    with translation.override("zh-hant"):
        assert "郵件伺服器" in shown_error(mailbox.last_error)
    monkeypatch.delenv("AIPLUS_TEST_MAIL_PASSWORD")
    _poll(mailbox)
    mailbox.refresh_from_db()
    assert "nothing is set there" in shown_error(mailbox.last_error)


@pytest.mark.django_db(transaction=True)
def test_two_pollers_never_read_one_mailbox_and_a_dead_ones_hold_is_taken(mailbox, dovecot, mail_account):
    """GIVEN a mailbox held by a live poller WHEN another polls THEN it leaves it (busy); GIVEN a hold by a
    process that has died WHEN polled THEN the poll goes ahead."""
    import socket
    import subprocess
    import sys

    from django.utils import timezone

    from aiplus.intake.models import Mailbox

    dovecot.deliver(*mail_account, make_message())
    alive = f"{socket.gethostname()}:{os.getppid()}"
    Mailbox.objects.filter(pk=mailbox.pk).update(claimed_by=alive, heartbeat_at=timezone.now())
    report = _poll(mailbox)
    assert report.busy and report.stored == 0

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead = f"{socket.gethostname()}:{gone.stdout.strip()}"
    Mailbox.objects.filter(pk=mailbox.pk).update(claimed_by=dead, heartbeat_at=timezone.now())
    report = _poll(mailbox)
    assert not report.busy and report.stored == 1
    assert Mailbox.objects.get(pk=mailbox.pk).claimed_by == ""


@pytest.mark.django_db(transaction=True)
def test_a_move_cut_short_leaves_one_copy_in_processed(
    mailbox, dovecot, mail_account, inbox_collection, monkeypatch
):
    """GIVEN a stored message that the server copied to Processed but never removed from the inbox (a poller
    killed mid-move) WHEN polled again THEN it is only removed from the inbox, not copied a second time."""
    raw = make_message(message_id="<half-moved@example.com>")
    dovecot.deliver(*mail_account, raw)
    dovecot.deliver(*mail_account, raw, folder="Processed")  # the server's copy
    from aiplus.intake.services import mail

    def killed(*args):
        raise KeyboardInterrupt("killed")

    with monkeypatch.context() as patched:
        patched.setattr(mail, "_move", killed)
        with pytest.raises(KeyboardInterrupt):
            _poll(mailbox)
    assert _poll(mailbox).stored == 1
    assert (dovecot.count(*mail_account, "INBOX"), dovecot.count(*mail_account, "Processed")) == (0, 1)
    assert inbox_collection.documents.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_message_as_received_is_kept_for_the_department_only(
    alice, betty, mailbox, dovecot, mail_account
):
    from django.test import Client

    raw = make_message(subject="Keep me", message_id="<keep@example.com>")
    dovecot.deliver(*mail_account, raw)
    _poll(mailbox)
    row = mailbox.messages.get()
    officer, other = Client(), Client()
    officer.force_login(alice)
    other.force_login(betty)
    address = f"/intake/mailboxes/enquiries/messages/{row.pk}.eml"
    assert f'href="{address}"' in officer.get("/intake/mailboxes/enquiries/").content.decode()
    download = officer.get(address)
    assert download["Content-Type"] == "message/rfc822"
    assert b"Subject: Keep me" in b"".join(download.streaming_content)
    assert other.get(address).status_code == 404
