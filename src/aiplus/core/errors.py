"""One project error with a code; the edge (page, API, CLI) turns it into a message in the user's language."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    INVALID_FIELD = "invalid_field"
    CONFLICT = "conflict"
    STILL_PROCESSING = "still_processing"
    UNKNOWN_DEPARTMENT = "unknown_department"
    UNSUPPORTED_TYPE = "unsupported_type"
    NOT_REDACTABLE = "not_redactable"
    TOO_LARGE = "too_large"
    CORRUPT_FILE = "corrupt_file"
    EMPTY_FILE = "empty_file"
    ENCRYPTED_FILE = "encrypted_file"
    NO_TEXT = "no_text"
    MODEL_UNAVAILABLE = "model_unavailable"
    BAD_TRANSCRIPT = "bad_transcript"
    SPEECH_NOT_CONFIGURED = "speech_not_configured"
    BAD_AUDIO = "bad_audio"
    INVALID_ROLES = "invalid_roles"
    INTERNAL = "internal"
    REQUEST_TOO_LARGE = "request_too_large"
    RATE_LIMITED = "rate_limited"
    TIMED_OUT = "timed_out"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNAUTHENTICATED = "unauthenticated"
    UNREADABLE_BODY = "unreadable_body"
    MISSING_FIELD = "missing_field"
    WRONG_TYPE = "wrong_type"
    HEADERS_TOO_LARGE = "headers_too_large"
    UNKNOWN_FIELD = "unknown_field"
    REGISTRATION_CLOSED = "registration_closed"
    ALREADY_REGISTERED = "already_registered"
    NOT_CONFIRMED = "not_confirmed"
    MODEL_NEEDED = "model_needed"
    PERSONAL_DATA_BLOCKED = "personal_data_blocked"
    LEGAL_HOLD = "legal_hold"
    MAIL_SERVER = "mail_server"


MESSAGES = {
    ErrorCode.NOT_FOUND: _("Not found, or you do not have access to it."),
    ErrorCode.FORBIDDEN: _("You do not have permission to do this."),
    ErrorCode.INVALID: _("The request is not valid."),
    ErrorCode.INVALID_FIELD: _("%(field)s: %(reason)s."),
    ErrorCode.CONFLICT: _("This conflicts with something that already exists."),
    ErrorCode.STILL_PROCESSING: _("This is still being processed; try again when it is ready."),
    ErrorCode.UNKNOWN_DEPARTMENT: _("There is no department with the code %(code)s. Known codes: %(known)s."),
    ErrorCode.UNSUPPORTED_TYPE: _(
        "This file type is not supported. Use PDF, Word (DOCX), Excel (XLSX), HTML, text, Markdown, "
        "or an image (PNG, JPG, TIFF)."
    ),
    ErrorCode.NOT_REDACTABLE: _("Redact takes PDF, Word (DOCX), text (TXT) or Markdown (MD) files."),
    ErrorCode.TOO_LARGE: _("The file is larger than the limit of %(limit_mb)s MB."),
    ErrorCode.CORRUPT_FILE: _(
        "The file is damaged or is not really a %(file_type)s file, so it cannot be read."
    ),
    ErrorCode.EMPTY_FILE: _("The file is empty."),
    ErrorCode.ENCRYPTED_FILE: _(
        "The file is protected by a password, so it cannot be read. Remove the password and try again."
    ),
    ErrorCode.NO_TEXT: _("No text could be found in the file, even with OCR."),
    ErrorCode.MODEL_UNAVAILABLE: _("The language model service did not answer. Please try again later."),
    ErrorCode.BAD_TRANSCRIPT: _(
        "This transcript could not be read. Use WebVTT, SRT, whisper JSON, or a DOCX or text file of "
        '"Speaker: text" lines.'
    ),
    ErrorCode.SPEECH_NOT_CONFIGURED: _(
        "Speech recognition is not set up, so audio cannot be transcribed. Upload a transcript instead, or ask "
        "the administrator to configure a transcription service."
    ),
    ErrorCode.BAD_AUDIO: _("This audio file could not be read or converted."),
    ErrorCode.INVALID_ROLES: _(
        "Role %(line)s is not valid. Write one role a line as “English | 中文” (one of the two may be empty), "
        "each name at most %(limit)s characters, without control characters, and at most %(count)s roles."
    ),
    ErrorCode.INTERNAL: _("Something went wrong while processing. The administrator has been told."),
    ErrorCode.REQUEST_TOO_LARGE: _("The request is larger than the limit of %(limit_mb)s MB."),
    ErrorCode.RATE_LIMITED: _("Too many requests. Please wait %(seconds)s seconds and try again."),
    ErrorCode.TIMED_OUT: _(
        "This took longer than the limit of %(seconds)s seconds. Try a shorter question or a narrower search."
    ),
    ErrorCode.METHOD_NOT_ALLOWED: _("This address does not accept the method %(method)s."),
    ErrorCode.UNAUTHENTICATED: _("Sign in, or send a valid API token as 'Authorization: Bearer <token>'."),
    ErrorCode.UNREADABLE_BODY: _("The request body could not be read. Send JSON or a form, as documented."),
    ErrorCode.MISSING_FIELD: _("The field %(field)s is required."),
    ErrorCode.WRONG_TYPE: _("The field %(field)s does not have a value of the right kind."),
    ErrorCode.HEADERS_TOO_LARGE: _("The address or the headers of the request are too long."),
    ErrorCode.UNKNOWN_FIELD: _("The field %(field)s is not accepted here."),
    ErrorCode.REGISTRATION_CLOSED: _("Registration for this event is closed."),
    ErrorCode.ALREADY_REGISTERED: _(
        "This e-mail address is already registered for this event. Use the link in your confirmation to see "
        "or withdraw it."
    ),
    ErrorCode.NOT_CONFIRMED: _("This registration cannot be checked in: it is %(status)s."),
    ErrorCode.MODEL_NEEDED: _(
        "This task needs a language model, and none is set up. Ask the administrator to configure one; "
        "summaries and Traditional/Simplified Chinese conversion work without it."
    ),
    ErrorCode.PERSONAL_DATA_BLOCKED: _(
        "This text contains personal data (%(types)s), and your department does not allow personal data to "
        "be sent to the language model."
    ),
    ErrorCode.LEGAL_HOLD: _(
        "%(titles)s is under legal hold (%(holds)s), so it cannot be deleted or disposed of. Nothing was "
        "deleted. A records manager must release the hold first."
    ),
    ErrorCode.MAIL_SERVER: _("The mail server could not be used: %(detail)s"),
}

# A document over one of the processing limits (``documents.limits``) says which one.
TOO_LARGE_REASONS = {
    "pages": _("The file is too large: it has more than %(limit)s pages."),
    "characters": _("The file is too large: it has more than %(limit)s characters of text."),
    "pixels": _("The file is too large: an image in it is larger than %(limit)s megapixels."),
    "unpacked": _("The file is too large: a part of the file unpacks to more than %(limit)s MB."),
}

HTTP_STATUS = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.INVALID: 400,
    ErrorCode.INVALID_FIELD: 400,
    ErrorCode.CONFLICT: 409,
    ErrorCode.STILL_PROCESSING: 409,
    ErrorCode.UNKNOWN_DEPARTMENT: 400,
    ErrorCode.UNSUPPORTED_TYPE: 415,
    ErrorCode.NOT_REDACTABLE: 415,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.CORRUPT_FILE: 422,
    ErrorCode.EMPTY_FILE: 422,
    ErrorCode.ENCRYPTED_FILE: 422,
    ErrorCode.NO_TEXT: 422,
    ErrorCode.MODEL_UNAVAILABLE: 503,
    ErrorCode.BAD_TRANSCRIPT: 422,
    ErrorCode.SPEECH_NOT_CONFIGURED: 503,
    ErrorCode.BAD_AUDIO: 422,
    ErrorCode.INVALID_ROLES: 400,
    ErrorCode.INTERNAL: 500,
    ErrorCode.REQUEST_TOO_LARGE: 413,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.TIMED_OUT: 503,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.UNREADABLE_BODY: 400,
    ErrorCode.MISSING_FIELD: 422,
    ErrorCode.WRONG_TYPE: 422,
    ErrorCode.HEADERS_TOO_LARGE: 431,
    ErrorCode.UNKNOWN_FIELD: 422,
    ErrorCode.REGISTRATION_CLOSED: 409,
    ErrorCode.ALREADY_REGISTERED: 409,
    ErrorCode.NOT_CONFIRMED: 409,
    ErrorCode.MODEL_NEEDED: 503,
    ErrorCode.PERSONAL_DATA_BLOCKED: 422,
    ErrorCode.LEGAL_HOLD: 409,
    ErrorCode.MAIL_SERVER: 502,
}


# The fields ``core.validation`` checks, by the name the API reports, as the user reads them.
FIELD_LABELS = {
    "collection.slug": _("collection short name"),
    "collection.name": _("collection name"),
    "collection.description": _("collection description"),
    "document.filename": _("file name"),
    "document.source_id": _("document source"),
    "document.title": _("document title"),
    "search.query": _("search words"),
    "search.k": _("number of results"),
    "question": _("question"),
    "meeting.title": _("meeting title"),
    "meeting.agenda": _("agenda"),
    "meeting.speaker": _("speaker name"),
    "meeting.turn": _("transcript text"),
    "template.name": _("template name"),
    "template.title": _("template title"),
    "template.heading": _("section heading"),
    "department.code": _("department code"),
    "department.name": _("department name"),
    "user.username": _("user name"),
    "token.name": _("token name"),
    "model.endpoint": _("model endpoint"),
    "model.name": _("model name"),
    "model.api_key": _("model API key"),
    "model.timeout": _("model timeout (seconds)"),
    "model.personal_data_policy": _("personal data policy"),
    "governance.feature": _("feature"),
    "governance.type": _("personal data type"),
    "governance.since": _("from date"),
    "governance.until": _("to date"),
    "brief.from": _("from date"),
    "brief.to": _("to date"),
    "brief.query": _("topic"),
    "brief.language": _("brief language"),
    "brief.format": _("format"),
    "chat.title": _("chat title"),
    "chat.retention_days": _("days to keep chats"),
    "bot.slug": _("bot short name"),
    "bot.name": _("bot name"),
    "bot.greeting": _("greeting"),
    "bot.decline_message": _("decline message"),
    "bot.origin": _("allowed web site"),
    "handoff.contact": _("contact details"),
    "handoff.message": _("message"),
    "review.answer": _("approved answer"),
    "bot.collections": _("collections"),
    "conversation": _("conversation"),
    "rating": _("rating"),
    "golden": _("golden set"),
    "faq.file": _("FAQ file"),
    "faq.id": _("entry id"),
    "faq.question": _("question"),
    "faq.alternative": _("other wording"),
    "faq.answer": _("answer"),
    "faq.language": _("language"),
    "faq.url": _("link"),
    "faq.form": _("form"),
    "faq.department": _("department"),
    "forum.slug": _("event short name"),
    "forum.title": _("event title"),
    "forum.title_zh": _("event title in Chinese"),
    "forum.theme": _("theme"),
    "forum.description": _("event description"),
    "forum.mode": _("event mode"),
    "forum.venue": _("venue"),
    "forum.online_link": _("online meeting link"),
    "forum.ends_at": _("end time"),
    "forum.capacity": _("number of seats"),
    "forum.registration_mode": _("attendance mode"),
    "forum.person_name": _("name"),
    "forum.email": _("e-mail address"),
    "forum.organisation_type": _("organisation type"),
    "forum.organisation": _("organisation"),
    "forum.consent": _("consent"),
    "forum.status": _("registration status"),
    "forum.attendance": _("attendance file"),
    "forum.session_kind": _("kind of session"),
    "forum.session_solution": _("solution shown at the session"),
    "forum.session_need": _("need matched at the session"),
    "redact.text": _("text to remove"),
    "redact.selection": _("selected text"),
    "redact.type": _("kind of personal data"),
    "pilot.text": _("document text"),
    "pilot.points": _("points for the reply"),
    "pilot.template.name": _("template name"),
    "pilot.template.body": _("template text"),
    "glossary.file": _("glossary file"),
    "glossary.en": _("English term"),
    "glossary.zh_hant": _("Traditional Chinese term"),
    "glossary.zh_hans": _("Simplified Chinese term"),
    "glossary.notes": _("notes"),
    "glossary.forbidden": _("words not to use"),
    "glossary.share": _("departments to share with"),
    "proofread.text": _("text to proofread"),
    "extract.schema": _("schema"),
    "extract.field": _("field name"),
    "extract.type": _("field type"),
    "extract.label": _("field label"),
    "extract.pattern": _("field pattern"),
    "vendor.name": _("company name"),
    "vendor.name_zh": _("company name in Chinese"),
    "vendor.br_number": _("business registration number"),
    "vendor.contact_name": _("contact person"),
    "vendor.contact_email": _("contact e-mail"),
    "vendor.contact_phone": _("contact telephone"),
    "vendor.website": _("company web site"),
    "vendor.note": _("reviewer's note"),
    "vendor.password": _("password"),
    "solution.name_en": _("solution name in English"),
    "solution.name_zh": _("solution name in Chinese"),
    "solution.summary_en": _("summary in English"),
    "solution.summary_zh": _("summary in Chinese"),
    "solution.description": _("description"),
    "solution.categories": _("capability categories"),
    "solution.technologies": _("technology types"),
    "solution.languages": _("languages supported"),
    "solution.deployment": _("deployment model"),
    "solution.residency": _("data residency"),
    "solution.pricing_model": _("pricing model"),
    "solution.risk_tier": _("generative-AI risk tier"),
    "solution.certification": _("security certification"),
    "solution.annual_price_hkd": _("indicative annual price (HK$)"),
    "solution.references": _("references"),
    "solution.demo_url": _("demo link"),
    "solution.note": _("reviewer's note"),
    "solution.status": _("solution status"),
    "solution.attachment": _("attachment"),
    "solution.file": _("solution file"),
    "need.title": _("need title"),
    "need.problem": _("problem statement"),
    "need.current_process": _("current process"),
    "need.volumes": _("volumes"),
    "need.requirement": _("requirement"),
    "need.weight": _("requirement weight"),
    "need.weights": _("nice-to-have weights"),
    "need.sensitivity": _("data sensitivity"),
    "need.languages": _("languages"),
    "need.budget_hkd": _("budget (HK$)"),
    "need.timeline": _("timeline"),
    "need.visibility": _("visibility"),
    "need.department": _("department"),
    "proposal.summary": _("proposal summary"),
    "proposal.evidence": _("evidence"),
    "proposal.solution": _("proposed solution"),
    "match.stage": _("stage"),
    "match.outcome": _("outcome"),
    "records.code": _("schedule code"),
    "records.title_en": _("schedule title in English"),
    "records.title_zh": _("schedule title in Chinese"),
    "records.document_type": _("document type"),
    "records.years": _("years to keep"),
    "records.months": _("months to keep"),
    "records.days": _("days to keep"),
    "records.trigger": _("counted from"),
    "records.action": _("action at the end"),
    "records.collection": _("collection"),
    "records.schedule": _("retention schedule"),
    "records.until": _("keep until"),
    "records.file": _("schedule file"),
    "records.hold_name": _("hold name"),
    "records.reason": _("reason"),
    "records.note": _("note"),
    "records.scope": _("hold scope"),
    "records.query": _("search words"),
    "records.documents": _("documents"),
    "records.batch": _("disposal batch"),
    "mailbox.name": _("mailbox short name"),
    "mailbox.host": _("mail server"),
    "mailbox.port": _("port"),
    "mailbox.security": _("connection security"),
    "mailbox.username": _("mail user name"),
    "mailbox.password": _("where the password is kept"),
    "mailbox.password_env": _("password environment variable"),
    "mailbox.password_file": _("password file"),
    "mailbox.folder": _("mail folder"),
    "mailbox.collection": _("collection"),
    "rule.sender_pattern": _("sender pattern"),
    "rule.subject_contains": _("subject contains"),
    "rule.body_contains": _("body contains"),
    "rule.attachment_types": _("attachment types"),
    "folder.path": _("folder path"),
    "form.slug": _("form short name"),
    "form.title_en": _("title in English"),
    "form.title_zh": _("title in Chinese"),
    "form.intro_en": _("introduction in English"),
    "form.intro_zh": _("introduction in Chinese"),
    "form.statement_en": _("personal information collection statement in English"),
    "form.statement_zh": _("personal information collection statement in Chinese"),
    "form.field_name": _("field name"),
    "form.kind": _("kind of field"),
    "form.label_en": _("label in English"),
    "form.label_zh": _("label in Chinese"),
    "form.help_en": _("help in English"),
    "form.help_zh": _("help in Chinese"),
    "form.choices": _("choices"),
    "form.fields": _("fields"),
    "form.consent": _("consent"),
    "form.short_answer": _("answer"),
    "form.long_answer": _("answer"),
    "mail.header": _("mail header"),
    "workflow.definition": _("workflow"),
    "workflow.name": _("workflow name"),
    "workflow.description": _("workflow description"),
    "workflow.enabled": _("workflow"),
    "workflow.fields": _("extracted fields"),
    "workflow.run": _("workflow run"),
    "workflow.person": _("person"),
    "workflow.team": _("team"),
    "workflow.decision": _("decision"),
    "workflow.comment": _("comment"),
    "workflow.task": _("task"),
    "workflow.webhook": _("webhook address"),
    "classifier.slug": _("classifier short name"),
    "classifier.name": _("classifier name"),
    "classifier.label": _("label"),
    "classifier.text": _("text to classify"),
    "classifier.file": _("examples file"),
    "classifier.folder": _("examples folder"),
    "classifier.examples": _("labelled examples"),
    "classifier.source": _("source of the label"),
}

# Why a field was refused; completes "<field>: <reason>." in the user's language.
FIELD_REASONS = {
    "required": _("this cannot be empty"),
    "not_text": _("give plain text"),
    "too_long": _("use at most %(limit)s characters"),
    "one_line": _("use a single line"),
    "control": _("remove the invisible control characters"),
    "surrogate": _("it contains a broken character (an unpaired surrogate); type or paste it again"),
    "slug": _(
        "use lower-case letters, digits and hyphens, starting with a letter or digit (1–%(limit)s characters)"
    ),
    "conversation_id": _(
        "use %(minimum)s to %(limit)s letters, digits and hyphens, such as a random id made for the conversation"
    ),
    "username": _("use letters, digits and @ . + - _ only"),
    "template_name": _(
        "use letters, digits, hyphens and underscores, and not the name of a built-in template"
    ),
    "range": _("give a whole number from %(minimum)s to %(maximum)s"),
    "url": _("give an address starting with http:// or https://"),
    "origin": _("give a web site's origin, such as https://www.example.gov.hk"),
    "golden_header": _("give a CSV file whose first line is question,expected_id,wording"),
    "faq_columns": _("the columns id, question, answer and language are needed; missing: %(missing)s"),
    "faq_language": _("use en or zh-Hant (zh-Hans, zh and zh-HK are also accepted)"),
    "faq_duplicate": _("this id already has a row in this language (row %(first)s)"),
    "faq_url": _("give a web address starting with http:// or https://"),
    "faq_file": _("give a CSV (UTF-8) or Excel (XLSX) file"),
    "faq_empty": _("the file has no entries"),
    "faq_kind": _("this collection holds documents; FAQ entries go in a FAQ or forms collection"),
    "faq_bar": _("a wording cannot contain the character |"),
    "one_of": _("choose one of: %(choices)s"),
    "after_start": _("the end must be after the start"),
    "email": _("give an e-mail address such as chan@example.gov.hk"),
    "consent": _("agree to the personal information collection statement to register"),
    "attendance_columns": _("give a CSV file with a column named Email (as meeting platforms export it)"),
    "attendance_encoding": _("save the file as UTF-8 or UTF-16 text"),
    "session_solution": _("only a demo booth or a matching slot shows a solution, and only a published one"),
    "session_need": _("only a matching slot shows a need, and only one published to vendors"),
    "not_in_document": _("it does not occur in the document"),
    "selection": _("select some text inside the document"),
    "choice": _("choose one of the listed values"),
    "glossary_columns": _("give a column en, zh-Hant or zh-Hans (and optionally notes and forbidden)"),
    "glossary_empty": _("give the term in English or Chinese"),
    "glossary_duplicate": _("this term is already in the file (row %(first)s)"),
    "glossary_forbids_itself": _("a term cannot be one of its own words not to use"),
    "field_name": _("use letters, digits and underscores, starting with a letter"),
    "schema_json": _("give a JSON object with a list of fields, as documented"),
    "schema_type": _("use one of %(types)s"),
    "schema_duplicate": _("the name %(name)s is used twice"),
    "schema_pattern": _("the pattern is not a valid regular expression"),
    "schema_size": _("give from 1 to %(limit)s fields"),
    "proofread_changed": _("the text has changed since it was checked; check it again"),
    "policy": _("use off, mask or block (or leave it empty for the platform's default)"),
    "date": _("give a date as YYYY-MM-DD"),
    "date_order": _("give a date on or after the from date"),
    "no_releases": _("no press release in the collection is dated in this range and matches the topic"),
    "br_number": _("give the 8 digits of the business registration number (e.g. 12345678, or 12345678-000)"),
    "weights_total": _("the weights must add up to 100 (they add up to %(total)s)"),
    "budget_order": _("the lowest budget cannot be above the highest"),
    "transition": _("a solution that is %(current)s cannot become %(wanted)s"),
    "stage": _("a match at stage %(current)s cannot move to %(wanted)s"),
    "outcome_needed": _("say what the outcome was"),
    "file_type": _("give a PDF, Word, Excel, PowerPoint, PNG or JPEG file"),
    "columns": _("the columns %(missing)s are missing"),
    "password": _("use at least %(limit)s characters"),
    "not_vendor": _("this solution is not one of your vendor's"),
    "vendor_not_approved": _("your company has not been approved by the innovation office yet"),
    "retention_target": _("give either a schedule code or a date, not both"),
    "no_default_schedule": _(
        "the document's collection has no default schedule; give a schedule code or a date"
    ),
    "unknown_schedule": _("your department has no schedule with the code %(code)s"),
    "schedule_period": _("give a period of at least one day (years, months or days)"),
    "schedule_collection": _("give a collection of the schedule's department"),
    "hold_scope": _("give a collection, one or more documents of your department, or search words"),
    "batch_status": _("this batch is %(current)s, so it cannot be %(wanted)s"),
    "own_batch": _("the officer who proposed a disposal batch cannot approve it; another approver must"),
    "hold_released": _("this hold has already been released"),
    "env_name": _("use capital letters, digits and underscores, such as AIPLUS_MAIL_PASSWORD"),
    "password_source": _("give either an environment variable or a file, not both"),
    "password_missing": _("nothing is set there on the server"),
    "same_department": _("choose a collection of the same department"),
    "folder_root": _("give a folder inside one of the allowed folders: %(roots)s"),
    "folder_missing": _("the folder does not exist on the server"),
    "phone": _("give a telephone number of 8 to 15 digits, such as 2123 4567"),
    "form_consent": _("agree to the personal information collection statement to send the form"),
    "no_fields": _("add at least one field"),
    "unpublished": _("this form is not published"),
    "wf_json": _("give a JSON object with a name, a trigger and a list of steps, as documented"),
    "wf_missing": _("%(where)s is missing"),
    "wf_unknown_key": _("%(where)s is not a known setting; remove it"),
    "wf_choice": _("%(where)s must be one of: %(choices)s"),
    "wf_count": _("%(where)s has too few or too many items"),
    "wf_value": _("%(where)s does not have a valid value (%(problem)s)"),
    "wf_regex": _("%(where)s is not a valid regular expression"),
    "wf_condition": _("%(where)s needs keywords or a regular expression"),
    "wf_collection": _("the department has no collection named %(collection)s"),
    "wf_name_taken": _("the department already has a workflow with this name"),
    "wf_fields_missing": _("required fields were not found: %(names)s"),
    "wf_one_source": _("give exactly one of: a document, a file or text"),
    "wf_conditions_unmet": _("the document does not meet the workflow's conditions"),
    "wf_not_stopped": _("only a failed or stopped run can be retried"),
    "wf_disabled": _("the workflow is switched off"),
    "wf_person": _("%(name)s is not an active user of the department"),
    "wf_team": _("there is no team named %(name)s"),
    "wf_person_or_team": _("give either a person or a team"),
    "wf_task_closed": _("this task has already been decided"),
    "wf_webhook_internal": _(
        "%(host)s is an internal address; ask the administrator to allow it (AIPLUS_WEBHOOK_ALLOW)"
    ),
    "wf_webhook_status": _("the webhook answered with status %(status)s"),
    "classifier_taken": _("this department already has a classifier with this short name"),
    "classifier_columns": _("give a CSV (UTF-8) or Excel file with the columns text and label"),
    "classifier_folder": _("give a folder holding one folder per label, with the documents inside"),
    "classifier_too_few": _("label examples of at least two different labels (two of each to see figures)"),
}


def _field_params(params: dict) -> dict:
    """Fill in the field's label and the reason, each in the active language."""
    field, reason = params.get("field", ""), params.get("reason", "")
    return {
        **params,
        "field": str(FIELD_LABELS.get(field, field)),
        "reason": str(FIELD_REASONS.get(reason, reason)) % params,
    }


def error_message(code: str, params: dict | None = None) -> str:
    """The message for a stored or raised error code, in the active language."""
    try:
        template = MESSAGES[ErrorCode(code)]
    except ValueError:
        template = MESSAGES[ErrorCode.INTERNAL]
    if code == ErrorCode.TOO_LARGE and (params or {}).get("reason") in TOO_LARGE_REASONS:
        template = TOO_LARGE_REASONS[params["reason"]]
    try:
        if code == ErrorCode.INVALID_FIELD and params:
            params = _field_params(params)
        return str(template) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


class AiplusError(Exception):
    """``field`` names the input at fault, when one is (the API reports it beside the message)."""

    def __init__(self, code: ErrorCode, params: dict | None = None, detail: str = "", field: str = ""):
        self.code = code
        self.params = params or {}
        self.detail = detail
        self._field = field
        super().__init__(f"{code}: {detail or self.params}")

    @property
    def message(self) -> str:
        return error_message(self.code, self.params)

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.code]

    @property
    def field(self) -> str:
        """The input field at fault (``"collection.slug"``), or "" when the error is not about one field."""
        if self._field:
            return self._field
        return self.params.get("field", "") if self.code == ErrorCode.INVALID_FIELD else ""
