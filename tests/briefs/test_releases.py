"""Reading a press release: title, outlet, date, sentences and the quote with its speaker."""

from datetime import date

from aiplus.briefs.releases import find_date, release_parse

EN = """Government press release

Department pilots a chatbot
***************************

The Demo Services Department today (March 2) began a pilot. It costs HK$1 million.

"We want callers to get answers at any hour of the day or night," said the Director of Demo Services, Ms Maggie Chan.

Ends/Monday, March 2, 2026
Issued at HKT 12:00
"""

ZH = """新聞公報

署方試行聊天機械人
****************

示範服務署今日（三月二日）開始試行聊天機械人。

示範服務署署長陳美琪表示：「我們希望市民在任何時間都能得到答案。」

完
2026年3月2日（星期一）
香港時間12時00分
"""


def test_english_release_title_outlet_date_and_quote():
    release = release_parse(document_id=1, text=EN, default_outlet="Collection", fallback_date=None)
    assert release.title == "Department pilots a chatbot"
    assert release.outlet == "HKSAR Government press releases"
    assert release.date == date(2026, 3, 2)
    assert release.language == "en"
    assert release.sentences[0].startswith("The Demo Services Department today")
    assert not any("Issued at" in s or "Ends" in s for s in release.sentences)
    assert release.quotes[0].speaker == "the Director of Demo Services"
    assert release.quotes[0].text.startswith("We want callers")


def test_chinese_release_date_after_end_mark_and_speaker():
    release = release_parse(document_id=2, text=ZH, default_outlet="Collection", fallback_date=None)
    assert release.title == "署方試行聊天機械人"
    assert release.outlet == "香港特區政府新聞公報"
    assert release.date == date(2026, 3, 2)
    assert release.language == "zh-Hant"
    assert release.quotes[0].speaker == "示範服務署署長陳美琪"


def test_without_outlet_or_date_line_the_collection_and_document_date_stand_in():
    release = release_parse(
        document_id=3,
        text="A title\n\nSome text without a date.",
        default_outlet="Press",
        fallback_date=date(2026, 1, 5),
    )
    assert (release.title, release.outlet, release.date) == ("A title", "Press", date(2026, 1, 5))


def test_find_date_forms():
    assert find_date("on 3 November 2026") == date(2026, 11, 3)
    assert find_date("2026年11月3日") == date(2026, 11, 3)
    assert find_date("February 30, 2026 and 2026-02-01") == date(2026, 2, 1)
    assert find_date("no date here") is None
