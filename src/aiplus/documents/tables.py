"""Table rows as text a person reads: each value with its column's header, one row to a line.

A workbook row is written as ``Header: value | Header: value``, so a passage carries its column names and
search finds "Fee (HK$) 費用（港幣）" beside "120". ``row_sentence`` reads such a row back and writes it as
one sentence in the asker's language, built only from the headers and values: where a table has both
languages (a bilingual header "Fee (HK$) 費用（港幣）", a pair of columns "Item" and "項目", a bilingual value
"Waived / 全免"), only the asker's half is used, so "How much is a dog licence?" is answered "For Dog
licence (3 years), the fee is HK$120, …" and "狗牌幾錢?" "狗隻牌照（三年）的費用為120（港幣），…".
"""

import re
from itertools import zip_longest

from aiplus.core.language import CJK_PUNCTUATION, FULL_WIDTH, HAN, HAN_RE

CELL_SEPARATOR = " | "
_LATIN = re.compile(r"[A-Za-z]")
# The first CJK character (ideograph or full-width punctuation) that starts the Chinese half of a header.
_CHINESE_HALF = re.compile(f"[{CJK_PUNCTUATION}{HAN}{FULL_WIDTH}]")
# A unit in brackets at the end of a header: "Fee (HK$)", "費用（港幣）".
_UNIT = re.compile(r"^(?P<name>.*?)\s*[(（](?P<unit>[^()（）]+)[)）]$")
_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?$")


def row_line(header: list[str], row: list[str]) -> str:
    """One row as "Header: value | Header: value", leaving out empty cells; a cell's line breaks become
    spaces, so the row stays one line."""
    pairs = []
    for name, value in zip_longest(header, row, fillvalue=""):
        value = " ".join(value.split())
        if value:
            name = " ".join(name.split())
            pairs.append(f"{name}: {value}" if name else value)
    return CELL_SEPARATOR.join(pairs)


def row_pairs(line: str) -> list[tuple[str, str]] | None:
    """The (header, value) pairs of a line written by ``row_line``, or None for a line that is not one."""
    pairs = []
    for cell in line.split(CELL_SEPARATOR):
        name, colon, value = cell.partition(": ")
        if not colon or not name.strip() or not value.strip():
            return None
        pairs.append((name.strip(), value.strip()))
    return pairs if len(pairs) >= 2 else None


def _half(text: str, chinese: bool) -> str:
    """The asker's half of a bilingual header or value: "Fee (HK$) 費用（港幣）" → "Fee (HK$)" or "費用（港幣）";
    "Waived / 全免" → "Waived" or "全免". A text in one language only is returned whole, or "" when it is
    in the other language."""
    if " / " in text:
        parts = [part.strip() for part in text.split(" / ")]
        wanted = [part for part in parts if bool(HAN_RE.search(part)) == chinese]
        if wanted and len(wanted) < len(parts):
            return " / ".join(wanted)
    has_han, has_latin = bool(HAN_RE.search(text)), bool(_LATIN.search(text))
    if has_han and has_latin:
        match = _CHINESE_HALF.search(text)
        english, han = text[: match.start()].strip(), text[match.start() :].strip()
        if english and HAN_RE.search(han) and not HAN_RE.search(english):
            return han if chinese else english
        return text
    if has_han and not chinese:
        return ""
    if has_latin and chinese and not _NUMBER.match(text):
        return "" if " " in text or len(text) > 12 else text  # a code such as DL-01 reads in both
    return text


def _is_label(value: str) -> bool:
    """Whether a value names the row (words) rather than a code or a number."""
    return bool(HAN_RE.search(value)) or (" " in value and bool(_LATIN.search(value)))


def _with_unit(header: str, value: str, chinese: bool) -> tuple[str, str]:
    """Move a bracketed unit from the header to a numeric value: ("Fee (HK$)", "120") → ("Fee", "HK$120")."""
    match = _UNIT.match(header)
    if not match or not _NUMBER.match(value):
        return header, value
    unit = match["unit"].strip()
    if unit.endswith("$"):
        return match["name"], f"{unit}{value}"
    return match["name"], (f"{value}（{unit}）" if chinese else f"{value} {unit}")


def _lower_first(text: str) -> str:
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _verb(header: str) -> str:
    """ "The notes are", "the fee is": a plural English header takes "are"."""
    word = header.split()[-1] if header.split() else ""
    return "are" if word.endswith("s") and not word.endswith("ss") else "is"


def row_sentence(pairs: list[tuple[str, str]], *, chinese: bool) -> str:
    """One table row as a sentence in English or Chinese, from its headers and values; "" when the row has
    nothing in that language."""
    kept = []
    for header, value in pairs:
        header, value = _half(header, chinese), _half(value, chinese)
        if header and value:
            kept.append((header, value))
    if not kept:
        return ""
    subject_at = next((i for i, (_h, v) in enumerate(kept) if _is_label(v)), None)
    subject = kept.pop(subject_at)[1] if subject_at is not None else ""
    facts = [_with_unit(header, value, chinese) for header, value in kept]
    if chinese:
        body = "，".join(f"{header}為{value}" for header, value in facts)
        return f"{subject}的{body}。" if subject else f"{body}。"
    clauses = [f"the {_lower_first(header)} {_verb(header)} {value}" for header, value in facts]
    body = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return f"For {subject}, {body}." if subject else f"{body[:1].upper()}{body[1:]}."
