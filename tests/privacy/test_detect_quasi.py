"""Quasi-identifiers (places, organisations, nationalities, dates, ages, IP and web addresses, other identity
numbers): found when asked for, with their type, and left alone where a look-alike is not one. By default
``detect`` gives the eight personal types only, as the model gateway needs."""

import pytest

from aiplus.privacy.detect import ALL_TYPES, QUASI_TYPES, TYPES, detect


def found(text: str) -> list[tuple[str, str]]:
    return [(s.type, s.text) for s in detect(text, types=ALL_TYPES)]


def kinds(text: str) -> set[str]:
    return {kind for kind, _ in found(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I will be travelling to Canada next week.", ("LOCATION", "Canada")),
        ("We flew from New Zealand to Oslo.", ("LOCATION", "New Zealand")),
        ("She moved here from Kenosha last year.", ("LOCATION", "Kenosha")),
        ("The parcel went to Flateyri.", ("LOCATION", "Flateyri")),
        ("我們在沙田見面。", ("LOCATION", "沙田")),
    ],
)
def test_places_from_the_gazetteer_or_after_a_place_cue(text, expected):
    assert expected in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mobile numbers are listed below.",  # a town in the gazetteer, and an ordinary word
        "Most of the forms arrive in March.",
        "Split the bill, then Reading the form is quick.",  # big towns that are ordinary words
        "Florence Wong called about the form.",  # a person, not the Italian city
    ],
)
def test_ordinary_words_and_names_are_not_places(text):
    assert "LOCATION" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Microbilt Corporation is the brand.", "Microbilt Corporation"),
        ("She joined Loveland Technologies Ltd in May.", "Loveland Technologies Ltd"),
        ("He studied at the University of Hong Kong.", "University of Hong Kong"),
        ("I work for Datamyne now.", "Datamyne"),
        ("The audit was done by Baker & McKenzie.", "Baker & McKenzie"),
        ("我在匯豐銀行開戶。", "匯豐銀行"),
        ("佢喺長江實業有限公司返工。", "長江實業有限公司"),
    ],
)
def test_organisations_by_their_last_word_a_work_cue_or_founders_names(text, expected):
    assert ("ORGANIZATION", expected) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please write to the Immigration Department.",  # public bodies are not proposed
        "Genres: Action & Adventure, Mystery & Suspense.",
        "入境事務處會回覆。",
    ],
)
def test_public_bodies_and_lists_of_words_are_not_organisations(text):
    assert "ORGANIZATION" not in kinds(text)


def test_nationalities_religions_and_parties_only_as_capitalised_words():
    assert ("NRP", "Polish") in found("It is a Polish action comedy.")
    assert ("NRP", "Buddhist") in found("The applicant is Buddhist.")
    assert "NRP" not in kinds("Please polish the brass plate.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was born on 8/5/1989.", "8/5/1989"),
        ("Seen on 13 March 2019 at noon.", "13 March 2019"),
        ("When: 2000-04-16 11:34:35 Where: Tai Po", "11:34:35"),
        ("He flew there on Tuesday morning.", "Tuesday"),
        ("The club was founded in 1977.", "1977"),
        ("會議於2023年3月5日舉行。", "2023年3月5日"),
        ("我星期三有空。", "星期三"),
    ],
)
def test_dates_and_times(text, expected):
    assert ("DATE_TIME", expected) in found(text)


@pytest.mark.parametrize(
    "text",
    ["Office at 12/F, Room 1977.", "See Cap. 486 and Case No. 2024/123.", "Pay HK$1,990 by cheque."],
)
def test_floors_rooms_ordinances_and_amounts_are_not_dates(text):
    assert "DATE_TIME" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Patient is a 35-year-old teacher.", "35"),
        ("He just turned 78 years old.", "78"),
        ("She retired at the age of 61.", "61"),
        ("i'm 31 y/o.", "31"),
        ("申請人今年45歲。", "45"),
        ("陳伯伯八十歲生日。", "八十"),
    ],
)
def test_ages(text, age):
    assert ("AGE", age) in found(text)


def test_durations_and_counts_are_not_ages():
    assert "AGE" not in kinds("He gave 35 years of service and 3 years ago moved 12 boxes.")


def test_ip_and_web_addresses():
    text = (
        "Blocked 86.121.97.248 and 6e40:4041:c617:e898:c11:40d2:c669:2eb4; see https://www.example.se/ now."
    )
    assert {("IP_ADDRESS", "86.121.97.248"), ("URL", "https://www.example.se/")} <= set(found(text))
    assert ("IP_ADDRESS", "6e40:4041:c617:e898:c11:40d2:c669:2eb4") in found(text)


def test_file_names_and_impossible_addresses_are_neither_urls_nor_ips():
    assert kinds("Read README.md, version 999.300.1.1 and e.g. the notes.") == set()


def test_other_identity_numbers_after_their_cue():
    assert ("ID_NUMBER", "054-28-6917") in found("Here's my SSN: 054-28-6917.")
    assert ("ID_NUMBER", "6940579") in found("My driver's license number is 6940579.")
    assert ("ID_NUMBER", "A12345678") in found("駕駛執照號碼 A12345678")


def test_hkid_and_public_numbers_keep_their_reading():
    text = "HKID A123456(3); Case No. 2024/123; enquiry hotline 2835 1473."
    assert found(text) == [("HKID", "A123456(3)")]


def test_an_address_takes_in_the_town_country_and_postcode_that_follow_it():
    text = "Send it to 22 Talga Court Apt. 331, Kaster, Denmark 04494 please."
    assert ("ADDRESS", "22 Talga Court Apt. 331, Kaster, Denmark 04494") in found(text)


def test_by_default_only_the_personal_types_are_looked_for():
    text = "Mr Chan, aged 45, flew to Canada on 13 March 2019 for Loveland Technologies Ltd; phone 9123 4567."
    assert {s.type for s in detect(text)} == {"PERSON", "PHONE"}
    assert set(QUASI_TYPES) & {s.type for s in detect(text, types=ALL_TYPES)} == {
        "AGE",
        "LOCATION",
        "DATE_TIME",
        "ORGANIZATION",
    }
    assert [s for s in detect(text, types=ALL_TYPES) if s.type in TYPES] == detect(text)


def test_a_postcode_after_a_place_is_an_address_but_a_year_is_not():
    assert ("ADDRESS", "67626") in found("The parcel came from Sweden 67626 by air.")
    assert ("DATE_TIME", "2019") in found("We moved to Canada in 2019.")
    assert "ADDRESS" not in kinds("Visitors to Canada 2019 rose.")
