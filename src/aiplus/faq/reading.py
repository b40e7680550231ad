"""Reading FAQ rows from a CSV or XLSX file, each row checked by the field rules of ``core.validation``.

A row with a bad value is reported with its row number and reason (in the reader's language when the report
is shown) and left out; a file that cannot be read at all, or lacks a needed column, is refused whole.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import PurePath

from aiplus.core.errors import AiplusError
from aiplus.core.language import to_traditional
from aiplus.core.validation import clean_text, invalid

REQUIRED = ("id", "question", "answer", "language")
OPTIONAL = ("alternatives", "url", "form", "department")
# Written language labels, folded to the two an entry may have.
LANGUAGE_ALIASES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "en-gb": "en",
    "en-us": "en",
    "en-hk": "en",
    "zh-hant": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh": "zh-Hant",
    "zh-hans": "zh-Hans",
    "zh-cn": "zh-Hans",
}
MAX_ROWS = 20_000


@dataclass(frozen=True)
class FaqRow:
    row: int  # as a spreadsheet numbers it: the header is row 1
    entry_id: str
    language: str  # "en" or "zh-Hant"
    question: str
    alternatives: tuple[str, ...]
    answer: str
    url: str = ""
    form: str = ""
    department: str = ""


@dataclass(frozen=True)
class RowProblem:
    row: int
    error: AiplusError

    @property
    def message(self) -> str:
        """In the active language, so the same report reads in English or Chinese."""
        return self.error.message

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.error.field, "message": self.message}


@dataclass
class ReadRows:
    rows: list[FaqRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _table_csv(data: bytes, field: str) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid(field, "faq_file") from None
    try:
        return [row for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        raise invalid(field, "faq_file") from None


def _table_xlsx(data: bytes, field: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise invalid(field, "faq_file") from None
    try:
        sheet = book.worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
        ]
    finally:
        book.close()


def read_table(data: bytes, filename: str, *, field: str = "faq.file") -> list[list[str]]:
    """The cells of a CSV (UTF-8) or the first sheet of an XLSX file; ``field`` names the upload in errors."""
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx" or data[:2] == b"PK":
        return _table_xlsx(data, field)
    if suffix in {".csv", ".txt", ""}:
        return _table_csv(data, field)
    raise invalid(field, "faq_file")


def _language(value: str) -> str | None:
    return LANGUAGE_ALIASES.get(value.strip().lower().replace("_", "-"))


def read_rows(data: bytes, filename: str) -> ReadRows:
    """The good rows of a FAQ file and the problems of the others. Simplified Chinese rows become the
    entry's Traditional version (converted with OpenCC ``s2hk``)."""
    table = read_table(data, filename)
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        raise invalid("faq.file", "faq_empty")
    header = [cell.strip().lower() for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise invalid("faq.file", "faq_columns", missing=", ".join(missing))
    where = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    result = ReadRows()
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(table[1 : MAX_ROWS + 1], start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(name: str, cells=cells) -> str:
            at = where.get(name)
            return cells[at] if at is not None and at < len(cells) else ""

        try:
            entry_id = clean_text("faq.id", cell("id"))
            language = _language(cell("language"))
            if language is None:
                raise invalid("faq.language", "faq_language")
            question = clean_text("faq.question", cell("question"))
            answer = clean_text("faq.answer", cell("answer"))
            alternatives = tuple(
                clean_text("faq.alternative", part)
                for part in cell("alternatives").split("|")
                if part.strip()
            )
            url = clean_text("faq.url", cell("url"))
            if url and not url.lower().startswith(("http://", "https://")):
                raise invalid("faq.url", "faq_url")
            form = clean_text("faq.form", cell("form"))
            department = clean_text("faq.department", cell("department"))
        except AiplusError as error:
            result.problems.append(RowProblem(number, error))
            continue
        if language == "zh-Hans":
            language = "zh-Hant"
            question, answer = to_traditional(question), to_traditional(answer)
            alternatives = tuple(to_traditional(a) for a in alternatives)
            department = to_traditional(department)
        key = (entry_id, language)
        if key in seen:
            result.problems.append(RowProblem(number, invalid("faq.id", "faq_duplicate", first=seen[key])))
            continue
        seen[key] = number
        result.rows.append(
            FaqRow(number, entry_id, language, question, alternatives, answer, url, form, department)
        )
    return result
