"""Department glossaries: importing, sharing, and the terms translation and proofreading get."""

import pytest
from django.utils import translation

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.glossary.models import GlossaryTerm
from aiplus.glossary.services import (
    glossary_for,
    glossary_import,
    glossary_share,
    glossary_term_save,
    terms_for,
)

GOOD = """en,zh-Hant,zh-Hans,notes,forbidden
Digital Policy Office,數字政策辦公室,,Formed 2024,數位政策辦公室
software,軟件,软件,,軟體
information technology,資訊科技,,,資訊
"""

BAD = """en,zh-Hant,notes,forbidden
software,軟件,,軟體
,,a row with no term,
network,網絡,,網絡
"""


def _import(actor, department, text, tmp_path, name="glossary.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return glossary_import(
        actor=actor, department=department, path_or_file=path, filename=name, channel="test"
    )


def test_an_import_stores_each_term_in_three_forms(alice, dsd, tmp_path):
    report = _import(alice, dsd, GOOD, tmp_path)
    assert report.stored and report.created == 3
    office = GlossaryTerm.objects.get(en="Digital Policy Office")
    assert office.zh_hans == "数字政策办公室"  # made from the Traditional form
    assert office.forbidden == ["數位政策辦公室"]
    assert _import(alice, dsd, GOOD, tmp_path).unchanged == 3


def test_a_file_with_a_bad_row_stores_nothing_and_names_each_row_in_chinese(alice, dsd, tmp_path):
    with translation.override("zh-hant"):
        report = _import(alice, dsd, BAD, tmp_path)
        messages = {p.row: p.message for p in report.problems}
    assert not report.stored
    assert set(messages) == {3, 4}
    assert "請提供英文或中文詞彙" in messages[3]
    assert "詞彙不能同時是它自己的禁用詞" in messages[4]
    assert not GlossaryTerm.objects.exists()


def test_a_file_that_is_not_a_table_is_refused_whole(alice, dsd, tmp_path):
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(AiplusError) as refused:
        glossary_import(
            actor=alice, department=dsd, path_or_file=path, filename="glossary.xlsx", channel="test"
        )
    assert refused.value.field == "glossary.file"


def test_a_shared_glossary_is_read_but_not_edited_and_others_never_see_it(
    alice, betty, tom, dsd, hpd, trd, tmp_path
):
    _import(alice, dsd, GOOD, tmp_path)
    glossary_share(actor=alice, department=dsd, reader_codes=["hpd"], channel="test")
    assert {t.en for t in glossary_for(hpd)} >= {"software"}
    assert glossary_for(trd) == []
    with pytest.raises(AiplusError) as refused:
        glossary_term_save(actor=betty, department=dsd, channel="test", en="cloud", zh_hant="雲端")
    assert refused.value.code == ErrorCode.FORBIDDEN
    with pytest.raises(AiplusError) as hidden:
        glossary_term_save(actor=tom, department=dsd, channel="test", en="cloud", zh_hant="雲端")
    assert hidden.value.code == ErrorCode.NOT_FOUND


def test_sharing_with_an_unknown_department_is_refused_by_name(alice, dsd):
    with pytest.raises(AiplusError) as refused:
        glossary_share(actor=alice, department=dsd, reader_codes=["nope"], channel="test")
    assert refused.value.code == ErrorCode.UNKNOWN_DEPARTMENT and "nope" in refused.value.message


def test_terms_for_a_translation_pair_longest_first(alice, dsd, tmp_path):
    _import(alice, dsd, GOOD, tmp_path)
    pairs = terms_for(dsd, "en", "zh-Hant")
    assert pairs[0].source == "information technology" and pairs[0].target == "資訊科技"
    assert ("software", "軟件") in {(p.source, p.target) for p in pairs}
    assert {(p.source, p.target) for p in terms_for(dsd, "zh-Hans", "en")} >= {("软件", "software")}
    with pytest.raises(AiplusError):
        terms_for(dsd, "fr", "en")


def test_the_demo_glossary_loads_once_and_is_shared_with_hpd(dsd, hpd):
    from aiplus.glossary.demo import load_demo_glossary

    load_demo_glossary(dsd, share_with=["hpd"])
    load_demo_glossary(dsd, share_with=["hpd"])
    assert 25 <= GlossaryTerm.objects.filter(department=dsd).count() <= 40
    assert any(t.zh_hant == "數字政策辦公室" for t in glossary_for(hpd))


def test_an_excel_glossary_imports_like_a_csv(alice, dsd, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["English", "繁體", "禁用"])
    sheet.append(["cyber security", "網絡安全", "網路安全|資安"])
    path = tmp_path / "terms.xlsx"
    book.save(path)
    report = glossary_import(
        actor=alice, department=dsd, path_or_file=path, filename="terms.xlsx", channel="test"
    )
    assert report.stored and report.created == 1
    term = GlossaryTerm.objects.get()
    assert (term.zh_hans, term.forbidden) == ("网络安全", ["網路安全", "資安"])
