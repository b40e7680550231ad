"""Making a brief over the releases of a collection: what it holds, what it rests on, who may make and read it."""

import io
from datetime import date

import pytest
from docx import Document as DocxDocument

from aiplus.briefs.models import Brief, BriefMode
from aiplus.briefs.output import render
from aiplus.briefs.services import brief_create, brief_for_reading, briefs_visible_to
from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.documents.models import Document
from aiplus.llm import grounding
from tests.briefs.conftest import demo_release_paths


def _by_number(brief):
    return {s["number"]: s for s in brief.content["sources"]}


def _release_text(brief, number):
    document = Document.objects.get(pk=_by_number(brief)[number]["document_id"])
    return "\n".join(page.text for page in document.pages.all())


def test_a_brief_over_a_range_has_every_part_and_cites_its_releases(press, olivia):
    """GIVEN the demo releases WHEN Olivia briefs October–November 2026 THEN the brief has a headline, a cited
    summary, three to five cited key signals, a quote with a speaker, ranked agencies, vendors and places,
    and sources with title, outlet and date, all from releases dated in the range."""
    brief = brief_create(actor=olivia, slug="press", date_from="2026-10-01", date_to="2026-11-30")
    content = brief.content
    assert brief.mode == BriefMode.EXTRACTIVE and brief.headline
    sources = _by_number(brief)
    assert all(
        date(2026, 10, 1) <= date.fromisoformat(s["date"]) <= date(2026, 11, 30) for s in sources.values()
    )
    assert all(s["title"] and s["outlet"] for s in sources.values())
    in_range = [p for p in demo_release_paths() if "2026-10-01" <= p.name[:10] <= "2026-11-30"]
    assert brief.releases.count() == len(sources) == len(in_range)
    assert content["summary"] and all(line["sources"] for line in content["summary"])
    assert 3 <= len(content["signals"]) <= 5
    for signal in content["signals"]:
        assert grounding.supported(signal["text"], [_release_text(brief, signal["source"])])
    assert content["quote"]["speaker"] and content["quote"]["text"] in _release_text(
        brief, content["quote"]["source"]
    )
    agencies = [a["key"] for a in content["agencies"]]
    assert agencies[:2] == [
        "dio",
        "cwd",
    ]  # the innovation office is in five releases of the range, CWD in four
    assert content["agencies"][0]["releases"] == 5
    counts = [a["releases"] for a in content["agencies"]]
    assert counts == sorted(counts, reverse=True)
    assert "Mong Kok Chatworks Ltd" in [v["name_en"] for v in content["vendors"]]
    assert content["vendors"][0]["url"].startswith("/catalogue/?q=")
    places = {p["key"]: p["releases"] for p in content["locations"]}
    assert (
        places["Sham Shui Po"] == 2
    )  # the chatbot contract's test districts, in its English and Chinese release
    assert list(places.values()) == sorted(places.values(), reverse=True)


def test_key_signals_do_not_repeat_each_other(press, olivia):
    brief = brief_create(actor=olivia, slug="press")
    from aiplus.core.language import index_terms

    signals = [set(index_terms(s["text"])) for s in brief.content["signals"]]
    for i, one in enumerate(signals):
        for other in signals[i + 1 :]:
            assert len(one & other) < 0.5 * min(len(one), len(other))


def test_a_chinese_brief_uses_the_chinese_releases(press, olivia):
    brief = brief_create(actor=olivia, slug="press", date_from="2026-11-01", language="zh-Hant")
    assert all(any("\u4e00" <= c <= "\u9fff" for c in line["text"]) for line in brief.content["summary"])
    assert brief.content["agencies"][0]["name_zh"]


def test_a_topic_narrows_the_releases(press, olivia):
    brief = brief_create(actor=olivia, slug="press", query="chatbot")
    numbers = list(_by_number(brief))
    assert numbers and all("chatbot" in _release_text(brief, n).lower() for n in numbers)


def test_the_brief_is_saved_with_who_when_range_and_releases(press, olivia):
    brief = brief_create(actor=olivia, slug="press", date_from=date(2026, 12, 1), query="")
    saved = Brief.objects.get(pk=brief.pk)
    assert saved.created_by == olivia and saved.created_at and saved.date_from == date(2026, 12, 1)
    assert saved.releases.count() == len(saved.content["sources"]) > 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date_from": "2026-13-01"}, "brief.from"),
        ({"date_to": "next week"}, "brief.to"),
        ({"date_from": "2026-12-01", "date_to": "2026-11-01"}, "brief.to"),
        ({"date_from": "2020-01-01", "date_to": "2020-12-31"}, "brief.from"),
        ({"query": "x" * 201}, "brief.query"),
        ({"language": "fr"}, "brief.language"),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_saved(press, olivia, changes, field):
    with pytest.raises(AiplusError) as refused:
        brief_create(actor=olivia, slug="press", **changes)
    assert refused.value.code == ErrorCode.INVALID_FIELD and refused.value.field == field
    assert refused.value.message
    assert Brief.objects.count() == 0


def test_errors_read_in_traditional_chinese(press, olivia):
    from django.utils import translation

    with pytest.raises(AiplusError) as refused:
        brief_create(actor=olivia, slug="press", date_from="2020-01-01", date_to="2020-01-31")
    with translation.override("zh-hant"):
        assert "新聞公報" in refused.value.message


def test_nobody_outside_the_department_can_brief_or_read_a_private_collection(press, olivia, bob):
    with pytest.raises(AiplusError) as refused:
        brief_create(actor=bob, slug="press")
    assert refused.value.code == ErrorCode.NOT_FOUND
    brief = brief_create(actor=olivia, slug="press")
    with pytest.raises(AiplusError):
        brief_for_reading(bob, brief.pk)
    assert briefs_visible_to(bob) == []
    assert briefs_visible_to(olivia) == [brief]


def test_unknown_collection_is_not_found(press, olivia):
    with pytest.raises(AiplusError) as refused:
        brief_create(actor=olivia, slug="no-such-collection")
    assert refused.value.code == ErrorCode.NOT_FOUND


def test_briefs_can_be_filtered_by_an_agency_they_name(press, olivia):
    december = brief_create(actor=olivia, slug="press", date_from="2026-12-01")
    july = brief_create(actor=olivia, slug="press", date_to="2026-07-31")
    assert briefs_visible_to(olivia, kind="vendor", key=str(december.content["vendors"][0]["key"]))
    named_hpd = briefs_visible_to(olivia, kind="agency", key="hpd")
    assert december not in named_hpd and july not in named_hpd


def test_markdown_and_word_downloads_hold_the_brief(press, olivia):
    brief = brief_create(actor=olivia, slug="press", date_from="2026-10-01", date_to="2026-11-30")
    markdown, content_type, filename = render(brief, "md")
    text = markdown.decode()
    assert filename.endswith(".md") and content_type.startswith("text/markdown")
    for heading in ("## Key signals", "## Quote", "## Agencies", "## Vendors", "## Locations", "## Sources"):
        assert heading in text
    assert brief.headline in text and brief.content["signals"][0]["text"] in text
    docx, _type, docx_name = render(brief, "docx")
    paragraphs = [p.text for p in DocxDocument(io.BytesIO(docx)).paragraphs]
    assert docx_name.endswith(".docx") and brief.headline in paragraphs and "Vendors" in paragraphs
    with pytest.raises(AiplusError):
        render(brief, "pdf")
