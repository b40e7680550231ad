"""The text a file is reviewed on, and where each of its characters sits in the file.

The text is the documents app's own extraction (``aiplus.documents.parsers``): pypdfium2's text layer page by
page, reflowed the same way; OCR for a scanned page; the Word paragraphs and table rows. Offsets given to the
user (the CLI's ``--json``, the Redact page) are offsets into this text. For a PDF each character also keeps
the index of the pdfium character it came from, so a span can be turned into boxes on the page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.parsers import detect_file_type, parser_for

PAGE_SEPARATOR = "\n\n"
REDACTABLE_EXTENSIONS = (".pdf", ".docx", ".txt", ".text", ".md", ".markdown")
Progress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass
class PdfPageMap:
    """One PDF page in the review text: where it starts, and for each of its characters the pdfium character
    index it came from (-1 for a character reflow or OCR added). ``ocr_boxes`` holds, for a scanned page, each
    character's box in PDF points (left, bottom, right, top), in place of pdfium indices."""

    number: int
    start: int
    char_index: list[int] = field(default_factory=list)
    ocr_boxes: list[tuple[float, float, float, float] | None] | None = None


@dataclass
class Extracted:
    text: str
    file_type: str
    pages: list[PdfPageMap] = field(default_factory=list)


def file_type_of(path: Path, filename: str) -> str:
    """The file's type, refused unless the Redact tool can write it back (PDF, DOCX, text, Markdown), or when
    its content is not what its extension says."""
    extension = PurePath(filename).suffix.lower()
    if extension not in REDACTABLE_EXTENSIONS:
        raise AiplusError(ErrorCode.NOT_REDACTABLE, detail=extension or filename)
    with path.open("rb") as stream:
        head = stream.read(8)
    return detect_file_type(filename, head)


def extract(path: Path, filename: str, progress: Progress | None = None) -> Extracted:
    file_type = file_type_of(path, filename)
    if file_type == "pdf":
        from aiplus.privacy.redact.pdf import extract_pdf

        return extract_pdf(path, progress)
    parsed = parser_for(file_type)(path)
    return Extracted(text=PAGE_SEPARATOR.join(page.text for page in parsed.pages), file_type=file_type)


def align(original: str, changed: str) -> list[int]:
    """For each character of ``changed`` (``original`` with some whitespace removed or merged into one
    space, as reflow does), the index of the character it is in ``original``, or -1."""
    mapping, j = [], 0
    for character in changed:
        k = original.find(character, j)
        if k < 0 or (character.isspace() and original[j:k].strip()):
            mapping.append(-1)
            continue
        mapping.append(k)
        j = k + 1
    return mapping
