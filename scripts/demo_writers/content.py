"""Read the demo documents from their content files under ``scripts/demo_content/``.

Each document is one Markdown file: YAML front matter (``output``: the generated file's path inside the
corpus folder, whose suffix the ``format`` decides; ``format``: a key of ``demo_writers.WRITERS``; ``title``;
``lang``: ``en``, ``zh-Hant`` or ``en+zh-Hant``), then the body, whose blocks are separated by blank lines:

* ``## Heading`` starts a section; blocks before the first heading form a section without a heading;
* ``<!-- new page -->`` on the line before a heading starts that section on a new page (paged formats);
* ``- item`` lines make a bulleted list;
* a pipe table (``| a | b |``, then ``| --- | --- |``) is a table whose first row is the header;
* ``<!-- fee table: PART, en|sheet -->`` is the fee table of ``PART`` (a value of the ``part`` column of
  ``fees.csv`` beside the file): ``en`` gives code, item, fee and unit as printed in the fee schedule,
  ``sheet`` the bilingual spreadsheet rows with the fee as a number. One CSV feeds both the PDF schedule
  and the XLSX table, so the two cannot disagree;
* any other block is one paragraph, on one line.

For ``format: xlsx`` each section is a worksheet named by its heading, holding the section's one table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Table = tuple[tuple[Any, ...], ...]
Block = str | list[str] | Table

_FEE_TABLE = re.compile(r"<!-- fee table: (?P<part>[\w-]+), (?P<view>en|sheet) -->")
NEW_PAGE = "<!-- new page -->"
FEE_HEADER_EN = ("Code", "Item", "Fee (HK$)", "Unit")
FEE_HEADER_SHEET = ("Code 編號", "Item", "項目", "Fee (HK$) 費用（港幣）", "Unit", "單位", "Notes 備註")


@dataclass
class Section:
    heading: str
    body: list[Block] = field(default_factory=list)
    new_page: bool = False


@dataclass
class Document:
    path: str  # the generated file, relative to the corpus folder
    title: str
    lang: str
    format: str
    sections: list[Section]

    @property
    def sheets(self) -> list[tuple[str, Table]]:
        """Worksheets of a spreadsheet: (name, rows), one per section."""
        return [(section.heading, section.body[0]) for section in self.sections]  # type: ignore[misc]


def format_fee(fee: float) -> str:
    """A fee as printed, e.g. 1200 -> "1,200", 1.5 -> "1.50"."""
    return f"{fee:,.0f}" if float(fee).is_integer() else f"{fee:,.2f}"


def _fee_table(csv_path: Path, part: str, view: str) -> Table:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["part"] == part]
    if not rows:
        raise ValueError(f"{csv_path}: no fees in part {part!r}")
    if view == "en":
        body = ((r["code"], r["item_en"], format_fee(float(r["fee_hkd"])), r["unit_en"]) for r in rows)
        return (FEE_HEADER_EN, *body)
    return (FEE_HEADER_SHEET, *(_fee_sheet_row(r) for r in rows))


def _fee_sheet_row(row: dict[str, str]) -> tuple[Any, ...]:
    fee = float(row["fee_hkd"])
    amount = int(fee) if fee.is_integer() else fee  # a number, so the spreadsheet can sum it
    return (row["code"], row["item_en"], row["item_zh"], amount, row["unit_en"], row["unit_zh"], row["notes"])


def _block(text: str, source: Path) -> Block:
    if text.startswith("- "):
        return [line.removeprefix("- ") for line in text.splitlines()]
    if text.startswith("| "):
        header, _rule, *rows = text.splitlines()
        return tuple(tuple(line[2:-2].split(" | ")) for line in (header, *rows))
    fee = _FEE_TABLE.fullmatch(text)
    if fee:
        return _fee_table(source.parent / "fees.csv", fee["part"], fee["view"])
    if "\n" in text:
        raise ValueError(f"{source}: a paragraph must be one line: {text[:60]!r}")
    return text


def read_document(source: Path) -> Document:
    """One content file as a document (see the module docstring)."""
    _, front, body = source.read_text("utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    sections: list[Section] = []
    for text in (part.strip() for part in body.split("\n\n")):
        if not text:
            continue
        new_page = text.startswith(NEW_PAGE)
        text = text.removeprefix(NEW_PAGE).lstrip("\n")
        if text.startswith("## "):
            if "\n" in text:
                raise ValueError(f"{source}: leave a blank line after the heading {text.splitlines()[0]!r}")
            sections.append(Section(text.removeprefix("## "), new_page=new_page))
            continue
        if new_page:
            raise ValueError(f"{source}: {NEW_PAGE} must come just before a heading")
        if not sections:
            sections.append(Section(""))
        sections[-1].body.append(_block(text, source))
    return Document(meta["output"], meta["title"], meta["lang"], meta["format"], sections)


def read_documents(content_dir: Path) -> list[Document]:
    """Every document under the content folder, in path order."""
    return [read_document(path) for path in sorted(content_dir.rglob("*.md"))]
