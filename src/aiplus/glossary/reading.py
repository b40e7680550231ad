"""Reading glossary rows from a CSV or XLSX file. Every row is checked; a file with any bad row is refused
whole, with each problem by row number, so a half-imported termbase never exists."""

from dataclasses import dataclass, field

from aiplus.core.errors import AiplusError
from aiplus.core.language import to_simplified, to_traditional
from aiplus.core.validation import clean_text, invalid
from aiplus.faq.reading import RowProblem, read_table
from aiplus.glossary.terms import Term

# Header spellings accepted for each column (lower-cased, "_" read as "-").
COLUMNS = {
    "en": ("en", "english", "英文"),
    "zh_hant": ("zh-hant", "zh-hk", "zh", "traditional", "繁體", "繁體中文", "中文"),
    "zh_hans": ("zh-hans", "zh-cn", "simplified", "简体", "簡體", "简体中文", "簡體中文"),
    "notes": ("notes", "note", "備註", "备注"),
    "forbidden": ("forbidden", "avoid", "禁用", "不用"),
}
MAX_ROWS = 20_000


@dataclass
class ReadTerms:
    terms: list[Term] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def _where(header: list[str]) -> dict[str, int]:
    where = {}
    for at, name in enumerate(header):
        name = name.strip().lower().replace("_", "-")
        for column, spellings in COLUMNS.items():
            if name in spellings and column not in where:
                where[column] = at
    return where


def clean_term(*, en, zh_hant, zh_hans, notes, forbidden) -> Term:
    """One term checked by the field rules; a missing Chinese form is made from the other with OpenCC."""
    en = clean_text("glossary.en", en)
    zh_hant = clean_text("glossary.zh_hant", zh_hant)
    zh_hans = clean_text("glossary.zh_hans", zh_hans)
    notes = clean_text("glossary.notes", notes)
    if isinstance(forbidden, str):
        forbidden = forbidden.split("|")
    if not isinstance(forbidden, list | tuple):
        raise invalid("glossary.forbidden", "not_text")
    variants = tuple(dict.fromkeys(clean_text("glossary.forbidden", v) for v in forbidden if str(v).strip()))
    if not (en or zh_hant or zh_hans):
        raise invalid("glossary.en", "glossary_empty")
    if zh_hans and not zh_hant:
        zh_hant = to_traditional(zh_hans)
    if zh_hant and not zh_hans:
        zh_hans = to_simplified(zh_hant)
    if set(variants) & {en, zh_hant, zh_hans}:
        raise invalid("glossary.forbidden", "glossary_forbids_itself")
    return Term(en=en, zh_hant=zh_hant, zh_hans=zh_hans, notes=notes, forbidden=variants)


def read_terms(data: bytes, filename: str) -> ReadTerms:
    table = read_table(data, filename, field="glossary.file")
    while table and not any(cell.strip() for cell in table[0]):
        table.pop(0)
    if not table:
        raise invalid("glossary.file", "faq_empty")
    where = _where(table[0])
    if "en" not in where and "zh_hant" not in where and "zh_hans" not in where:
        raise invalid("glossary.file", "glossary_columns")
    result = ReadTerms()
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(table[1 : MAX_ROWS + 1], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            column: (cells[where[column]] if column in where and where[column] < len(cells) else "")
            for column in COLUMNS
        }
        try:
            term = clean_term(**values)
        except AiplusError as error:
            result.problems.append(RowProblem(number, error))
            continue
        key = (term.en.lower(), term.zh_hant)
        if key in seen:
            result.problems.append(
                RowProblem(number, invalid("glossary.en", "glossary_duplicate", first=seen[key]))
            )
            continue
        seen[key] = number
        result.terms.append(term)
    if not result.terms and not result.problems:
        raise invalid("glossary.file", "faq_empty")
    return result
