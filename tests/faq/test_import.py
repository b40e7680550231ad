"""Importing FAQ entries from CSV and XLSX: linked language versions, row problems, updates by id."""

import io

import pytest
from django.utils import translation

from aiplus.core.errors import AiplusError
from aiplus.documents.models import Document
from aiplus.faq.models import FaqEntry
from aiplus.faq.services import faq_import
from tests.faq.conftest import FAQ_CSV, make_collection


def _import(actor, collection, text, filename="faq.csv"):
    return faq_import(
        actor=actor, collection=collection, path_or_file=io.BytesIO(text.encode("utf-8")), filename=filename
    )


def test_rows_with_one_id_become_the_language_versions_of_one_entry(faq):
    versions = FaqEntry.objects.filter(collection=faq, entry_id="dog-licence")
    assert sorted(v.language for v in versions) == ["en", "zh-Hant"]
    english = versions.get(language="en")
    assert english.alternatives == ["Where can I license my dog?", "How to get a licence for my dog"]
    assert english.url == "https://example.gov.hk/dog"
    # Each entry is a document of the collection, cited by its id, one passage per language.
    document = Document.objects.get(collection=faq, source_id="dog-licence")
    assert document.chunks.count() == 2 and document.status == "ready"


def test_every_wording_is_embedded_once(faq, alice):
    entry = FaqEntry.objects.get(collection=faq, entry_id="dog-licence", language="en")
    assert entry.vectors is not None and len(bytes(entry.vectors)) == 3 * 384 * 4
    before = bytes(entry.vectors)
    report = _import(alice, faq, FAQ_CSV)
    assert report.unchanged == 6 and report.created == report.updated == 0
    entry.refresh_from_db()
    assert bytes(entry.vectors) == before


def test_reimport_updates_entries_by_id(faq, alice):
    changed = FAQ_CSV.replace("The licence fee is HK$80.", "The licence fee is HK$90.")
    report = _import(alice, faq, changed)
    assert report.updated == 1 and report.created == 0
    assert "HK$90" in FaqEntry.objects.get(collection=faq, entry_id="dog-licence", language="en").answer
    assert FaqEntry.objects.filter(collection=faq).count() == 6


def test_bad_rows_are_reported_with_their_row_number_and_reason_in_the_users_language(alice):
    collection = make_collection(alice, "bad-faq", "faq")
    text = (
        "id,question,answer,language\n"
        "a,What is A?,A is the first letter.,en\n"
        ",What is B?,B.,en\n"
        "c,What is C?,C.,fr\n"
        "a,What is A again?,Again.,en\n"
        "d,,D.,zh-Hant\n"
    )
    report = _import(alice, collection, text)
    assert report.created == 1
    assert [p.row for p in report.problems] == [3, 4, 5, 6]
    messages = [p.message for p in report.problems]
    assert "entry id" in messages[0] and "cannot be empty" in messages[0]
    assert "en or zh-Hant" in messages[1]
    assert "row 2" in messages[2]
    with translation.override("zh-hant"):
        assert "不可留空" in report.problems[0].message


def test_simplified_rows_become_the_traditional_version(alice):
    collection = make_collection(alice, "hans-faq", "faq")
    _import(alice, collection, "id,question,answer,language\nx,怎样申请护照？,请到入境事务处办理。,zh-Hans\n")
    entry = FaqEntry.objects.get(collection=collection)
    assert entry.language == "zh-Hant" and entry.question == "怎樣申請護照？"


def test_a_file_without_the_needed_columns_imports_nothing(faq, alice):
    before = list(FaqEntry.objects.values_list("pk", "answer"))
    with pytest.raises(AiplusError) as raised:
        _import(alice, faq, "id,question\nx,y\n")
    assert "language" in raised.value.message and "answer" in raised.value.message
    with pytest.raises(AiplusError):
        _import(alice, faq, "\x00\x01 not a spreadsheet", filename="faq.xlsx")
    assert list(FaqEntry.objects.values_list("pk", "answer")) == before


def test_xlsx_imports_like_csv(alice, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "question", "answer", "language", "alternatives"])
    sheet.append(
        ["tax", "When is salaries tax due?", "Pay by the date on your demand note.", "en", "tax deadline"]
    )
    sheet.append(["tax", "薪俸稅何時到期？", "請於繳稅通知書上的日期前繳交。", "zh-HK", ""])
    path = tmp_path / "faq.xlsx"
    book.save(path)
    collection = make_collection(alice, "tax-faq", "faq")
    report = faq_import(actor=alice, collection=collection, path_or_file=path, filename="faq.xlsx")
    assert report.created == 2 and not report.problems
    assert set(FaqEntry.objects.filter(collection=collection).values_list("language", flat=True)) == {
        "en",
        "zh-Hant",
    }


def test_only_the_collections_knowledge_owners_may_import(faq, amy, betty):
    for person in (amy, betty):
        with pytest.raises(AiplusError) as raised:
            _import(person, faq, FAQ_CSV)
        assert raised.value.code == "forbidden"


def test_a_documents_collection_takes_no_faq_file(alice):
    collection = make_collection(alice, "papers", "documents")
    with pytest.raises(AiplusError) as raised:
        _import(alice, collection, FAQ_CSV)
    assert "FAQ" in raised.value.message


def test_a_large_import_is_matched_by_keywords_until_a_worker_embeds_it(alice, monkeypatch):
    from aiplus.faq import embedding
    from aiplus.faq.services import faq_embed_collection, faq_match

    monkeypatch.setattr(embedding, "EMBED_INLINE_TEXTS", 0)
    collection = make_collection(alice, "big-faq", "faq")
    _import(alice, collection, FAQ_CSV)
    assert not FaqEntry.objects.filter(collection=collection, vectors__isnull=False).exists()
    assert faq_match(question="How do I renew my passport?", collections=[collection]).entry_id == "passport"

    assert faq_embed_collection(collection_id=collection.pk) == 6  # what the background worker runs
    assert not FaqEntry.objects.filter(collection=collection, vectors__isnull=True).exists()
    match = faq_match(question="What do I need to do to license my puppy?", collections=[collection])
    assert match.entry_id == "dog-licence" and match.answered
