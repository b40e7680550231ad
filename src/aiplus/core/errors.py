"""One project error with a code; the edge (page, API, CLI) turns it into a message in the user's language."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    CONFLICT = "conflict"
    UNKNOWN_DEPARTMENT = "unknown_department"
    UNSUPPORTED_TYPE = "unsupported_type"
    TOO_LARGE = "too_large"
    CORRUPT_FILE = "corrupt_file"
    EMPTY_FILE = "empty_file"
    NO_TEXT = "no_text"
    MODEL_UNAVAILABLE = "model_unavailable"
    BAD_TRANSCRIPT = "bad_transcript"
    SPEECH_NOT_CONFIGURED = "speech_not_configured"
    BAD_AUDIO = "bad_audio"
    INTERNAL = "internal"


MESSAGES = {
    ErrorCode.NOT_FOUND: _("Not found, or you do not have access to it."),
    ErrorCode.FORBIDDEN: _("You do not have permission to do this."),
    ErrorCode.INVALID: _("The request is not valid."),
    ErrorCode.CONFLICT: _("This conflicts with something that already exists."),
    ErrorCode.UNKNOWN_DEPARTMENT: _("There is no department with the code %(code)s."),
    ErrorCode.UNSUPPORTED_TYPE: _(
        "This file type is not supported. Use PDF, Word (DOCX), Excel (XLSX), HTML, text, Markdown, "
        "or an image (PNG, JPG, TIFF)."
    ),
    ErrorCode.TOO_LARGE: _("The file is larger than the limit of %(limit_mb)s MB."),
    ErrorCode.CORRUPT_FILE: _(
        "The file is damaged or is not really a %(file_type)s file, so it cannot be read."
    ),
    ErrorCode.EMPTY_FILE: _("The file is empty."),
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
    ErrorCode.INTERNAL: _("Something went wrong while processing. The administrator has been told."),
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
    ErrorCode.CONFLICT: 409,
    ErrorCode.UNKNOWN_DEPARTMENT: 400,
    ErrorCode.UNSUPPORTED_TYPE: 415,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.CORRUPT_FILE: 422,
    ErrorCode.EMPTY_FILE: 422,
    ErrorCode.NO_TEXT: 422,
    ErrorCode.MODEL_UNAVAILABLE: 503,
    ErrorCode.BAD_TRANSCRIPT: 422,
    ErrorCode.SPEECH_NOT_CONFIGURED: 503,
    ErrorCode.BAD_AUDIO: 422,
    ErrorCode.INTERNAL: 500,
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
        return str(template) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


class AiplusError(Exception):
    def __init__(self, code: ErrorCode, params: dict | None = None, detail: str = ""):
        self.code = code
        self.params = params or {}
        self.detail = detail
        super().__init__(f"{code}: {detail or self.params}")

    @property
    def message(self) -> str:
        return error_message(self.code, self.params)

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.code]
