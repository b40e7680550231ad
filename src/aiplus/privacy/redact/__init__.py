"""The Redact tool: personal data found in a PDF, Word or text file, reviewed, and removed from a copy kept in
the file's own format (``redact_document``). Who may do it, the audit and the review's temporary storage are
in ``services``.

Choosing what to remove: every span chosen is removed, and so is every other occurrence of the same value
in the document, so a name accepted once does not survive on page 9.
"""

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from aiplus.documents.limits import check_characters
from aiplus.privacy.detect import ALL_TYPES, Span, detect
from aiplus.privacy.redact.docx import MASK, mask_values
from aiplus.privacy.redact.extract import Extracted, Progress, extract


@dataclass(frozen=True)
class Redaction:
    file_type: str
    text: str
    spans: list[Span]
    redacted_text: str
    data: bytes

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(span.type for span in self.spans))


def occurrences(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The ranges to remove: the spans, and every other place their values occur (any letter case)."""
    ranges = {(span.start, span.end) for span in spans}
    for value in {span.text for span in spans if span.text.strip()}:
        ranges.update((m.start(), m.end()) for m in re.finditer(re.escape(value), text, flags=re.IGNORECASE))
    return sorted(ranges)


def masked_text(text: str, ranges: list[tuple[int, int]]) -> str:
    characters = list(text)
    for start, end in ranges:
        characters[start:end] = [MASK if not c.isspace() else c for c in characters[start:end]]
    return "".join(characters)


def proposed_types() -> tuple[str, ...]:
    """What the Redact tool proposes: AIPLUS_REDACT_TYPES, or every type the detector knows when unset."""
    return tuple(settings.AIPLUS_REDACT_TYPES) or ALL_TYPES


def read_document(path: Path, filename: str, progress: Progress | None = None) -> Extracted:
    extracted = extract(path, filename, progress)
    check_characters(len(extracted.text))
    return extracted


def redact_document(
    path: Path,
    filename: str,
    *,
    extracted: Extracted | None = None,
    spans: list[Span] | None = None,
    rejected: list[str] = (),
    progress: Progress | None = None,
) -> Redaction:
    """The file with ``spans`` (default: every detection of ``proposed_types()``) removed. ``rejected`` are values the user said are
    not personal data (they stay where the detector would otherwise remove them unseen, as in a Word
    header)."""
    extracted = extracted or read_document(path, filename, progress)
    text = extracted.text
    spans = detect(text, types=proposed_types()) if spans is None else spans
    ranges = occurrences(text, spans)
    redacted_text = masked_text(text, ranges)
    values = sorted({span.text for span in spans if span.text.strip()}, key=len, reverse=True)
    if extracted.file_type == "pdf":
        from aiplus.privacy.redact.pdf import redact_pdf

        data = redact_pdf(path, extracted, ranges)
    elif extracted.file_type == "docx":
        from aiplus.privacy.redact.docx import redact_docx

        data = redact_docx(path, values, rejected, types=proposed_types())
    else:
        from aiplus.documents.parsers.text import read_text

        data = mask_values(read_text(path), values).encode("utf-8")
    return Redaction(extracted.file_type, text, list(spans), redacted_text, data)


__all__ = ["Redaction", "occurrences", "proposed_types", "read_document", "redact_document"]
