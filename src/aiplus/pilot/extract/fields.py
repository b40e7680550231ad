"""Finding each field of a schema in a document's pages, without a model: the value after its label on the
same line (or on the next line, or in the next table cell), then, for types recognisable on their own,
the first valid value anywhere. Each value keeps the page and offsets where it was found.
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from aiplus.core.language import HAN_RE
from aiplus.documents.parsers import PageText
from aiplus.pilot.extract.schema import FieldSpec, Schema
from aiplus.pilot.extract.values import ANYWHERE, FINDERS


@dataclass(frozen=True)
class FieldValue:
    name: str
    type: str
    required: bool
    value: str = ""  # as written in the document
    normalised: str = ""  # 2024-01-05, 1500.00, A123456(3), 21234567, …
    page: int = 0
    start: int = 0  # offsets into the page's text
    end: int = 0
    valid: bool = False
    method: str = ""  # label, layout, pattern, model; "" when not found

    @property
    def found(self) -> bool:
        return bool(self.method)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "found": self.found,
            "value": self.value,
            "normalised": self.normalised,
            "valid": self.valid,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "method": self.method,
        }


@cache
def type_labels() -> dict[str, tuple[str, ...]]:
    text = resources.files("aiplus.pilot.extract").joinpath("data", "labels.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {row[0]: tuple(label for label in row[1:] if label) for row in rows}


def _own_labels(spec: FieldSpec) -> tuple[str, ...]:
    return (*spec.labels, spec.name.replace("_", " "))


@cache
def _label_pattern(label: str) -> re.Pattern:
    """A label at the start of a line or cell, or after a space (a Chinese label after anything, as Chinese
    has no spaces and a PDF may join lines), ended by a colon, a cell border, two spaces, or the end of its
    line; the value starts after it."""
    words = r"\s+".join(re.escape(word) for word in label.split())
    before = "" if HAN_RE.match(label) else r"(?:(?<=^)|(?<=[\s|/(（]))"
    return re.compile(
        rf"{before}(?P<label>{words})(?:\s*[(（][^)）\n]{{0,30}}[)）])?"
        r"(?P<sep>[ \t]*[:：][ \t]*|[ \t]*\|[ \t]*|[ \t]{2,}|[ \t]*(?=\n|$))",
        re.IGNORECASE | re.MULTILINE,
    )


@dataclass(frozen=True)
class _Hit:
    label: str
    start: int  # of the label
    value_start: int


def _hits(text: str, labels: tuple[str, ...]) -> list[_Hit]:
    """Every label in the text, except one inside a longer label (地址 in 電郵地址, 姓名 in 申請人姓名)."""
    found = [
        (m.start("label"), m.end("label"), _Hit(label, m.start("label"), m.end("sep")))
        for label in labels
        for m in _label_pattern(label).finditer(text)
    ]
    return [
        hit
        for start, end, hit in found
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)
    ]


def _segment(text: str, hit: _Hit, boundaries: list[int]) -> tuple[int, int]:
    """The value's stretch: to the end of the line, the next cell or the next label on the line; the next
    non-empty line when the label ends its line."""
    line_end = text.find("\n", hit.value_start)
    line_end = len(text) if line_end == -1 else line_end
    start = hit.value_start
    if not text[start:line_end].strip():
        following = re.compile(r"[^\S\n]*\n\s*(?P<line>[^\n]+)").match(text, start)
        if following is None:
            return start, start
        start, line_end = following.start("line"), following.end("line")
        if start in boundaries:  # the next line is another label's, not this one's value
            return start, start
    end = min([b for b in boundaries if start < b < line_end] + [line_end])
    cell = text.find(" | ", start, end)
    return start, cell if cell != -1 else end


def _candidates(spec: FieldSpec, text: str, start: int, end: int) -> list[tuple[int, int, str, bool]]:
    """The values of the field's type (and pattern) within text[start:end], valid ones first."""
    stretch = text[start:end]
    if spec.pattern is not None:
        match = spec.pattern.search(stretch)
        if match is None:
            return []
        found = [(match.start(), match.end(), match.group(), True)]
        if spec.type not in ("text", "name", "address"):
            found = [f for f in FINDERS[spec.type](match.group())] or found
            found = [(match.start() + s, match.start() + e, n, v) for s, e, n, v in found]
    else:
        found = list(FINDERS[spec.type](stretch))
    found.sort(key=lambda f: not f[3])
    return [(start + s, start + e, normalised, valid) for s, e, normalised, valid in found]


def extract_fields(pages: list[PageText], schema: Schema) -> list[FieldValue]:
    """One value (or a not-found entry) per field, in the schema's order."""
    all_labels = tuple(
        dict.fromkeys(
            [label for spec in schema.fields for label in _own_labels(spec)]
            + [label for labels in type_labels().values() for label in labels]
        )
    )
    page_hits = {page.number: _hits(page.text, all_labels) for page in pages}
    taken: set[tuple[int, int]] = set()
    results: dict[str, FieldValue] = {}
    # Fields with labels of their own go first, so a generic label ("Date") is left for the others.
    for pass_labels in ("own", "type"):
        for spec in schema.fields:
            if spec.name in results:
                continue
            labels = _own_labels(spec) if pass_labels == "own" else type_labels().get(spec.type, ())
            results_for = _by_label(spec, pages, page_hits, labels, taken)
            if results_for is not None:
                results[spec.name] = results_for
    for spec in schema.fields:
        if spec.name not in results and (spec.pattern is not None or spec.type in ANYWHERE):
            found = _anywhere(spec, pages, taken)
            if found is not None:
                results[spec.name] = found
    block = _addressee(pages)
    for spec in schema.fields:
        if spec.name not in results and spec.pattern is None and spec.type in block:
            page, start, end, normalised = block.pop(spec.type)
            text = next(p.text for p in pages if p.number == page)
            results[spec.name] = FieldValue(
                spec.name,
                spec.type,
                spec.required,
                text[start:end],
                normalised,
                page,
                start,
                end,
                True,
                "layout",
            )
    return [
        results.get(spec.name) or FieldValue(spec.name, spec.type, spec.required) for spec in schema.fields
    ]


def _by_label(spec, pages, page_hits, labels, taken) -> FieldValue | None:
    wanted = {label.lower() for label in labels}
    for page in pages:
        hits = page_hits[page.number]
        boundaries = sorted(h.start for h in hits)
        for hit in sorted((h for h in hits if h.label.lower() in wanted), key=lambda h: h.start):
            if ("label", page.number, hit.start) in taken:
                continue
            start, end = _segment(page.text, hit, boundaries)
            found = _candidates(spec, page.text, start, end)
            if not found:
                continue
            value_start, value_end, normalised, valid = found[0]
            taken |= {("label", page.number, hit.start), ("value", page.number, value_start)}
            return FieldValue(
                spec.name,
                spec.type,
                spec.required,
                page.text[value_start:value_end],
                normalised,
                page.number,
                value_start,
                value_end,
                valid,
                "label",
            )
    return None


@cache
def _addressee_pattern() -> re.Pattern:
    text = resources.files("aiplus.pilot.extract").joinpath("data", "titles.txt").read_text("utf-8")
    titles = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    before = "|".join(re.escape(t) for t in titles if not HAN_RE.match(t))
    after = "|".join(re.escape(t) for t in titles if HAN_RE.match(t))
    return re.compile(
        rf"^[ \t]*(?:(?:{before})[ \t]+(?P<name>[A-Z][A-Za-z' -]{{1,60}}?)|(?P<zh_name>\S{{2,4}}?)(?:{after}))[ \t]*$",
        re.MULTILINE,
    )


def _addressee(pages) -> dict[str, tuple[int, int, int, str]]:
    """A letter's addressee block: the name on the line with a title (Mr CHAN Tai Man, 陳大文先生) and the
    address on the lines under it, up to a blank line or the salutation. {type: (page, start, end, value)}."""
    for page in pages[:1]:
        match = _addressee_pattern().search(page.text)
        if match is None:
            continue
        group = "name" if match.group("name") else "zh_name"
        found = {"name": (page.number, match.start(group), match.end(group), match.group(group).strip())}
        lines = []
        at = match.end() + 1
        for line in page.text[at:].split("\n"):
            if not line.strip() or re.match(r"\s*(Dear|敬啟者|親愛的)", line):
                break
            lines.append((at, at + len(line)))
            at += len(line) + 1
        if lines:
            start, end = lines[0][0], lines[-1][1]
            value = ", ".join(page.text[s:e].strip().rstrip(",") for s, e in lines)
            found["address"] = (page.number, start, end, value)
        return found
    return {}


def _anywhere(spec, pages, taken) -> FieldValue | None:
    for page in pages:
        for start, end, normalised, valid in _candidates(spec, page.text, 0, len(page.text)):
            if not valid or ("value", page.number, start) in taken:
                continue
            taken.add(("value", page.number, start))
            return FieldValue(
                spec.name,
                spec.type,
                spec.required,
                page.text[start:end],
                normalised,
                page.number,
                start,
                end,
                True,
                "pattern",
            )
    return None
