"""Plain text and Markdown, in UTF-8 or the legacy Chinese encodings still found on shared drives."""

import re
from pathlib import Path

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.limits import check_text_file_size
from aiplus.documents.parsers import PageCallback, PageText, ParsedDocument

_ENCODINGS = ("utf-8-sig", "utf-16", "big5hkscs", "gb18030")


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in _ENCODINGS:
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "text"}, detail="unknown encoding")


def parse_text(path: Path, *, on_page: PageCallback | None = None, **_) -> ParsedDocument:
    check_text_file_size(path)
    text = read_text(path)
    if "\x00" in text:
        raise AiplusError(ErrorCode.CORRUPT_FILE, {"file_type": "text"}, detail="binary content")
    heading = re.search(r"^#\s+(.+)$", text, flags=re.MULTILINE)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = heading.group(1).strip() if heading else (first_line if len(first_line) <= 80 else "")
    if on_page:
        on_page(1, 1)
    return ParsedDocument(pages=[PageText(1, text)], title=title)
