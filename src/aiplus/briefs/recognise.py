"""Agencies, vendors and places named in a text.

Agencies are the departments in ``core.Department`` (English and Chinese names, and the abbreviations and
short forms in ``data/agency_aliases.tsv``); vendors are the catalogue's approved vendors (English and
Chinese names, with and without "Ltd"/"有限公司"); places come from the gazetteer ``data/gazetteer.tsv``.
Names are matched longest first, so "Sha Tin Service Design Ltd" is a vendor and not the place Sha Tin, and
Chinese names are matched in Traditional and Simplified script.
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from aiplus.core.language import to_simplified

AGENCY, VENDOR, LOCATION = "agency", "vendor", "location"
KINDS = (AGENCY, VENDOR, LOCATION)
# The field of a brief (and of a labelled release) listing each kind.
FIELDS = {AGENCY: "agencies", VENDOR: "vendors", LOCATION: "locations"}
# Legal suffixes a release may leave off a company's name.
_COMPANY_SUFFIX_RE = re.compile(r"(?:\s*(?:Co\.,?\s*)?(?:Limited|Ltd\.?))$|有限公司$", re.IGNORECASE)
_ABBREVIATION_RE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@dataclass(frozen=True)
class Entity:
    """Something a release can name: ``key`` is a department code, a vendor id or a place's English name."""

    kind: str
    key: str
    name_en: str
    name_zh: str = ""

    def display_name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") and self.name_zh else self.name_en


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int


def data_rows(name: str) -> list[list[str]]:
    text = resources.files("aiplus.briefs").joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def gazetteer() -> tuple[tuple[Entity, tuple[str, ...]], ...]:
    places = []
    for row in data_rows("gazetteer.tsv"):
        english, chinese, _kind = row[0].strip(), row[1].strip(), row[2].strip()
        others = tuple(n.strip() for n in (row[3] if len(row) > 3 else "").split("|") if n.strip())
        places.append((Entity(LOCATION, english, english, chinese), (english, chinese, *others)))
    return tuple(places)


def agency_aliases() -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for code, alias in data_rows("agency_aliases.tsv"):
        aliases.setdefault(code.strip(), []).append(alias.strip())
    return aliases


def _agencies() -> list[tuple[Entity, tuple[str, ...]]]:
    from aiplus.core.models import Department

    aliases = agency_aliases()
    return [
        (
            Entity(AGENCY, d.code, d.name_en, d.name_zh),
            (d.name_en, d.name_zh, *aliases.get(d.code, [])),
        )
        for d in Department.objects.all()
    ]


def _vendors() -> list[tuple[Entity, tuple[str, ...]]]:
    from aiplus.catalogue.models import Vendor, VendorStatus

    found = []
    for vendor in Vendor.objects.filter(status=VendorStatus.APPROVED):
        names = [vendor.name, vendor.name_zh]
        names += [_COMPANY_SUFFIX_RE.sub("", n).strip() for n in names if n]
        found.append((Entity(VENDOR, str(vendor.pk), vendor.name, vendor.name_zh), tuple(names)))
    return found


def _surface_pattern(surface: str) -> str:
    escaped = re.escape(surface)
    if re.search(r"[A-Za-z0-9]", surface[:1] + surface[-1:]):
        # A Latin name is a whole word: "Central" is not found in "Centralised".
        escaped = rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])"
    if _ABBREVIATION_RE.match(surface):
        return f"(?-i:{escaped})"  # "DIO" is an abbreviation; "dio" in running text is not
    return escaped


class Recogniser:
    """Finds the known entities in texts; build one per brief (it reads the departments and vendors)."""

    def __init__(self, entries: list[tuple[Entity, tuple[str, ...]]]):
        self.by_surface: dict[str, Entity] = {}
        for entity, surfaces in entries:
            for surface in surfaces:
                for variant in {surface, to_simplified(surface)} if surface else ():
                    if len(variant) >= 2:
                        self.by_surface.setdefault(variant.casefold(), entity)
        ordered = sorted(self.by_surface, key=len, reverse=True)
        originals = {s.casefold(): s for _e, surfaces in entries for s in surfaces if s}
        patterns = [_surface_pattern(originals.get(s, s)) for s in ordered]
        self.pattern = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None

    @classmethod
    def from_database(cls) -> "Recogniser":
        return cls(_agencies() + _vendors() + list(gazetteer()))

    def mentions(self, text: str) -> list[Mention]:
        """Every mention, longest name first at each place, in text order."""
        if self.pattern is None:
            return []
        return [
            Mention(self.by_surface[match.group(0).casefold()], match.start(), match.end())
            for match in self.pattern.finditer(text)
            if match.group(0).casefold() in self.by_surface
        ]

    def entities(self, text: str) -> dict[str, list[Entity]]:
        """The distinct entities of each kind a text names, in order of first mention."""
        found: dict[str, list[Entity]] = {kind: [] for kind in KINDS}
        for mention in self.mentions(text):
            if mention.entity not in found[mention.entity.kind]:
                found[mention.entity.kind].append(mention.entity)
        return found
