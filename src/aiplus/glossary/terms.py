"""The glossary as plain data, for the code that uses it without a database (proofreading, translation)."""

from dataclasses import dataclass, field

LANGUAGES = ("en", "zh-Hant", "zh-Hans")


@dataclass(frozen=True)
class Term:
    en: str = ""
    zh_hant: str = ""
    zh_hans: str = ""
    notes: str = ""
    forbidden: tuple[str, ...] = field(default_factory=tuple)
    department: str = ""  # the code of the department whose glossary holds it

    def form(self, language: str) -> str:
        """The term as written in ``language`` (en, zh-Hant or zh-Hans); "" when it has no such form."""
        return {"en": self.en, "zh-Hant": self.zh_hant, "zh-Hans": self.zh_hans}.get(language, "")

    def as_dict(self) -> dict:
        return {
            "en": self.en,
            "zh_hant": self.zh_hant,
            "zh_hans": self.zh_hans,
            "notes": self.notes,
            "forbidden": list(self.forbidden),
            "department": self.department,
        }


@dataclass(frozen=True)
class TermPair:
    """A term to keep in a translation: ``source`` as it may appear in the text, ``target`` as it must be
    written in the translation."""

    source: str
    target: str
    notes: str = ""
