"""What a task works on: the pages of an uploaded file, of a document in a collection the user may read, or
of pasted text; and their sentences, each knowing its page, paragraph and character offsets, so that every
summary sentence can say where it came from."""

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

from aiplus.assistant.flags import instruction_reason
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.language import sentence_spans, word_count
from aiplus.core.validation import clean_text
from aiplus.documents.limits import check_characters
from aiplus.documents.models import Status
from aiplus.documents.parsers import detect_file_type, parser_for
from aiplus.documents.selectors import document_for_reading

PAGE_JOIN = "\n\n"  # how pages are joined into the one text that character offsets count in
_LINE_END_RE = re.compile(r"\r\n?")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class SourcePages:
    label: str
    pages: list[tuple[int, str]]  # (page number, text), pages with text only
    document_id: int | None = None

    @property
    def text(self) -> str:
        return PAGE_JOIN.join(text for _, text in self.pages)


@dataclass(frozen=True)
class SourceSentence:
    number: int  # 1-based, in reading order; what a model cites as [n]
    text: str
    page: int
    paragraph: int  # 1-based over the whole document
    start: int  # character offsets into ``SourcePages.text``
    end: int

    @property
    def words(self) -> int:
        return word_count(self.text)

    def where(self) -> dict:
        return {
            "sentence": self.number,
            "page": self.page,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }


def _checked(label: str, pages: list[tuple[int, str]], document_id: int | None = None) -> SourcePages:
    # Line ends as "\n" (a browser's form sends "\r\n"), so that paragraphs and offsets mean one thing.
    pages = [
        (number, _LINE_END_RE.sub("\n", text).strip()) for number, text in pages if text and text.strip()
    ]
    if not pages:
        raise AiplusError(ErrorCode.NO_TEXT)
    check_characters(sum(len(text) for _, text in pages))
    return SourcePages(label, pages, document_id)


def source_from_text(text) -> SourcePages:
    """Pasted text: refused with the field's reason when it is empty, too long or holds broken characters."""
    return _checked(str(_("Pasted text")), [(1, clean_text("pilot.text", text))])


def source_from_upload(*, stream: BinaryIO, filename: str) -> SourcePages:
    """The pages of an uploaded file, read by the same parsers as ingestion (OCR included), without storing
    it. A file over the upload limit, of an unknown type, damaged or without text is refused."""
    filename = clean_text("document.filename", PurePath(filename or "").name)
    limit = settings.AIPLUS_MAX_UPLOAD_BYTES
    with tempfile.TemporaryDirectory(prefix="aiplus-pilot-") as folder:
        path = Path(folder) / ("upload" + PurePath(filename).suffix.lower())
        size = 0
        with path.open("wb") as out:
            while block := stream.read(1024 * 1024):
                size += len(block)
                if size > limit:
                    raise AiplusError(ErrorCode.TOO_LARGE, {"limit_mb": limit // (1024 * 1024)})
                out.write(block)
        with path.open("rb") as head:
            file_type = detect_file_type(filename, head.read(8))
        parsed = parser_for(file_type)(path, ocr=settings.AIPLUS_OCR_ENABLED)
    return _checked(filename, [(page.number, page.text) for page in parsed.pages])


def source_from_document(*, actor, document_id: int) -> SourcePages:
    """The pages of a document in a collection the actor may read (NOT_FOUND otherwise, as everywhere)."""
    document = document_for_reading(actor, document_id)
    if document.status != Status.READY:
        raise AiplusError(ErrorCode.STILL_PROCESSING, detail=f"document {document_id} is {document.status}")
    pages = list(document.pages.order_by("number").values_list("number", "text"))
    return _checked(document.title or document.filename, pages, document.pk)


def sentences_of(source: SourcePages) -> list[SourceSentence]:
    """Every sentence of the source in order, its line breaks taken out. A paragraph is a block between
    blank lines."""
    out: list[SourceSentence] = []
    offset, paragraph = 0, 0
    for page_number, text in source.pages:
        start = 0
        blocks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK_RE.finditer(text)] + [(len(text), 0)]
        for block_end, next_start in blocks:
            block = text[start:block_end]
            if block.strip():
                paragraph += 1
                for a, b in sentence_spans(block):
                    out.append(
                        SourceSentence(
                            len(out) + 1,
                            _unwrap(block[a:b]),
                            page_number,
                            paragraph,
                            offset + start + a,
                            offset + start + b,
                        )
                    )
            start = next_start
        offset += len(text) + len(PAGE_JOIN)
    return out


def instruction_flags(source: SourcePages) -> list[dict]:
    """The source's sentences that read as instructions to an AI assistant (``assistant.flags``), each with
    its reason code and where it is. The user is told of them; a model is given them only as fenced data."""
    return [
        {"reason": reason, "excerpt": " ".join(sentence.text.split())[:300], **sentence.where()}
        for sentence in sentences_of(source)
        if (reason := instruction_reason(sentence.text))
    ]


def _unwrap(text: str) -> str:
    """A sentence's line breaks taken out: a space between two Latin words, nothing between Chinese
    characters (a PDF wraps Chinese lines anywhere)."""
    return _WRAP_RE.sub(
        lambda m: m.group(1) + (" " if m.group(1).isascii() and m.group(2).isascii() else ""), text
    )


_WRAP_RE = re.compile(r"(\S)[ \t]*\n\s*(?=(\S))")
