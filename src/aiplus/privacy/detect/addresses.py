"""Postal addresses in English and Chinese, built from parts: flat, floor, block, building, street,
district. Parts next to each other (separated by commas or spaces) join into one address. A part alone is
a place, not an address (12/F, Room 5, a district, a building), so a group is kept only when it has two
parts that are not all districts, or one that stands for an address by itself: a flat (Flat A, Apt. 5,
12室), a numbered street, a listed estate, a postcode after its cue, or what follows an address cue such as
"lives at" or 地址."""

import re
from collections.abc import Iterator
from functools import cache

from .lexicon import DATA, words

Found = tuple[str, int, int, float]

_STOP = set(
    "的我你他她它們们是在於于為为住址到往去及與与或至由從从向被把將将請请已經经有會会要可以其此這这那個个號号年月日時时前後后共並并喺係嘅咗佢哋啲俾畀"
)
ZH = "[\u4e00-\u9fff]"
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
CAP = r"(?:[A-Z][A-Za-z'’.-]*|\d+[A-Za-z]?)"


def _kinds(kind: str) -> list[str]:
    lines = (DATA / "street_words.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if not line.startswith("#") and line.endswith("\t" + kind)]


def _alt(entries: list[str]) -> str:
    return "(?:" + "|".join(re.escape(e) for e in sorted(entries, key=len, reverse=True)) + ")"


@cache
def _parts() -> list[tuple[str, re.Pattern]]:
    """(kind, pattern) for each address part; kinds ending in ``!`` are strong on their own."""
    street, building = _alt(_kinds("street")), _alt(_kinds("building"))
    suffix, prefix = _alt(_kinds("street_suffix")), _alt(_kinds("street_prefix"))
    zh_street, zh_building = _alt(_kinds("zh_street")), _alt(_kinds("zh_building"))
    number = r"\d{1,5}[A-Z]?(?:[-–]\d{1,5}[A-Z]?)?"
    zh_number = r"(?:\d{1,5}[A-Z]?(?:[-–]\d{1,5})?|[一二三四五六七八九十百]+)號"
    district = words("districts.txt")
    en_districts = _alt([d for d in district if d.isascii()])
    zh_districts = _alt([d for d in district if not d.isascii()])
    estates = words("estates.txt")
    return [
        # A flat, apartment or suite number is a home's; a room, unit or shop number may be an office's.
        ("flat!", re.compile(r"\b(?i:Flat|Apt\.?|Apartment|Suite)(?:\s+|(?=\d))[A-Z0-9][A-Z0-9-]{0,5}\b")),
        ("room", re.compile(r"\b(?i:Room|Rm\.?|Unit|Shop)(?:\s+|(?=\d))[A-Z0-9][A-Z0-9-]{0,5}\b")),
        (
            "floor",
            re.compile(
                r"\b(?:\d{1,3}|G|LG|UG|M)/F\b|\b\d{1,3}(?:st|nd|rd|th)\s+Floor\b|\bGround Floor\b", re.I
            ),
        ),
        ("block", re.compile(r"\b(?:Block|Blk\.?|Tower|Phase)\s?[A-Z0-9]{1,3}\b")),
        (
            "street!",
            re.compile(
                rf"\b{number},?\s+(?:{CAP}\s+){{0,3}}{CAP}\s+{street}\b\.?(?:\s+(?:Central|East|West|North|South)\b)?"
            ),
        ),
        ("street!", re.compile(rf"\b(?:{number}\s+)?[A-Z][^\W\d_]*{suffix}\s+{number}\b")),
        # Continental shape: a house number after the street name, with a building number before it.
        ("house!", re.compile(rf"\b\d{{1,5}}\s+(?:[{UPPER}][^\W\d_]+\.?\s+){{1,3}}\d{{1,5}}[a-z]?\b")),
        (
            "street!",
            re.compile(rf"\b{prefix}\s+(?:[A-Za-z][^\W\d_]*\.?\s+){{0,3}}?[A-Z][^\W\d_]*\s+{number}\b"),
        ),
        (
            "street",
            re.compile(
                rf"\b(?:[A-Z][a-z'’]+\s+){{1,3}}{street}\b\.?(?:\s+(?:Central|East|West|North|South)\b)?"
            ),
        ),
        ("building", re.compile(rf"\b(?:[A-Z][a-z'’]+\s+){{1,4}}{building}\b")),
        ("estate!", re.compile(_alt(list(estates)))),
        (
            "postcode!",
            re.compile(
                rf"\b{_alt(list(words('postcode_cues.txt')))}(?: is)?[:：]?\s(?P<part>(?=[A-Z]*\d)[A-Z0-9]{{2,5}}(?: ?[A-Z0-9]{{2,4}})?)\b",
                re.I,
            ),
        ),
        (
            "cued!",
            re.compile(
                rf"(?:{_alt(list(words('address_cues.txt')))})[ \t]*\n?[ \t]*"
                r"(?P<part>(?=[^\n.;!?。；！？，]{0,40}\d)[^\s,，。][^\n;!?。；！？，]{2,80}?)"
                r"(?=[.;!?。；！？]?(?:\s*$|[.;!?。；！？]\s)|\n\n|,? (?:and|but|which|for|last|this|when|because)\b|[。；！？，])",
                re.I | re.M,
            ),
        ),
        ("district", re.compile(rf"\b{en_districts}\b(?:,?\s+(?:HK|N\.?T\.?|Kowloon|Hong Kong))?")),
        ("district", re.compile(zh_districts)),
        ("zh_flat!", re.compile(r"[A-Z\d]{1,4}(?:室|號舖|號鋪|舖)|[一二三四五六七八九十]+室")),
        ("zh_floor", re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]+)樓(?![宇房])|地下|\d{1,3}/F")),
        ("zh_block", re.compile(r"第?[\dA-Z一二三四五六七八九十]{1,3}座")),
        ("zh_street!", re.compile(rf"{ZH}{{1,6}}?{zh_street}[東南西北中]?{zh_number}")),
        ("zh_street", re.compile(rf"{ZH}{{1,5}}{zh_street}")),
        ("zh_building", re.compile(rf"{ZH}{{1,7}}{zh_building}")),
    ]


def _trim_zh(text: str, start: int, end: int) -> int:
    """Move a Chinese part's start past the function words it swallowed (我住在, 地址為)."""
    cut = start
    index = start
    while index < end - 1 and "\u4e00" <= text[index + 1] <= "\u9fff":
        if text[index] in _STOP:
            cut = index + 1
        index += 1
    return cut


TAIL = re.compile(
    r"(?:[ \t]*[,\n][\s,]*|\s+)(?:[A-Z]{2}\s+\d{4,6}|\d{4,6}|(?:[A-Z][^\W\d_]+)(?:\s+[A-Z][^\W\d_]+){0,2})"
)


def find(text: str) -> Iterator[Found]:
    parts = []
    for kind, pattern in _parts():
        for m in pattern.finditer(text):
            start, end = m.span("part") if "part" in pattern.groupindex else m.span()
            start = _trim_zh(text, start, end) if kind.startswith("zh_") else start
            if kind == "house!" and any(w.rstrip(".") in _tail_stops() for w in m.group().split()):
                continue  # 13 March 2019 has the shape of 12 Koskikatu 25
            if start < end and (kind != "zh_building" or end - start >= 2):
                parts.append((start, end, kind))
    parts.sort()
    group: list[tuple[int, int, str]] = []
    end = -1
    for part in [*parts, (len(text) + 10, len(text) + 10, "end")]:
        if group and (part[0] <= end or (part[0] - end <= 2 and _SEPARATOR.fullmatch(text, end, part[0]))):
            group.append(part)
            end = max(end, part[1])
            continue
        if group and _is_address(text, group):
            yield "ADDRESS", group[0][0], _tail(text, group[0][0], end, group), 0.7
        group, end = [part], part[1]


_SEPARATOR = re.compile(r"[\s,，、]*")


def _is_address(text: str, group) -> bool:
    if any(kind.endswith("!") for _, _, kind in group):
        return True
    # Parts inside another part (12/F seen as an English and a Chinese floor, 沙田 in 沙田第一城) count once.
    outer, reach = [], -1
    for _start, part_end, kind in sorted(group, key=lambda p: (p[0], -p[1])):
        if part_end > reach:
            outer.append(kind)
            reach = part_end
    # Without a part that stands alone, a home's address has a number somewhere (旺角信和中心 is a place).
    has_number = any(any(c.isdigit() for c in text[s:e]) or kind.endswith("floor") for s, e, kind in group)
    return len(outer) >= 2 and any(kind != "district" for kind in outer) and has_number


def _tail(text: str, start: int, end: int, group) -> int:
    """The end of an address, taking in the town, state, postcode and country that follow a street."""
    if (
        not any(kind.startswith(("street", "house", "flat")) for _, _, kind in group)
        or not text[start].isascii()
    ):
        return end
    for _ in range(4):
        m = TAIL.match(text, end)
        if not m or m.group().strip(" ,\n").split()[0] in _tail_stops():
            break
        end = m.end()
    return end


@cache
def _tail_stops() -> frozenset[str]:
    return frozenset(words("not_name_words.txt")) - {"Hong", "Kong", "Kowloon", "China"}


_BETWEEN = re.compile(r"[ \t]*,?[ \t]*")
_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:[A-Z]{1,2}[- ]?)?\d{3,6}(?:-\d{3,4})?(?![\w-])")
# After a town or country, a postcode has four to six digits and is not a year (Sweden 67626, not Canada 2019).
_POSTCODE_AFTER_PLACE = re.compile(r"[ \t]*,?[ \t]*(?!(?:19|20)\d\d\b)(\d{4,6})(?![\w-])")


def join_places(text: str, found: list[Found]) -> list[Found]:
    """An address with the town, region and country that follow it, and the postcode after them, as one
    address (12 Talga Court, Kaster, Denmark 04494); a postcode right after a place is part of an address
    too. The places come from the place finder, so this runs only when places are looked for. ``found`` is
    sorted and not overlapping; so is the result."""
    joined: list[Found] = []
    for kind, start, end, score in found:
        if (
            joined
            and joined[-1][0] == "ADDRESS"
            and kind == "LOCATION"
            and _BETWEEN.fullmatch(text, joined[-1][2], start)
        ):
            previous = joined.pop()
            joined.append(("ADDRESS", previous[1], end, previous[3]))
            continue
        joined.append((kind, start, end, score))
    result = []
    for index, (kind, start, end, score) in enumerate(joined):
        next_start = joined[index + 1][1] if index + 1 < len(joined) else len(text)
        postcode = _POSTCODE_AFTER.match(text, end) if kind == "ADDRESS" else None
        if postcode and postcode.end() <= next_start:
            end = postcode.end()
        result.append((kind, start, end, score))
        postcode = _POSTCODE_AFTER_PLACE.match(text, end) if kind == "LOCATION" else None
        if postcode and postcode.end() <= next_start:
            result.append(("ADDRESS", postcode.start(1), postcode.end(1), score))
    return result
