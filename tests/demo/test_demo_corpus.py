"""The demo corpus is generated from content files under scripts/demo_content (see scripts/make_demo_corpus.py)."""

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

from demo_writers.content import Section, read_document  # noqa: E402

CONTENT = """---
output: fees-and-payments/example-en.pdf
format: pdf
title: 'Example: a guide'
lang: en
---

Ref: DSD/1

## Fees

Fees are payable when you apply.

- First item.
- Second item.

<!-- fee table: licence, en -->

<!-- new page -->
## Counters

| Office | Hours |
| --- | --- |
| Central | 9:00 am to 5:00 pm |
"""

FEES = """part,code,item_en,item_zh,fee_hkd,unit_en,unit_zh,notes
licence,DL-01,Dog licence (3 years),狗隻牌照（三年）,120,per dog,每隻狗,
licence,IN-01,"Photocopy, A4",A4影印本,1.5,per page,每頁,
other,VB-01,Community hall hire,社區會堂租用,210,per hour,每小時,
"""


def _write(folder: Path, content: str = CONTENT) -> Path:
    (folder / "fees.csv").write_text(FEES, "utf-8")
    source = folder / "example-en.md"
    source.write_text(content, "utf-8")
    return source


def test_content_file_reads_as_sections_of_paragraphs_lists_and_tables(tmp_path):
    """Front matter gives the output and title; the body gives sections, blocks and page breaks."""
    document = read_document(_write(tmp_path))

    assert (document.path, document.format, document.title, document.lang) == (
        "fees-and-payments/example-en.pdf",
        "pdf",
        "Example: a guide",
        "en",
    )
    assert document.sections == [
        Section("", ["Ref: DSD/1"]),
        Section(
            "Fees",
            [
                "Fees are payable when you apply.",
                ["First item.", "Second item."],
                (
                    ("Code", "Item", "Fee (HK$)", "Unit"),
                    ("DL-01", "Dog licence (3 years)", "120", "per dog"),
                    ("IN-01", "Photocopy, A4", "1.50", "per page"),
                ),
            ],
        ),
        Section("Counters", [(("Office", "Hours"), ("Central", "9:00 am to 5:00 pm"))], new_page=True),
    ]


def test_fee_sheet_keeps_fees_as_numbers(tmp_path):
    """The spreadsheet view of fees.csv has the bilingual columns and numeric fees, so a sheet can sum them."""
    content = CONTENT.split("Ref: DSD/1")[0].replace("format: pdf", "format: xlsx")
    document = read_document(
        _write(tmp_path, content + "## Other 其他\n\n<!-- fee table: other, sheet -->\n")
    )

    [(name, rows)] = document.sheets
    assert name == "Other 其他"
    assert rows[1] == ("VB-01", "Community hall hire", "社區會堂租用", 210, "per hour", "每小時", "")
    assert isinstance(rows[1][3], int)


def test_paragraph_broken_over_lines_is_refused(tmp_path):
    """A paragraph is one line, so a wrapped one is an error rather than text silently changed."""
    with pytest.raises(ValueError, match="one line"):
        read_document(_write(tmp_path, CONTENT.replace("payable when", "payable\nwhen")))


def test_content_files_regenerate_the_committed_corpus(tmp_path):
    """Every committed demo document reads (bytes or page texts) the same as the one the content files make."""
    pytest.importorskip("reportlab")
    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists():
        pytest.skip("the scanned notices need Debian's fonts-noto-cjk")
    from check_demo_corpus import compare
    from make_demo_corpus import CORPUS_DIR, generate

    generate(tmp_path, quiet=True)
    results = compare(CORPUS_DIR, tmp_path)

    assert len(results) == 35
    assert [(r.path, r.outcome, r.detail) for r in results if not r.ok] == []
