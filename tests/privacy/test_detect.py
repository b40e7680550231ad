from aiplus.privacy.detect import detect, hkid_valid


def test_hkid_check_character_is_validated():
    assert hkid_valid("A123456(3)")
    assert hkid_valid("CA182361(1)")
    assert hkid_valid("g123456a")
    assert not hkid_valid("A123456(4)")
    assert not hkid_valid("A12345(3)")


def test_spans_give_type_and_offsets_into_the_text():
    text = "身份證 A123456(3)，電話 9123 4567，電郵 chan.tm@example.com.hk"
    spans = detect(text)
    assert [(s.type, text[s.start : s.end]) for s in spans] == [
        ("HKID", "A123456(3)"),
        ("PHONE", "9123 4567"),
        ("EMAIL", "chan.tm@example.com.hk"),
    ]


def test_a_number_with_a_wrong_check_character_is_not_an_hkid():
    assert [s.type for s in detect("Case A123456(4) was closed.")] == []
