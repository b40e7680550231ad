"""A file's pages of text through the documents app's parsers (OCR for scans and images included)."""

import tempfile
from pathlib import Path, PurePath

from aiplus.documents.parsers import PageText, detect_file_type, parser_for


def read_pages(data: bytes, filename: str) -> list[PageText]:
    """Every page of the file, in order; the documents app's errors for an unsupported, damaged or empty
    file."""
    file_type = detect_file_type(filename, data[:16])
    suffix = PurePath(filename).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        return list(parser_for(file_type)(path).pages)


def page_texts_joined(pages: list[PageText]) -> tuple[str, list[tuple[int, int]]]:
    """The pages as one text (separated by blank lines) and each page's (number, offset) in it."""
    parts, offsets, at = [], [], 0
    for page in pages:
        offsets.append((page.number, at))
        parts.append(page.text)
        at += len(page.text) + 2
    return "\n\n".join(parts), offsets
