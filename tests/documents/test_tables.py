"""A spreadsheet row reads as a whole: each value with its header, one passage, and as one sentence in the
asker's language where the table has both."""

import pytest

from aiplus.documents.models import Chunk
from aiplus.documents.services import collection_create
from aiplus.documents.tables import row_line, row_pairs, row_sentence
from tests.conftest import add_file

HEADER = ["Code 編號", "Item", "項目", "Fee (HK$) 費用（港幣）", "Unit", "單位", "Notes 備註"]
DOG = [
    "DL-01",
    "Dog licence (3 years)",
    "狗隻牌照（三年）",
    "120",
    "per dog",
    "每隻狗",
    "Waived for low income / 低收入全免",
]


@pytest.fixture
def collection(alice):
    return collection_create(actor=alice, slug="c", name="C", department=alice.department)


def test_a_row_keeps_each_value_with_its_header_on_one_line():
    line = row_line(HEADER, [*DOG[:6], "Waived for\nlow income / 低收入全免"])
    assert line.startswith("Code 編號: DL-01 | Item: Dog licence (3 years) | 項目: 狗隻牌照（三年）")
    assert "Fee (HK$) 費用（港幣）: 120" in line and "\n" not in line
    assert row_pairs(line)[3] == ("Fee (HK$) 費用（港幣）", "120")


def test_a_bilingual_row_reads_as_an_english_sentence():
    sentence = row_sentence(row_pairs(row_line(HEADER, DOG)), chinese=False)
    assert sentence == (
        "For Dog licence (3 years), the code is DL-01, the fee is HK$120, the unit is per dog "
        "and the notes are Waived for low income."
    )


def test_a_bilingual_row_reads_as_a_chinese_sentence():
    sentence = row_sentence(row_pairs(row_line(HEADER, DOG)), chinese=True)
    assert sentence == "狗隻牌照（三年）的編號為DL-01，費用為120（港幣），單位為每隻狗，備註為低收入全免。"


def test_an_english_only_table_has_no_chinese_sentence():
    pairs = row_pairs(row_line(["Service", "Fee (HK$)"], ["Dog licence", "80"]))
    assert row_sentence(pairs, chinese=False) == "For Dog licence, the fee is HK$80."
    assert row_sentence(pairs, chinese=True) == ""


def test_a_line_that_is_not_a_row_is_not_read_as_one():
    assert row_pairs("The fee is HK$80: payable by cheque.") is None


def test_each_spreadsheet_row_is_a_passage_of_its_own_never_cut(collection, alice, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(DOG)
    sheet.append(
        ["VB-01", "Community hall hire", "社區會堂租用", 210, "per hour", "每小時", "Booking. " * 60]
    )
    for number in range(30):
        sheet.append([f"X-{number}", f"Item number {number}", f"項目{number}", number, "each", "每項", ""])
    path = tmp_path / "fees.xlsx"
    workbook.save(path)
    document = add_file(collection, alice, path)
    texts = list(Chunk.objects.filter(document=document).order_by("ordinal").values_list("text", flat=True))
    assert len(texts) == 32
    assert texts[0] == row_line(HEADER, DOG)
    assert texts[1].startswith("Code 編號: VB-01") and texts[1].endswith("Booking.")
