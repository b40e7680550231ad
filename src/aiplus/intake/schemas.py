from datetime import datetime

from ninja import Schema


class RuleIn(Schema):
    collection: str
    sender_pattern: str = ""
    subject_contains: str = ""
    body_contains: str = ""
    attachment_types: str = ""


class RuleOut(RuleIn):
    id: int
    position: int


class MailboxIn(Schema):
    name: str
    host: str
    port: int = 993
    security: str = "ssl"
    username: str
    password_env: str = ""
    password_file: str = ""
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    collection: str
    department: str = ""  # a platform administrator names the department


class MailboxOut(Schema):
    name: str
    department: str
    host: str
    port: int
    security: str
    username: str
    folder: str
    processed_folder: str
    collection: str
    enabled: bool
    last_polled_at: datetime | None
    last_status: str
    last_error: str
    rules: list[RuleOut]


class MessageOut(Schema):
    id: int
    uid: int
    message_id: str
    sender: str
    subject: str
    outcome: str
    errors: list[str]
    documents: list[int]
    received_at: datetime


class PollOut(Schema):
    stored: int
    failed: int
    error: str
    busy: bool  # another poller was reading the mailbox


class FolderIn(Schema):
    path: str
    collection: str


class FolderOut(Schema):
    id: int
    path: str
    collection: str
    enabled: bool
    last_polled_at: datetime | None
    last_status: str
    last_error: str


class FolderPollOut(Schema):
    stored: int
    failed: int
    waiting: int
    error: str


class FormIn(Schema):
    slug: str
    title_en: str
    title_zh: str
    collection: str
    statement_en: str
    statement_zh: str
    intro_en: str = ""
    intro_zh: str = ""
    department: str = ""


class FieldIn(Schema):
    name: str
    kind: str
    label_en: str
    label_zh: str
    help_en: str = ""
    help_zh: str = ""
    required: bool = False
    choices: list[str] = []  # "English | 中文"


class ChoiceOut(Schema):
    en: str
    zh: str


class FieldOut(Schema):
    name: str
    kind: str
    label_en: str
    label_zh: str
    help_en: str
    help_zh: str
    required: bool
    choices: list[ChoiceOut]


class FormOut(Schema):
    slug: str
    title_en: str
    title_zh: str
    intro_en: str
    intro_zh: str
    statement_en: str
    statement_zh: str
    fields: list[FieldOut]
    published: bool


class SubmissionIn(Schema):
    answers: dict[str, str]
    consent: bool = False
    language: str = "en"


class ReceiptOut(Schema):
    reference: str


class SubmissionOut(Schema):
    reference: str
    answers: dict
    sender_email: str
    language: str
    documents: list[int]
    created_at: datetime
