"""Deadlines as people say them in a Hong Kong meeting, in English, written Chinese or Cantonese, worked
out against the date of the meeting.

``find_due`` finds the deadline in a sentence and returns it as said ("by next Friday", "下星期五前") with
the date it stands for: the first one said, unless a later one is marked as the deadline (by, before, 前,
內) and the first only says when ("下個月要 review FAQ，月底前交俾我": 月底前). The rules a secretary would apply:

- absolute dates: "15 March", "March 15th", "15/3" (day first, as in Hong Kong), "2026-03-15", "三月十五日",
  "3月15號", "十五號" (that day of this month, or of next month when it has passed); a date without a year
  is this year's, or next year's when it would be more than a month in the past;
- today / tomorrow / 聽日 / 明天, "this Friday" / 本星期五 / 今個禮拜五 (the Friday of the meeting's week),
  "next Friday" / 下星期五 / 下個禮拜五 (the Friday of the following week), a bare "Friday" / 星期五 (the
  next Friday after the meeting);
- "this week" (its Friday), "next week" / 下星期 / 下個禮拜 (the Friday of next week), "within two weeks" /
  兩星期內 (fourteen days on), "within five working days" (weekends skipped), "within a month";
- "end of the month" / 月底 / 月尾, "end of next month", "end of March" / 三月底, "mid-March" / 三月中,
  "end of the year" / 年底, "end of the quarter";
- "before the next meeting" / 下次開會前 and "as soon as possible" / 盡快: no date, but the words are kept.

Weeks run Monday to Sunday. Public holidays are not known here, so "working days" skips weekends only.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

__all__ = ["Due", "chinese_number", "find_due"]


@dataclass(frozen=True)
class Due:
    """A deadline found in a sentence."""

    text: str  # as said, with its "by" / "before" / 前 ("by next Friday", "三月底前")
    date: datetime.date | None  # None when it cannot be pinned to a day ("before the next meeting")
    start: int  # where ``text`` sits in the sentence searched
    end: int

    @property
    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None

    @property
    def firm(self) -> bool:
        """Whether the words mark it as a deadline ("by Friday", "月底前", "兩星期內"), not only a time
        ("next month", "下個月")."""
        return bool(_FIRM_RE.search(self.text))


# --- numbers ---------------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
}
_CN_DIGITS |= {"八": 8, "九": 9}
_CN_NUMBER = "[零〇一二兩两三四五六七八九十廿卅]+"
_EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "couple of": 2, "few": 3,
}  # fmt: skip


def chinese_number(text: str) -> int | None:
    """A number written in digits or in Chinese numerals up to 99 ("十五", "廿三", "兩", "12")."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十廿卅" for ch in text):
        return None
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" in text:
        tens, _, units = text.partition("十")
        if "十" in units:
            return None
        value = (_CN_DIGITS[tens] if tens else 1) * 10
        return value + (_CN_DIGITS[units] if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


def _number(text: str) -> int | None:
    text = text.strip().lower()
    return _EN_NUMBERS[text] if text in _EN_NUMBERS else chinese_number(text)


# --- calendar arithmetic -----------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> datetime.date:
    while month > 12:
        year, month = year + 1, month - 12
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _add_working_days(day: datetime.date, count: int) -> datetime.date:
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _week_start(day: datetime.date, weeks_ahead: int = 0) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday()) + datetime.timedelta(weeks=weeks_ahead)


def _dated(meeting: datetime.date, month: int, day: int, year: int | None = None) -> datetime.date | None:
    """A day of a month; without a year, the one not long past at the meeting (else next year's)."""
    if not 1 <= month <= 12:
        return None
    if year is not None:
        year = year + 2000 if year < 100 else year
    try:
        when = datetime.date(year or meeting.year, month, day)
    except ValueError:
        return None
    if year is None and (meeting - when).days > 31:
        when = when.replace(year=meeting.year + 1)
    return when


def _month_of(meeting: datetime.date, month: int) -> int:
    """The year of the next (or current) such month: a deadline is never a month already gone."""
    return meeting.year + 1 if month < meeting.month else meeting.year


def _day_of_month(meeting: datetime.date, day: int) -> datetime.date | None:
    """ "The 20th" / 二十號: that day of the meeting's month, or of next month when it has passed."""
    for months in (0, 1, 2):
        first = _add_months(meeting.replace(day=1), months)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            when = first.replace(day=day)
            if when >= meeting:
                return when
    return None


# --- words -------------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_WEEKDAYS |= {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4}
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues?|thu(?:rs?)?|fri)\b"
_CN_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CN_WEEKDAY = r"(?:星期|禮拜|礼拜|週|周|拜)(?P<cnweekday>[一二三四五六日天])"
_CN_WEEK = r"(?:星期|禮拜|礼拜|週|周)"
_EN_COUNT = r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|couple of|few)"
_CN_COUNT = rf"(?P<count>\d+|{_CN_NUMBER})"
_ORD = r"(?:st|nd|rd|th)?"
_ORDINALS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
            "twenty-second",
            "twenty-third",
            "twenty-fourth",
            "twenty-fifth",
            "twenty-sixth",
            "twenty-seventh",
            "twenty-eighth",
            "twenty-ninth",
            "thirtieth",
            "thirty-first",
        ],
        start=1,
    )
}
_ORDINAL_WORD = "(?P<ordinal>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_B = r"(?<![A-Za-z0-9])"  # a word starts here (\b fails next to Han characters in some positions)
_E = r"(?![A-Za-z0-9])"


def _weekday_date(meeting: datetime.date, weekday: int, weeks_ahead: int | None) -> datetime.date:
    """The weekday in the meeting's week (0), the next week (1); None: the first one after the meeting."""
    if weeks_ahead is None:
        ahead = (weekday - meeting.weekday()) % 7 or 7
        return meeting + datetime.timedelta(days=ahead)
    return _week_start(meeting, weeks_ahead) + datetime.timedelta(days=weekday)


def _span(meeting: datetime.date, unit: str, count: int) -> datetime.date:
    unit = unit.lower()
    if unit.startswith(("working", "business", "工作")):
        return _add_working_days(meeting, count)
    if unit.startswith(("day", "日", "天")):
        return meeting + datetime.timedelta(days=count)
    if unit.startswith(("week", "星期", "禮拜", "礼拜", "週", "周", "個星期", "個禮拜", "个星期", "个礼拜")):
        return meeting + datetime.timedelta(weeks=count)
    return _add_months(meeting, count)  # months


def _quarter_end(meeting: datetime.date, quarter: int | None) -> datetime.date:
    if quarter is None:
        quarter = (meeting.month - 1) // 3 + 1
    year = meeting.year + 1 if quarter < (meeting.month - 1) // 3 + 1 else meeting.year
    return _month_end(year, quarter * 3)


# Each rule: a pattern and a function of (match, meeting date) giving the date, or None for "no date".
# Order matters only for ties: at one position the longest match wins.
_Rule = tuple[re.Pattern, object]


def _rules() -> list[_Rule]:
    m = re.IGNORECASE
    rules: list[tuple[str, object]] = [
        # ISO and numeric dates (day first, as written in Hong Kong).
        (
            rf"{_B}(?P<y>20\d\d)[-/.](?P<mo>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_E}",
            lambda g, d: _dated(d, int(g["mo"]), int(g["d"]), int(g["y"])),
        ),
        (
            rf"{_B}(?P<d>\d{{1,2}})/(?P<mo>\d{{1,2}})(?:/(?P<y>(?:20)?\d\d))?{_E}",
            lambda g, d: _dated(d, int(g["mo"]), int(g["d"]), int(g["y"]) if g["y"] else None),
        ),
        # 15 March (2026), 15th of March
        (
            rf"{_B}(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y>20\d\d))?{_E}",
            lambda g, d: _dated(d, _MONTHS[g["month"].lower()], int(g["d"]), int(g["y"]) if g["y"] else None),
        ),
        # March 15(th) (, 2026)
        (
            rf"{_B}{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>20\d\d))?{_E}",
            lambda g, d: _dated(d, _MONTHS[g["month"].lower()], int(g["d"]), int(g["y"]) if g["y"] else None),
        ),
        # the second of April, April the fourteenth, the fourteenth (of this month)
        (
            rf"{_B}(?:the\s+)?{_ORDINAL_WORD}\s+of\s+{_MONTH}(?:,?\s+(?P<y>20\d\d))?{_E}",
            lambda g, d: _dated(d, _MONTHS[g["month"].lower()], _ORDINALS[g["ordinal"].lower()]),
        ),
        (
            rf"{_B}{_MONTH}\s+(?:the\s+)?{_ORDINAL_WORD}{_E}",
            lambda g, d: _dated(d, _MONTHS[g["month"].lower()], _ORDINALS[g["ordinal"].lower()]),
        ),
        (
            rf"{_B}the\s+{_ORDINAL_WORD}(?=\s*(?:[,.;!?)]|$|of (?:this|the|next) month|(?:is|works|would|will|should|at|then|please)\b))(?: of (?:this|the) month)?",
            lambda g, d: _day_of_month(d, _ORDINALS[g["ordinal"].lower()]),
        ),
        # the 20th
        (rf"{_B}the\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th){_E}", lambda g, d: _day_of_month(d, int(g["d"]))),
        # 2026年3月15日, 三月十五號, 3月15日
        (
            rf"(?:(?P<y>20\d\d|二〇[一二三四五六七八九〇]{{2}})年)?(?P<mo>\d{{1,2}}|{_CN_NUMBER})月(?P<d>\d{{1,2}}|{_CN_NUMBER})(?:日|號|号)",
            lambda g, d: _cn_date(d, g["y"], g["mo"], g["d"]),
        ),
        # 十五號 / 20號 (a day of this month)
        (
            rf"(?<![月\d零〇一二兩两三四五六七八九十廿卅])(?P<d>\d{{1,2}}|{_CN_NUMBER})(?:號|号)(?!碼|码)",
            lambda g, d: _day_of_month(d, chinese_number(g["d"]) or 0),
        ),
        # today, tonight, end of (the) day, close of business
        (
            rf"{_B}(?:today|tonight|this (?:afternoon|evening)|(?:the )?end of (?:the |to)?day|eod|cob|close of business){_E}",
            lambda g, d: d,
        ),
        (r"今日|今天|今晚|收工前|放工前", lambda g, d: d),
        (rf"{_B}(?:the )?day after tomorrow{_E}", lambda g, d: d + datetime.timedelta(days=2)),
        (r"後日|后日|後天|后天", lambda g, d: d + datetime.timedelta(days=2)),
        (rf"{_B}tomorrow{_E}", lambda g, d: d + datetime.timedelta(days=1)),
        (r"聽日|听日|明天|明日", lambda g, d: d + datetime.timedelta(days=1)),
        # this / next / bare weekday
        (
            rf"{_B}this (?:coming )?{_WEEKDAY}",
            lambda g, d: _weekday_date(d, _WEEKDAYS[g["weekday"].lower()], 0),
        ),
        (
            rf"{_B}(?:next|the following) {_WEEKDAY}",
            lambda g, d: _weekday_date(d, _WEEKDAYS[g["weekday"].lower()], 1),
        ),
        (
            rf"{_B}{_WEEKDAY}(?: of)? next week",
            lambda g, d: _weekday_date(d, _WEEKDAYS[g["weekday"].lower()], 1),
        ),
        (
            rf"{_B}{_WEEKDAY}",
            lambda g, d: _weekday_date(d, _WEEKDAYS[g["weekday"].lower()], None),
        ),
        (
            rf"(?:本|今個|今个|呢個|呢个|這個|这个|這|这|今){_CN_WEEKDAY}",
            lambda g, d: _weekday_date(d, _CN_WEEKDAYS[g["cnweekday"]], 0),
        ),
        (
            rf"(?:下個|下个|下)(?:{_CN_WEEKDAY})",
            lambda g, d: _weekday_date(d, _CN_WEEKDAYS[g["cnweekday"]], 1),
        ),
        (rf"{_CN_WEEKDAY}", lambda g, d: _weekday_date(d, _CN_WEEKDAYS[g["cnweekday"]], None)),
        # this week, next week (their Fridays)
        (
            rf"{_B}(?:(?:the )?end of (?:this|the) week|this week|(?:the )?end of the week|within the week){_E}",
            lambda g, d: _weekday_date(d, 4, 0),
        ),
        (
            rf"{_B}(?:(?:the )?end of next week|next week|early next week|the following week){_E}",
            lambda g, d: _weekday_date(d, 4, 1),
        ),
        (
            rf"(?:本|今個|今个|呢個|呢个|這個|这个|今){_CN_WEEK}(?:內|内|之內|之内)?",
            lambda g, d: _weekday_date(d, 4, 0),
        ),
        (rf"(?:下個|下个|下){_CN_WEEK}(?!\s*[一二三四五六日天])", lambda g, d: _weekday_date(d, 4, 1)),
        # within two weeks, in 10 working days, 兩星期內, 十個工作天內
        (
            rf"{_B}(?:within|in|in the next|within the next|over the next)\s+(?:the\s+)?{_EN_COUNT}\s+(?P<unit>(?:working |business )?days?|weeks?|months?)(?:'s? time)?{_E}",
            lambda g, d: _span(d, g["unit"], _number(g["count"]) or 1),
        ),
        (
            rf"{_B}(?:give (?:me|us|them|him|her)|allow)\s+(?:(?:about|around|roughly)\s+)?{_EN_COUNT}\s+(?P<unit>(?:working |business )?days?|weeks?|months?){_E}",
            lambda g, d: _span(d, g["unit"], _number(g["count"]) or 1),
        ),
        (
            rf"{_CN_COUNT}\s*(?:個|个)?\s*(?P<unit>工作天|工作日|日|天|星期|禮拜|礼拜|週|周|月)(?:內|内|之內|之内)",
            lambda g, d: _span(d, g["unit"], chinese_number(g["count"]) or 1),
        ),
        # end of the month, end of next month, end of March, mid-March, 月底, 下個月尾, 三月底
        (
            rf"{_B}(?:(?:the )?end of (?:the|this) month|(?:this )?month[- ]end|the month's end){_E}",
            lambda g, d: _month_end(d.year, d.month),
        ),
        (
            rf"{_B}(?:(?:the )?end of next month|next month){_E}",
            lambda g, d: _month_end(d.year, d.month + 1),
        ),
        (
            rf"{_B}(?:(?:the )?end of|late)\s+{_MONTH}(?:\s+(?P<y>20\d\d))?{_E}",
            lambda g, d: _month_end(
                int(g["y"]) if g["y"] else _month_of(d, _MONTHS[g["month"].lower()]),
                _MONTHS[g["month"].lower()],
            ),
        ),
        (
            rf"{_B}{_MONTH}[- ]end{_E}",
            lambda g, d: _month_end(_month_of(d, _MONTHS[g["month"].lower()]), _MONTHS[g["month"].lower()]),
        ),
        (
            rf"{_B}(?:the middle of|mid-?)\s*{_MONTH}{_E}",
            lambda g, d: _month_end(
                _month_of(d, _MONTHS[g["month"].lower()]), _MONTHS[g["month"].lower()]
            ).replace(day=15),
        ),
        (
            r"(?<!\d)(?<!下)(?:本|今個|今个|呢個|呢个|這個|这个)?(?:月底|月尾)",
            lambda g, d: _month_end(d.year, d.month),
        ),
        (r"下(?:個|个)?月(?:底|尾)?", lambda g, d: _month_end(d.year, d.month + 1)),
        (
            rf"(?P<mo>\d{{1,2}}|{_CN_NUMBER})月(?:底|尾)",
            lambda g, d: (
                _month_end(_month_of(d, chinese_number(g["mo"]) or 0), chinese_number(g["mo"]) or 0)
                if 1 <= (chinese_number(g["mo"]) or 0) <= 12
                else None
            ),
        ),
        (
            rf"(?P<mo>\d{{1,2}}|{_CN_NUMBER})月中",
            lambda g, d: (
                _month_end(_month_of(d, chinese_number(g["mo"]) or 0), chinese_number(g["mo"]) or 0).replace(
                    day=15
                )
                if 1 <= (chinese_number(g["mo"]) or 0) <= 12
                else None
            ),
        ),
        # in / by March (its last day): only after a deadline word, so "in March we hired" is no deadline
        (
            rf"{_B}(?:by|before the end of|in)\s+{_MONTH}(?:\s+(?P<y>20\d\d))?(?!\s*\d){_E}",
            lambda g, d: _month_end(
                int(g["y"]) if g["y"] else _month_of(d, _MONTHS[g["month"].lower()]),
                _MONTHS[g["month"].lower()],
            ),
        ),
        (
            rf"{_B}before\s+{_MONTH}(?:\s+(?P<y>20\d\d))?(?!\s*\d){_E}",
            lambda g, d: (
                _month_end(
                    int(g["y"]) if g["y"] else _month_of(d, _MONTHS[g["month"].lower()]),
                    _MONTHS[g["month"].lower()],
                ).replace(day=1)
                - datetime.timedelta(days=1)
            ),
        ),
        # end of the year / quarter
        (
            rf"{_B}(?:(?:the )?end of (?:the|this) year|year[- ]end){_E}",
            lambda g, d: datetime.date(d.year, 12, 31),
        ),
        (r"(?:今年|年)(?:底|尾)", lambda g, d: datetime.date(d.year, 12, 31)),
        (
            rf"{_B}(?:(?:the )?end of (?:the|this) quarter|quarter[- ]end){_E}",
            lambda g, d: _quarter_end(d, None),
        ),
        (rf"{_B}(?:(?:the )?end of )?q(?P<q>[1-4]){_E}", lambda g, d: _quarter_end(d, int(g["q"]))),
        # no day to pin down, but a deadline all the same
        (
            rf"{_B}(?:before|by|at|for|ahead of|prior to)\s+(?:the\s+|our\s+)?next\s+(?:meeting|committee meeting|board meeting|session){_E}",
            None,
        ),
        (
            r"(?:下次|下一次|下個|下个|下一個|下一个)\s*(?:開會|开会|會議|会议|會|会|例會|例会|meeting|review)\s*(?:之前|以前|前)",
            None,
        ),
        (rf"{_B}(?:asap|as soon as possible|as early as possible|at the earliest opportunity){_E}", None),
        (r"盡快|儘快|尽快|盡早|儘早|尽早|即刻|馬上|马上", None),
    ]
    return [(re.compile(pattern, m), resolve) for pattern, resolve in rules]


_COMPILED: list[_Rule] = []

# Words around a deadline that belong to it: "by", "before", "no later than"; 前, 之前, 或之前, 內.
_EN_BEFORE_RE = re.compile(
    r"(?:\b(?:no later than|not later than|on or before|by|before|until|till|due|on|from|for|within|deadline(?: is| of)?|in time for)\s+)$",
    re.IGNORECASE,
)
_CN_BEFORE_RE = re.compile(r"(?:於|于|喺|在|截止|限期|最遲|最迟|deadline\s*(?:係|是)?\s*)$", re.IGNORECASE)
_CN_AFTER_RE = re.compile(r"^(?:或之前|或以前|之前|以前|前|之內|之内|內|内|為限|为限|截止)")
_FIRM_RE = re.compile(
    r"^(?:no later than|not later than|on or before|by|before|until|till|due|within|deadline|in time for|"
    r"ahead of|prior to)\b|^(?:截止|限期|最遲|最迟|deadline)|(?:前|之前|以前|內|内|之內|之内|為限|为限|截止)$",
    re.IGNORECASE,
)


def _cn_date(meeting: datetime.date, year: str | None, month: str, day: str) -> datetime.date | None:
    year_value = None
    if year:
        year_value = int(year) if year.isdigit() else int("".join(str(_CN_DIGITS[c]) for c in year))
    month_value, day_value = chinese_number(month), chinese_number(day)
    if month_value is None or day_value is None:
        return None
    return _dated(meeting, month_value, day_value, year_value)


def find_due(text: str, *, meeting_date: datetime.date | None) -> Due | None:
    """The deadline in ``text``, with its date when ``meeting_date`` allows working it out: the first one
    said, unless a later one is marked as the deadline ("by", "before", 前, 之前, 內) and the first is not
    ("我哋下個月要 review FAQ，月底前交俾我": 下個月 is when the work is needed, 月底前 the deadline).

    Without a meeting date, only dates that carry their own year resolve; the rest keep their words.
    """
    if not _COMPILED:
        _COMPILED.extend(_rules())
    found: dict[int, tuple[re.Match, object]] = {}  # start -> the longest match starting there
    for pattern, resolve in _COMPILED:
        for match in pattern.finditer(text):
            longest = found.get(match.start())
            if longest is None or match.end() > longest[0].end():
                found[match.start()] = (match, resolve)
    dues: list[Due] = []
    for start in sorted(found):
        if dues and start < dues[-1].end:
            continue  # inside the deadline before it
        match, resolve = found[start]
        dues.append(_due(text, match, resolve, meeting_date))
    return next((due for due in dues if due.firm), dues[0]) if dues else None


def _due(text: str, match: re.Match, resolve, meeting_date: datetime.date | None) -> Due:
    anchor = meeting_date or datetime.date(1900, 1, 1)
    when = resolve(match.groupdict(), anchor) if resolve else None
    if meeting_date is None and when is not None and not match.groupdict().get("y"):
        when = None
    start, end = match.start(), match.end()
    before = _EN_BEFORE_RE.search(text[:start]) or _CN_BEFORE_RE.search(text[:start])
    if before:
        start = before.start()
    after = _CN_AFTER_RE.match(text[end:])
    if after:
        end += after.end()
    return Due(text=text[start:end].strip(), date=when, start=start, end=end)
