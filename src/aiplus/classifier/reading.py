"""Reading labelled examples from a CSV or XLSX file with columns ``text`` and ``label`` (headers also in
Chinese: 內容/文字, 類別/標籤). Every row is checked; a file with any bad row is refused whole, with each
problem by row number, so a half-imported training set never exists."""

from dataclasses import dataclass, field

from aiplus.core.errors import AiplusError
from aiplus.core.validation import clean_text, invalid
from aiplus.faq.reading import RowProblem, read_table

COLUMNS = {
    "text": ("text", "content", "document", "內容", "文字", "内容"),
    "label": ("label", "category", "class", "類別", "標籤", "类别", "标签"),
}
MAX_ROWS = 50_000


@dataclass(frozen=True)
class ExampleRow:
    row: int
    text: str
    label: str


@dataclass
class ReadExamples:
    examples: list[ExampleRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def read_examples(data: bytes, filename: str) -> ReadExamples:
    table = read_table(data, filename, field="classifier.file")
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        raise invalid("classifier.file", "faq_empty")
    header = [cell.strip().lower() for cell in table[0]]
    where = {}
    for column, spellings in COLUMNS.items():
        where[column] = next((at for at, name in enumerate(header) if name in spellings), None)
    if None in where.values():
        raise invalid("classifier.file", "classifier_columns")
    result = ReadExamples()
    for number, cells in enumerate(table[1 : MAX_ROWS + 1], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {column: (cells[at] if at < len(cells) else "") for column, at in where.items()}
        try:
            text = clean_text("classifier.text", values["text"])
            label = clean_text("classifier.label", values["label"])
        except AiplusError as error:
            result.problems.append(RowProblem(number, error))
            continue
        result.examples.append(ExampleRow(number, text, label))
    if not result.examples and not result.problems:
        raise invalid("classifier.file", "faq_empty")
    return result
