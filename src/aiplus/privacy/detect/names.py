"""Personal names without a name model (none can be downloaded here): Chinese names as a listed surname
and one or two given characters, next to a title (先生, 女士…) or after a cue (姓名, 聯絡人…); English
names as runs of capitalised words, kept when a title or cue comes before them or when a word is a listed
given name or surname (a lone surname needs a title or cue)."""

import re
from collections.abc import Iterator
from functools import cache

from .lexicon import DATA, alternation, lowered, titles, words

Found = tuple[str, int, int, float]

# Characters that end a Chinese given name: function words and the first characters of titles.
_NOT_GIVEN = "的我你他她它們是在於為住址到往去及和與或至由從向被把將請已經有會要可以其此這那個號年月日時前後並及先女太博醫教議姑律主經老等於上下內外、"
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
WORD = rf"(?:Mc|Mac|O['’])?[{UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)?"


@cache
def _patterns() -> dict[str, re.Pattern]:
    surname = alternation("zh_surnames.txt")
    zh_title = "(?:" + "|".join(map(re.escape, titles("zh"))) + ")"
    en_title = "(?:" + "|".join(map(re.escape, titles("en"))) + r")\.?"
    cue = alternation("name_cues.txt")
    given = rf"[^\W\d_{_NOT_GIVEN}a-zA-Z]"
    return {
        "zh_titled": re.compile(rf"{surname}{given}{{1,2}}(?={zh_title})"),
        "zh_surname_titled": re.compile(rf"{surname}{zh_title}"),
        "zh_owner": re.compile(rf"{surname}{given}{{2}}(?=的{alternation('zh_personal_nouns.txt')})"),
        "hk_caps": re.compile(
            r"\b[A-Z]{2,7}(?:-[A-Z]{2,7})?,?[ \t][A-Z][a-z]{1,5}(?:[- ][A-Za-z][a-z]{1,5})?\b"
        ),
        "zh_cued": re.compile(rf"(?:{cue}|{en_title})[\s:：]*({surname}{given}{{1,2}})"),
        "en_run": re.compile(rf"(?<![\w'’-]){WORD}(?:[ \t]+(?:[{UPPER}]\.?[ \t]+)?{WORD}){{0,3}}"),
        "en_before": re.compile(rf"(?:\b{en_title}|{cue})[\s:：,]*$", re.IGNORECASE),
    }


def find(text: str) -> Iterator[Found]:
    p = _patterns()
    for m in p["zh_titled"].finditer(text):
        yield "PERSON", m.start(), m.end(), 0.75
    for m in p["zh_surname_titled"].finditer(text):
        yield "PERSON", m.start(), m.end(), 0.7
    for m in p["zh_cued"].finditer(text):
        yield "PERSON", m.start(1), m.end(1), 0.75
    for m in p["zh_owner"].finditer(text):
        yield "PERSON", m.start(), m.end(), 0.7
    for m in p["hk_caps"].finditer(text):
        # CHAN Tai-man, or CHAN Tai Man with a listed surname (not HA Go, AFCD Animal).
        surname = m.group().split()[0].rstrip(",")
        if "-" in m.group()[len(surname) :] or surname.lower() in lowered("en_surnames.txt"):
            yield "PERSON", m.start(), m.end(), 0.65
    for m in p["en_run"].finditer(text):
        yield from _english(text, m)


def _english(text: str, m: re.Match) -> Iterator[Found]:
    tokens = [(t.start(), t.end(), t.group()) for t in re.finditer(r"\S+", m.group())]
    tokens = [(m.start() + s, m.start() + e, w) for s, e, w in tokens]
    skip, stop, titled = lowered("not_name_words.txt"), {t.lower() for t in titles("en")}, False
    while tokens and (tokens[0][2].lower().rstrip(".") in skip | stop or _is_cue(tokens[0][2])):
        titled = titled or tokens[0][2].lower().rstrip(".") in stop or _is_cue(tokens[0][2])
        tokens.pop(0)
    if tokens and re.search(r"['’]s$", tokens[-1][2]):
        start_, end_, word = tokens[-1]
        tokens[-1] = (start_, end_ - 2, word[:-2])
    if not tokens or any(_skipped(w) for _, _, w in tokens):
        return
    start, end = tokens[0][0], tokens[-1][1]
    name = text[start:end]
    if name in _places():
        return
    cued = titled or _patterns()["en_before"].search(text, max(0, start - 20), start) is not None
    given, surnames = given_names(), lowered("en_surnames.txt")
    listed = [w.lower().rstrip(".") for _, _, w in tokens]
    words_ = [w for _, _, w in tokens if not re.fullmatch(rf"[{UPPER}]\.?", w)]
    if cued or any(w in given for w in listed) or (len(tokens) >= 2 and any(w in surnames for w in listed)):
        yield "PERSON", start, end, 0.6 if not cued else 0.7
    elif 2 <= len(words_) <= 3 and not any(w.isupper() or _ordinary(w) for w in words_):
        # Two or three capitalised words that are neither listed nor ordinary words: most often a name.
        yield "PERSON", start, end, 0.5


@cache
def given_names() -> frozenset[str]:
    """English given names (lower case): the team's list and the 1990 US Census first names."""
    return lowered("en_given_names.txt") | lowered("en_given_names_census.txt")


@cache
def _endings() -> tuple[tuple[str, int], ...]:
    lines = (DATA / "common_word_endings.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        (line.split("\t")[0], int(line.split("\t")[1])) for line in lines if line and not line.startswith("#")
    )


def _ordinary(word: str) -> bool:
    """Whether a word has the ending of an ordinary English word (Licensing, Directory, Coordinator)."""
    word = word.lower()
    return any(word.endswith(ending) and len(word) >= shortest for ending, shortest in _endings())


def _skipped(word: str) -> bool:
    """Whether a capitalised word is an ordinary word or a thing's name (Road, Department, Offices)."""
    word = re.sub(r"['’]s$", "", word.lower().rstrip(".,:"))
    skip = lowered("not_name_words.txt")
    return word in skip or (word.endswith("s") and word[:-1] in skip)


def _is_cue(word: str) -> bool:
    return word.rstrip(":,").lower() in lowered("name_cues.txt")


@cache
def _places() -> frozenset[str]:
    return frozenset(words("districts.txt") + words("estates.txt") + words("not_name_phrases.txt"))


def repeats(text: str, found: list[tuple[str, int, int]]) -> Iterator[Found]:
    """Other mentions of the names already found: 陳大文 again without its title, or Vanessa alone after
    Vanessa P. Hertzog. Chinese names of two or more characters are matched whole, English names word by
    word (words of three letters or more that are not ordinary words)."""
    chinese, english = set(), set()
    for _, start, end in found:
        name = text[start:end]
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
            chinese.add(name)
        else:
            english.update(
                w for w in re.findall(r"[^\W\d_][^\W\d_'’-]{2,}", name) if not _skipped(w) and w[0].isupper()
            )
    lengths = sorted({len(name) for name in chinese}, reverse=True)
    for m in re.finditer(r"[\u4e00-\u9fff]{2,}" if chinese else r"(?!x)x", text):
        at = m.start()
        while at < m.end() - 1:
            size = next((n for n in lengths if text[at : at + n] in chinese), 0)
            if size:
                yield "PERSON", at, at + size, 0.45
            at += size or 1
    for m in re.finditer(r"(?<![^\W\d_])[^\W\d_][^\W\d_'’-]{2,}" if english else r"(?!x)x", text):
        if m.group() in english:
            yield "PERSON", m.start(), m.end(), 0.45
