"""Reading a mailbox: each new message becomes documents (its body, and each attachment), exactly once.

The standard library's ``imaplib`` and ``email`` do the work: they are enough for one folder read by UID, and
add no dependency (imap-tools wraps the same calls, but every step here needs the raw UID responses anyway).

Exactly once: for each UID in the folder the poller (1) skips a UID its ledger (``MailMessage``) already has,
(2) stores the documents under source ids made from UIDVALIDITY and UID (so storing them again is
"unchanged", not a copy; a Message-ID already in the ledger is not stored again), (3) writes the ledger row, and only then (4) moves the message to the processed folder. A crash before
(3) stores nothing twice on the next poll; a crash before (4) finds the ledger row and only moves. A message
that cannot be stored (too large, unreadable) gets a ledger row with its error and stays in the inbox, marked
read, and the poller goes on to the next one.
"""

import contextlib
import email
import email.policy
import fnmatch
import html
import imaplib
import io
import logging
import re
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from aiplus.core.access import OPERATOR
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.validation import repair_text
from aiplus.core.workers import claim_is_dead, worker_identity
from aiplus.documents.models import Collection
from aiplus.documents.services import ingest_stream
from aiplus.documents.storage import store_stream, stored_path
from aiplus.intake.models import Mailbox, MailMessage, MessageOutcome, PollStatus, Security
from aiplus.intake.services.common import stored_error
from aiplus.intake.services.mailboxes import mailbox_password

logger = logging.getLogger("aiplus.intake.mail")


# --- reading one message -----------------------------------------------------------------------------------


@dataclass
class Attachment:
    filename: str
    content: bytes


@dataclass
class ParsedMessage:
    message_id: str
    sender: str
    subject: str
    date: str
    body: str
    body_is_html: bool
    attachments: list[Attachment] = field(default_factory=list)


def _header(message: EmailMessage, name: str) -> str:
    """A header as readable text: encoded words decoded (UTF-8, Big5, GB2312…), broken characters dropped."""
    try:
        value = str(message.get(name, "") or "")
    except Exception:  # a header the parser cannot make sense of (broken encoded words, bad address lists)
        raw = next((v for k, v in message.raw_items() if k.lower() == name.lower()), "")
        value = str(raw)
    return repair_text("mail.header", value)[:1000]


def _text_of(part) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("utf-8", errors="replace")


def _attachment_name(part, index: int) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:
        name = ""
    name = PurePath(repair_text("mail.header", name).replace("\\", "/")).name
    if not name:
        subtype = part.get_content_subtype() if part.get_content_maintype() != "message" else "eml"
        name = f"attachment-{index}.{subtype}"
    return name[-200:]


def parse_message(raw: bytes) -> ParsedMessage:
    """The parts of a message a collection keeps. Broken MIME is read as far as it goes."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    plain, rich, attachments = "", "", []
    for index, part in enumerate(message.walk(), start=1):
        if part.is_multipart():
            continue
        disposition = (part.get_content_disposition() or "").lower()
        content_type = part.get_content_type()
        if disposition != "attachment" and content_type == "text/plain" and not plain:
            plain = _text_of(part)
        elif disposition != "attachment" and content_type == "text/html" and not rich:
            rich = _text_of(part)
        elif disposition in {"attachment", "inline"} or part.get_filename():
            content = part.get_payload(decode=True)
            if content is None:  # an attached message: keep it whole
                content = part.as_bytes()
            attachments.append(Attachment(_attachment_name(part, index), content))
    sender = parseaddr(_header(message, "From"))[1] or _header(message, "From")
    return ParsedMessage(
        message_id=_header(message, "Message-ID").strip("<> ")[:500],
        sender=sender.lower(),
        subject=_header(message, "Subject"),
        date=_header(message, "Date"),
        body=plain or rich,
        body_is_html=not plain and bool(rich),
        attachments=attachments,
    )


def _body_document(parsed: ParsedMessage) -> tuple[str, bytes]:
    """The message as a readable file: its headers, then its text (or its HTML, as HTML)."""
    heads = [("From", parsed.sender), ("Date", parsed.date), ("Subject", parsed.subject)]
    stem = re.sub(r"[\\/:*?\"<>|]+", " ", parsed.subject).strip()[:100] or "message"
    if parsed.body_is_html:
        lines = "".join(f"<p><b>{k}:</b> {html.escape(v)}</p>" for k, v in heads)
        return f"{stem}.html", f"<html><body>{lines}<hr>{parsed.body}</body></html>".encode()
    lines = "".join(f"{k}: {v}\n" for k, v in heads)
    return f"{stem}.txt", f"{lines}\n{parsed.body}".encode()


# --- rules ------------------------------------------------------------------------------------------------


def collection_for_message(mailbox: Mailbox, parsed: ParsedMessage) -> Collection:
    """The first rule whose every given test matches decides; otherwise the mailbox's default collection."""
    extensions = {PurePath(a.filename).suffix.lstrip(".").lower() for a in parsed.attachments}
    subject, body = parsed.subject.casefold(), parsed.body.casefold()
    for rule in mailbox.rules.select_related("collection"):
        tests = [
            not rule.sender_pattern or fnmatch.fnmatch(parsed.sender, rule.sender_pattern.lower()),
            not rule.subject_contains or rule.subject_contains.casefold() in subject,
            not rule.body_contains or rule.body_contains.casefold() in body,
            not rule.attachment_types or bool(extensions & set(rule.attachment_types.split(","))),
        ]
        if all(tests):
            return rule.collection
    return mailbox.default_collection


# --- storing one message ----------------------------------------------------------------------------------


def message_store(*, mailbox: Mailbox, uid_validity: int, uid: int, raw: bytes) -> MailMessage:
    """Store one message's documents and write its ledger row. Safe to repeat after a crash. The message as
    received is kept too (as an .eml file an officer can download), readable or not."""
    raw_checksum = store_stream(io.BytesIO(raw)).checksum
    try:
        parsed = parse_message(raw)
    except Exception as failure:  # the email package raises many kinds on hostile input
        logger.warning("mail unreadable mailbox=%s uid=%s error=%r", mailbox.name, uid, failure)
        error = AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "e-mail"}, detail=repr(failure)[:300])
        return _ledger(
            mailbox,
            uid_validity,
            uid,
            MessageOutcome.FAILED,
            errors=[{"part": "", **stored_error(error)}],
            raw_checksum=raw_checksum,
        )
    if parsed.message_id and mailbox.messages.filter(message_id=parsed.message_id).exists():
        # The same message again (copied back, or the folder renumbered): its documents are already in.
        logger.info("mail repeated mailbox=%s uid=%s", mailbox.name, uid)
        return _ledger(
            mailbox, uid_validity, uid, MessageOutcome.STORED, parsed=parsed, raw_checksum=raw_checksum
        )
    collection = collection_for_message(mailbox, parsed)
    # Source ids come from the UID, never from the Message-ID a sender writes, so no sender can replace a
    # document another message brought.
    key = f"{uid_validity}-{uid}"
    origin = {
        "channel": "email",
        "sender": parsed.sender,
        "subject": parsed.subject,
        "message_id": parsed.message_id,
        "received_at": timezone.now().isoformat(),
        "mailbox": mailbox.name,
    }
    body_name, body = _body_document(parsed)
    files = [(body_name, body, f"email/{mailbox.name}/{key}/message")]
    for index, attachment in enumerate(parsed.attachments, start=1):
        files.append(
            (
                attachment.filename,
                attachment.content,
                f"email/{mailbox.name}/{key}/{index}/{attachment.filename}",
            )
        )
    documents, errors = [], []
    for filename, content, source_id in files:
        outcome = ingest_stream(
            actor=OPERATOR,
            collection=collection,
            stream=io.BytesIO(content),
            filename=filename,
            source_id=source_id,
            channel="email",
            origin=origin,
        )
        if outcome.outcome == "rejected":
            errors.append(
                {"part": filename, "code": outcome.error_code, "params": outcome.error_params or {}}
            )
        if outcome.document is not None:
            documents.append(outcome.document)
    row = _ledger(
        mailbox,
        uid_validity,
        uid,
        MessageOutcome.STORED,
        parsed=parsed,
        errors=errors,
        documents=documents,
        raw_checksum=raw_checksum,
    )
    logger.info(
        "mail stored mailbox=%s uid=%s documents=%s errors=%s", mailbox.name, uid, len(documents), len(errors)
    )
    return row


def _ledger(
    mailbox, uid_validity, uid, outcome, *, parsed=None, errors=(), documents=(), raw_checksum=""
) -> MailMessage:
    with transaction.atomic():
        row, _ = MailMessage.objects.get_or_create(
            mailbox=mailbox,
            uid_validity=uid_validity,
            uid=uid,
            defaults={
                "outcome": outcome,
                "errors": list(errors),
                "message_id": parsed.message_id if parsed else "",
                "sender": parsed.sender[:500] if parsed else "",
                "subject": parsed.subject if parsed else "",
                "raw_checksum": raw_checksum,
            },
        )
        row.documents.add(*documents)
    return row


def raw_message_path(row: MailMessage):
    """Where the message as received is kept, or None (a message too large to fetch)."""
    path = stored_path(row.raw_checksum) if row.raw_checksum else None
    return path if path is not None and path.is_file() else None


# --- the IMAP conversation --------------------------------------------------------------------------------


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    timeout = settings.AIPLUS_INTAKE_IMAP_TIMEOUT_SECONDS
    context = ssl.create_default_context()
    if mailbox.security == Security.SSL:
        connection = imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=context, timeout=timeout)
    else:
        connection = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)
        if mailbox.security == Security.STARTTLS:
            connection.starttls(context)
    connection.login(mailbox.username, mailbox_password(mailbox))
    return connection


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(response: tuple, what: str) -> list:
    status, data = response
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
        raise imaplib.IMAP4.error(f"{what}: {detail}")
    return data


def _remove(connection: imaplib.IMAP4, uid: int) -> None:
    _check(connection.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Deleted)"), "delete")
    if "UIDPLUS" in connection.capabilities:
        _check(connection.uid("EXPUNGE", str(uid)), "expunge")
    else:
        connection.expunge()


def _move(connection: imaplib.IMAP4, uid: int, folder: str) -> None:
    if "MOVE" in connection.capabilities:
        _check(connection.uid("MOVE", str(uid), _quoted(folder)), "move")
        return
    _check(connection.uid("COPY", str(uid), _quoted(folder)), "copy")
    _remove(connection, uid)


def _already_moved(connection: imaplib.IMAP4, mailbox: Mailbox, message_id: str) -> bool:
    """Whether the processed folder already holds the message: a move cut short by a crash can leave it in
    both folders (the server copied it, and the removal from the inbox never came)."""
    if not message_id:
        return False
    _check(connection.select(_quoted(mailbox.processed_folder), readonly=True), "select")
    try:
        found = _check(connection.uid("SEARCH", None, "HEADER", "Message-ID", _quoted(message_id)), "search")
    finally:
        _check(connection.select(_quoted(mailbox.folder)), "select")
    return bool(found and found[0].split())


def _size(connection: imaplib.IMAP4, uid: int) -> int:
    data = _check(connection.uid("FETCH", str(uid), "(RFC822.SIZE)"), "size")
    found = re.search(rb"RFC822\.SIZE (\d+)", data[0] if isinstance(data[0], bytes) else data[0][0])
    return int(found.group(1)) if found else 0


def _fetch(connection: imaplib.IMAP4, uid: int) -> bytes:
    data = _check(connection.uid("FETCH", str(uid), "(BODY.PEEK[])"), "fetch")
    return next(item[1] for item in data if isinstance(item, tuple))


def _take(connection: imaplib.IMAP4, mailbox: Mailbox, uid_validity: int, uid: int) -> MailMessage:
    row = MailMessage.objects.filter(mailbox=mailbox, uid_validity=uid_validity, uid=uid).first()
    # Stored by an earlier poll that stopped before the move was recorded: the move may have half happened.
    recovering = row is not None and row.outcome == MessageOutcome.STORED and not row.moved
    if recovering and _already_moved(connection, mailbox, row.message_id):
        _remove(connection, uid)
        MailMessage.objects.filter(pk=row.pk).update(moved=True)
        return row
    if row is None:
        limit_mb = settings.AIPLUS_INTAKE_MAX_MESSAGE_MB
        size = _size(connection, uid)
        if size > limit_mb * 1024 * 1024:
            error = AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit_mb}, detail=f"{size} bytes")
            row = _ledger(
                mailbox,
                uid_validity,
                uid,
                MessageOutcome.FAILED,
                errors=[{"part": "", **stored_error(error)}],
            )
        else:
            row = message_store(
                mailbox=mailbox, uid_validity=uid_validity, uid=uid, raw=_fetch(connection, uid)
            )
    if row.outcome == MessageOutcome.STORED and not row.moved:
        _move(connection, uid, mailbox.processed_folder)
        MailMessage.objects.filter(pk=row.pk).update(moved=True)
    elif row.outcome == MessageOutcome.FAILED:
        connection.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Seen)")
    return row


@dataclass
class PollReport:
    mailbox: str
    stored: int = 0
    failed: int = 0
    error: str = ""
    busy: bool = False  # another poller was reading the mailbox


def _claim(mailbox: Mailbox, me: str) -> bool:
    """Hold the mailbox for this poller, or take it from a poller that died (as ``core.workers`` decides)."""
    rows = Mailbox.objects.filter(pk=mailbox.pk)
    if rows.filter(claimed_by="").update(claimed_by=me, heartbeat_at=timezone.now()):
        return True
    holder = rows.values_list("claimed_by", "heartbeat_at").first()
    if holder is None or not claim_is_dead(*holder):
        return False
    return rows.filter(claimed_by=holder[0]).update(claimed_by=me, heartbeat_at=timezone.now()) == 1


def mailbox_poll(*, mailbox: Mailbox, limit: int | None = None) -> PollReport:
    """Take every new message of the mailbox's folder (at most ``limit``); record how the poll went. A mailbox
    another live poller is reading is left to it (``busy``)."""
    report, me = PollReport(mailbox.name), worker_identity()
    if not _claim(mailbox, me):
        report.busy = True
        return report
    try:
        return _poll_claimed(mailbox, me, limit, report)
    finally:
        Mailbox.objects.filter(pk=mailbox.pk, claimed_by=me).update(claimed_by="", heartbeat_at=None)


def _poll_claimed(mailbox: Mailbox, me: str, limit: int | None, report: PollReport) -> PollReport:
    status, last_error = PollStatus.OK, {}
    held = Mailbox.objects.filter(pk=mailbox.pk, claimed_by=me)
    try:
        connection = _connect(mailbox)
        try:
            connection.create(_quoted(mailbox.processed_folder))  # "already exists" is fine
            _check(connection.select(_quoted(mailbox.folder)), "select")
            uid_validity = int(connection.response("UIDVALIDITY")[1][0])
            seen = set(
                MailMessage.objects.filter(
                    mailbox=mailbox, uid_validity=uid_validity, outcome=MessageOutcome.FAILED
                ).values_list("uid", flat=True)
            )
            uids = [int(u) for u in _check(connection.uid("SEARCH", None, "ALL"), "search")[0].split()]
            for uid in [u for u in uids if u not in seen][:limit]:
                if not held.update(heartbeat_at=timezone.now()):
                    break  # taken over: this poller's heartbeat had stopped for too long
                row = _take(connection, mailbox, uid_validity, uid)
                if row.outcome == MessageOutcome.STORED:
                    report.stored += 1
                else:
                    report.failed += 1
        finally:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                connection.logout()
    except AiplusError as error:
        status, last_error = PollStatus.ERROR, stored_error(error)
    except (OSError, imaplib.IMAP4.error, ValueError) as failure:
        reason = failure.args[0] if failure.args else ""
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason or failure)
        detail = reason[:300] or failure.__class__.__name__
        status, last_error = (
            PollStatus.ERROR,
            stored_error(AiplusError(ErrorCode.MAIL_SERVER, {"detail": detail})),
        )
    if status == PollStatus.ERROR:
        report.error = last_error.get("detail") or last_error.get("code", "")
        logger.warning("mail poll failed mailbox=%s error=%s", mailbox.name, last_error)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_polled_at=timezone.now(), last_status=status, last_error=last_error
    )
    return report
