"""Fields of a user's schema found in forms and letters, each with where it was found and whether it is
valid; a model's proposals kept only when the document says them."""

import json

import pytest

from aiplus.core.errors import AiplusError
from aiplus.documents.parsers import PageText
from aiplus.pilot.extract import extract_fields, parse_schema
from aiplus.pilot.extract.model import verified_value

LETTER = """示範服務署 Demo Services Department
Our Ref.: DSD/LIC/2025/0042
Date: 5 January 2025

Name of Applicant 申請人姓名: CHAN Tai Man
HKID No.: A123456(3)
Address | Flat 3A, 12/F, Block B, Harbour View Estate, 8 Harbour Road, Wan Chai
Telephone: 2123 4567    Email: tm.chan@example.com
Fee: HK$1,330.00
"""

SCHEMA = {
    "fields": [
        {"name": "reference", "type": "case_number", "required": True},
        {"name": "date", "type": "date"},
        {"name": "applicant", "type": "name", "required": True},
        {"name": "hkid", "type": "hkid"},
        {"name": "address", "type": "address"},
        {"name": "phone", "type": "phone"},
        {"name": "email", "type": "email"},
        {"name": "fee", "type": "amount"},
    ]
}


def values(text, schema=SCHEMA):
    return {v.name: v for v in extract_fields([PageText(1, text)], parse_schema(schema))}


def test_every_field_of_a_letter_is_found_where_it_is_written():
    found = values(LETTER)
    assert found["reference"].value == "DSD/LIC/2025/0042"
    assert found["date"].normalised == "2025-01-05"
    assert found["applicant"].value == "CHAN Tai Man"
    assert found["hkid"].normalised == "A123456(3)" and found["hkid"].valid
    assert found["address"].value.startswith("Flat 3A") and found["address"].value.endswith("Wan Chai")
    assert found["phone"].normalised == "21234567"
    assert found["email"].value == "tm.chan@example.com"
    assert found["fee"].normalised == "1330.00"
    for value in found.values():
        assert LETTER[value.start : value.end] == value.value and value.page == 1


def test_a_chinese_form_with_values_on_the_next_line():
    form = "申請人姓名：\n陳大文\n身份證號碼：Z683365(5)\n申請日期：2025年3月1日\n金額：港幣 500 元\n"
    found = values(form)
    assert found["applicant"].value == "陳大文"
    assert found["date"].normalised == "2025-03-01"
    assert found["fee"].normalised == "500.00"


def test_a_wrong_check_digit_or_impossible_date_is_found_but_not_valid():
    found = values("HKID No.: A123456(4)\nDate: 31/2/2025\n")
    assert found["hkid"].found and not found["hkid"].valid
    assert found["date"].found and not found["date"].valid


def test_a_required_field_not_in_the_document_is_reported_missing():
    found = values("Nothing useful here.")
    assert not found["reference"].found and found["reference"].required


def test_a_pattern_and_label_hint_pick_the_field():
    schema = [{"name": "permit", "type": "text", "label": ["Permit"], "pattern": r"P-\d{4}"}]
    assert values("Permit: number P-1234 issued", schema)["permit"].value == "P-1234"


@pytest.mark.parametrize(
    ("schema", "field"),
    [
        ("not json", "extract.schema"),
        ({"fields": []}, "extract.schema"),
        ({"fields": [{"name": "x", "type": "colour"}]}, "extract.type"),
        ({"fields": [{"name": "a b"}]}, "extract.field"),
        ({"fields": [{"name": "x"}, {"name": "x"}]}, "extract.field"),
        ({"fields": [{"name": "x", "pattern": "("}]}, "extract.pattern"),
        (b"\xff\xfe", "extract.schema"),
    ],
)
def test_a_bad_schema_is_refused_naming_what_is_wrong(schema, field):
    with pytest.raises(AiplusError) as refused:
        parse_schema(schema)
    assert refused.value.field == field


def test_a_model_value_is_kept_only_when_the_document_says_it():
    spec = parse_schema(SCHEMA).fields[3]  # hkid
    pages = [PageText(1, LETTER)]
    kept = verified_value(spec, "A123456(3)", pages)
    assert kept is not None and LETTER[kept.start : kept.end] == "A123456(3)" and kept.method == "model"
    assert verified_value(spec, "B765432(1)", pages) is None  # invented
    assert verified_value(spec, json.dumps({"x": 1}), pages) is None


def test_a_letters_addressee_block_gives_name_and_address():
    letter = "Our Ref.: DSD/LIC/2025/0042\n\nMr CHAN Tai Man\nFlat 3A, 12/F, Block B,\n8 Harbour Road, Wan Chai\n\nDear Sir,\n"
    found = values(letter)
    assert found["applicant"].value == "CHAN Tai Man" and found["applicant"].method == "layout"
    assert found["address"].normalised == "Flat 3A, 12/F, Block B, 8 Harbour Road, Wan Chai"


def test_a_scanned_form_is_read_by_ocr(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    from aiplus.pilot.extract import read_pages

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 30)
    image = Image.new("L", (1400, 500), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(
        ["HKID No. 身份證號碼: A123456(3)", "Date 日期: 5 Jan 2025", "Fee 費用: HK$1,330"]
    ):
        draw.text((60, 60 + number * 80), line, fill=0, font=font)
    path = tmp_path / "scan.png"
    image.save(path)
    pages = read_pages(path.read_bytes(), "scan.png")
    found = {v.name: v for v in extract_fields(pages, parse_schema(SCHEMA))}
    assert found["hkid"].normalised == "A123456(3)" and found["hkid"].valid
    assert found["date"].normalised == "2025-01-05"
    assert found["fee"].normalised == "1330.00"
