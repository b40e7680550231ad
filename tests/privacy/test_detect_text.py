"""The detector on names and addresses, on Chinese and mixed text, and on hostile input."""

import itertools
import time

from aiplus.privacy.detect import detect


def found(text: str) -> list[tuple[str, str]]:
    return [(s.type, text[s.start : s.end]) for s in detect(text)]


def test_chinese_names_by_title_cue_and_owner():
    assert found("陳大文先生今日來電。") == [("PERSON", "陳大文")]
    assert found("請聯絡歐陽先生。") == [("PERSON", "歐陽先生")]
    assert found("姓名：司徒美玲") == [("PERSON", "司徒美玲")]
    assert found("聯絡人：李小明，謝謝") == [("PERSON", "李小明")]
    assert found("款項已存入梁家豪的戶口。") == [("PERSON", "梁家豪")]


def test_english_names_by_title_cue_lists_and_hong_kong_shapes():
    assert found("Dear Mr Chan Tai-man, thank you.") == [("PERSON", "Chan Tai-man")]
    assert found("Peter Chan will attend.") == [("PERSON", "Peter Chan")]
    assert found("The refund goes to CHAN Tai man today.") == [("PERSON", "CHAN Tai man")]
    assert found("My name is Vanessa P. Hertzog.") == [("PERSON", "Vanessa P. Hertzog")]


def test_places_and_bodies_are_not_names():
    assert found("The Lands Department moved to the Central Government Offices in Wong Tai Sin.") == []
    assert found("He knows Hong Kong well.") == []


def test_english_address_is_one_span():
    text = "Send it to Flat A, 12/F, Block 3, Sunshine Court, 123 Nathan Road, Mong Kok, Kowloon."
    assert found(text) == [
        ("ADDRESS", "Flat A, 12/F, Block 3, Sunshine Court, 123 Nathan Road, Mong Kok, Kowloon")
    ]


def test_chinese_address_is_one_span_without_the_words_before_it():
    assert found("地址：香港九龍旺角彌敦道123號信和中心12樓A室。") == [
        ("ADDRESS", "香港九龍旺角彌敦道123號信和中心12樓A室")
    ]
    assert found("我住在沙田第一城12座15樓C室") == [("ADDRESS", "沙田第一城12座15樓C室")]


def test_a_district_alone_or_an_ordinary_word_is_not_an_address():
    assert found("他在2019年搬到屯門，至今已五年。") == []
    assert found("報道指出，渠道很多。") == []


def test_mixed_text_finds_every_type():
    text = "Mrs Tam 話佢住 Flat B, 3/F, 18 Kweilin Street, Sham Shui Po，電話 6123 4567，HKID A123456(3)。"
    assert [t for t, _ in found(text)] == ["PERSON", "ADDRESS", "PHONE", "HKID"]


def test_offsets_hold_around_unpaired_surrogates():
    text = "\ud800 陳大文先生 \udfff 電話 9123 4567 \ud83d"
    spans = detect(text)
    assert [(s.type, s.text) for s in spans] == [("PERSON", "陳大文"), ("PHONE", "9123 4567")]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_huge_and_hostile_input_finishes_in_bounded_time():
    """Long runs that would make a careless pattern backtrack: capitalised words, digits, surnames."""
    pieces = [
        "Aaaa " * 20_000,
        "1 " * 50_000,
        "陳" * 50_000,
        "9" * 50_000,
        "A123456 " * 10_000,
        "Flat 1, " * 10_000,
    ]
    started = time.perf_counter()
    for piece in pieces:
        detect(piece)
    assert time.perf_counter() - started < 20


def test_spans_are_sorted_and_do_not_overlap():
    text = "Mr Chan (chan.tm@example.com, 9123 4567) lives at 123 Nathan Road, Mong Kok. 陳先生 A123456(3)"
    spans = detect(text)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_a_name_found_once_is_found_again_without_its_title():
    assert found("陳大文先生來電。陳大文表示會再聯絡。") == [("PERSON", "陳大文"), ("PERSON", "陳大文")]
    assert found("My name is Vanessa P. Hertzog but everyone calls me Vanessa.") == [
        ("PERSON", "Vanessa P. Hertzog"),
        ("PERSON", "Vanessa"),
    ]


def test_an_address_after_a_cue_runs_to_the_end_of_its_clause():
    assert found("eva lives at 255 Hersnapvej 18, København K") == [
        ("ADDRESS", "255 Hersnapvej 18, København K")
    ]
    assert found("我住喺沙田第一城12座15樓C室，好近車站。") == [("ADDRESS", "沙田第一城12座15樓C室")]
    assert found("Please send it to my office. Thanks") == []


def test_offices_and_roles_in_a_contact_directory_are_not_names():
    text = "Contact Directory: Licensing Appeals Board; Accessibility Coordinator; Information Officer."
    assert [t for t, _ in found(text)] == []
    assert found("Ignatius Lindqvist handed in the form.") == [("PERSON", "Ignatius Lindqvist")]


def test_a_floor_or_a_meeting_room_alone_is_not_an_address():
    assert found("The meeting room is on 12/F of the Central Government Offices.") == []
    assert found("會議在3樓舉行，請到Room 5登記。") == []
    assert found("Apt. 864 is still mine") == [("ADDRESS", "Apt. 864")]


def test_codes_schemes_festivals_and_dates_are_not_names_or_addresses():
    assert found('"licence-new","zh-Hans"') == []
    assert found("Register for the HA Go app or the Senior Citizen Card Scheme.") == []
    assert found("Offices close for Ching Ming, Tuen Ng and Chung Yeung.") == []
    assert found("Effective from 29 May 2026.") == []
    assert found("新狗隻牌照只在柴灣及沙田兩間動物管理中心辦理。") == []
    assert found("投訴人稱其住所九龍灣仔德輔道中106號漏水。") == [("ADDRESS", "九龍灣仔德輔道中106號")]
