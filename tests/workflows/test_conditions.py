"""Conditions match unsegmented Chinese in either script, file names and types, fields and the sender."""

from aiplus.workflows.conditions import Subject, condition_met
from aiplus.workflows.definition import Condition


def _met(subject: Subject, **condition) -> bool:
    return condition_met(Condition(**condition), subject)


def test_a_traditional_keyword_finds_simplified_text_and_the_other_way_round():
    simplified = Subject(text="市民投诉渠务工程噪音")
    traditional = Subject(text="市民投訴渠務工程噪音")
    assert _met(simplified, kind="content", keywords=["投訴"])
    assert _met(traditional, kind="content", keywords=["投诉"])
    assert not _met(traditional, kind="content", keywords=["讚揚"])


def test_a_keyword_inside_an_unsegmented_sentence_matches_without_word_boundaries():
    letter = Subject(text="本署收到有關屯門區渠務工程的投訴信")
    assert _met(letter, kind="content", keywords=["渠務工程"])
    assert _met(letter, kind="content", regex="屯門.{0,3}渠務")
    assert _met(letter, kind="content", keywords=["渠務", "噪音"], match="any")
    assert not _met(letter, kind="content", keywords=["渠務", "噪音"], match="all")


def test_english_keywords_ignore_case_and_full_width_letters():
    assert _met(Subject(text="ＣＯＭＰＬＡＩＮＴ about noise"), kind="content", keywords=["complaint"])


def test_file_name_type_department_and_negation():
    scan = Subject(filename="Licence-Form.PDF", file_type="pdf", department="dsd")
    assert _met(scan, kind="filename", equals=["licence-*.pdf"])
    assert _met(scan, kind="file_type", equals=[".pdf", "png"])
    assert _met(scan, kind="department", equals=["DSD"])
    assert not _met(scan, kind="department", equals=["hpd"])
    assert _met(scan, kind="department", equals=["hpd"], negate=True)


def test_extracted_fields_and_the_origin():
    subject = Subject(
        fields={"amount": "1500.00", "district": "屯门"},
        origin={"channel": "email", "sender": "chan@example.hk"},
    )
    assert _met(subject, kind="field", name="amount", regex=r"^\d{4}\.")
    assert _met(subject, kind="field", name="district", equals=["屯門"])
    assert not _met(subject, kind="field", name="missing")
    assert _met(subject, kind="origin", name="channel", equals=["email"])
    assert _met(subject, kind="origin", name="sender", keywords=["@example.hk"])
