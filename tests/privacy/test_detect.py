"""The detector on identifiers written with digits: what is found, with which type, and what is left alone."""

import pytest

from aiplus.privacy.detect import TYPES, detect, hkid_valid, luhn_valid


def found(text: str) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in detect(text)]


def test_hkid_check_character_is_validated():
    assert hkid_valid("A123456(3)")
    assert hkid_valid("CA182361(1)")
    assert hkid_valid("g123456a")
    assert not hkid_valid("A123456(4)")
    assert not hkid_valid("A12345(3)")


def test_spans_give_type_and_offsets_into_the_text():
    text = "身份證 A123456(3)，電話 9123 4567，電郵 chan.tm@example.com.hk"
    assert found(text) == [
        ("HKID", "A123456(3)"),
        ("PHONE", "9123 4567"),
        ("EMAIL", "chan.tm@example.com.hk"),
    ]
    assert {s.type for s in detect(text)} <= set(TYPES)


def test_a_number_with_a_wrong_check_character_is_not_an_hkid():
    assert [s.type for s in detect("Case A123456(4) was closed.")] == []


@pytest.mark.parametrize(
    "written",
    ["A123456(3)", "A123456（3）", "A 123456 (3)", "A1234563", "CA182361(1)", "身份證號碼A123456(3)。"],
)
def test_hkid_is_found_however_it_is_written(written):
    assert [t for t, _ in found(f"ID {written} ok")] == ["HKID"]


@pytest.mark.parametrize(
    "written",
    [
        "9123 4567",
        "91234567",
        "9123-4567",
        "+852 9123 4567",
        "(852) 2345 6789",
        "852-6123-4567",
        "+85231234567",
    ],
)
def test_hong_kong_phones_in_their_usual_shapes(written):
    assert found(f"請致電 {written} 聯絡我。") == [("PHONE", written)]


@pytest.mark.parametrize(
    "text",
    [
        "For general enquiries, call the Transport Department hotline at 2804 2600.",
        "如有查詢，請致電社會福利署熱線2343 2255。",
        "Call 1823 for help.",
        "call 32740138 (enquiry hotline) for details",
        "The fee is HK$ 23456789 and the fine $12,345,678.",
        "罰款為23456789元。",
        "可在社署服務單位名錄查閱或致電2343 2255。",
        "Fax / 傳真" + " " * 40 + "2000 0900",
        "Please quote application number 20240315 when you write.",
        "File No. 23456789 was opened under Cap. 486; see form GF 340 and Case No. 2024/123, CM 12/2024.",
    ],
)
def test_look_alike_numbers_are_not_personal_data(text):
    assert found(text) == []


def test_cards_need_the_luhn_check_and_a_card_grouping():
    assert luhn_valid("4111111111111111")
    assert found("信用卡號碼4111111111111111，") == [("CREDIT_CARD", "4111111111111111")]
    assert found("Card 5425-2334-3010-9903 expires") == [("CREDIT_CARD", "5425-2334-3010-9903")]
    assert found("Amex 3782 822463 10005 ok") == [("CREDIT_CARD", "3782 822463 10005")]
    assert found("Order no. 4111 1111 1111 1112 was shipped.") == []


def test_passports_hksar_alone_and_others_after_a_cue():
    assert found("HKSAR passport K01234567 issued") == [("PASSPORT", "K01234567")]
    assert found("護照號碼 E12345678") == [("PASSPORT", "E12345678")]
    assert found("Batch E12345678 shipped") == []


def test_bank_accounts_in_hong_kong_shapes_and_iban():
    assert found("請存入戶口012-345-67890-1。") == [("BANK_ACCOUNT", "012-345-67890-1")]
    assert found("HSBC account 004-512345-001") == [("BANK_ACCOUNT", "004-512345-001")]
    assert found("IBAN GB82 WEST 1234 5698 7654 32 please") == [
        ("BANK_ACCOUNT", "GB82 WEST 1234 5698 7654 32")
    ]
    assert found("Population 123456789 in the region") == []


def test_emails_and_phones_abroad():
    assert found("Write to s.wong_1984@netvigator.com.") == [("EMAIL", "s.wong_1984@netvigator.com")]
    assert found("stop messages to 541-714-1388 please") == [("PHONE", "541-714-1388")]
    assert found("Phone: 0490 75 40 81") == [("PHONE", "0490 75 40 81")]
