"""The parser registry: which file types aiplus reads, how each is recognised, and the text it yields.

A parser takes a path and returns the document's pages in order. Formats without pages (Word, HTML, text)
give one page; a workbook gives one page per sheet.

Every parser takes a keyword ``on_page: PageCallback | None`` and calls ``on_page(pages_done, pages_total)``
after each page it reads (once for a format without pages). An exception raised by it propagates: the worker
uses it as its checkpoint to record progress, keep its claim alive and stop cancelled work.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePath

from aiplus.core.errors import AiplusError, ErrorCode

PageCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class PageText:
    number: int
    text: str
    ocr: bool = False
    rows: bool = False  # each line is a table row: a passage of its own, never cut (documents.tables)


@dataclass(frozen=True)
class ParsedDocument:
    pages: list[PageText]
    title: str = ""


# file type -> (module, function, file extensions)
_REGISTRY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "pdf": ("aiplus.documents.parsers.pdf", "parse_pdf", (".pdf",)),
    "docx": ("aiplus.documents.parsers.office", "parse_docx", (".docx",)),
    "xlsx": ("aiplus.documents.parsers.office", "parse_xlsx", (".xlsx",)),
    "html": ("aiplus.documents.parsers.html", "parse_html", (".html", ".htm")),
    "txt": ("aiplus.documents.parsers.text", "parse_text", (".txt", ".text")),
    "md": ("aiplus.documents.parsers.text", "parse_text", (".md", ".markdown")),
    "image": ("aiplus.documents.parsers.image", "parse_image", (".png", ".jpg", ".jpeg", ".tif", ".tiff")),
}

_MAGIC = {
    b"%PDF": "pdf",
    b"\x89PNG": "image",
    b"\xff\xd8\xff": "image",
    b"II*\x00": "image",
    b"MM\x00*": "image",
}

# Formats whose pages a reader can turn to: a page number means something there, and a PDF viewer opens the
# file at it. Word, HTML and text files are one flowing page; a workbook's "pages" are its sheets.
PAGED_FILE_TYPES = frozenset({"pdf", "image"})


def has_pages(file_type: str) -> bool:
    return file_type in PAGED_FILE_TYPES


SUPPORTED_EXTENSIONS = tuple(ext for _, _, exts in _REGISTRY.values() for ext in exts)


def detect_file_type(filename: str, head: bytes) -> str:
    """The file type from its extension, checked against its first bytes where the format has a signature.

    A file whose content contradicts its extension (a renamed executable called ``.pdf``) is refused as
    corrupt rather than handed to the wrong parser.
    """
    extension = PurePath(filename).suffix.lower()
    by_extension = next((kind for kind, (_, _, exts) in _REGISTRY.items() if extension in exts), None)
    if by_extension is None:
        raise AiplusError(ErrorCode.UNSUPPORTED_TYPE, detail=extension or filename)
    if not head:
        raise AiplusError(ErrorCode.EMPTY_FILE)
    sniffed = next((kind for magic, kind in _MAGIC.items() if head.startswith(magic)), None)
    if by_extension in {"pdf", "image"} and sniffed != by_extension:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": extension.lstrip(".").upper()})
    if by_extension in {"docx", "xlsx"} and not head.startswith(b"PK\x03\x04"):
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": by_extension.upper()})
    return by_extension


def parser_for(file_type: str) -> Callable[..., ParsedDocument]:
    module, function, _ = _REGISTRY[file_type]
    return getattr(import_module(module), function)
