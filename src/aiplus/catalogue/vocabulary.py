"""The catalogue's controlled lists (``data/vocabulary.json``): capability categories, technology types,
languages, deployment models, data residency, pricing models, risk tiers and data sensitivities, each code
with its label in English and Traditional Chinese."""

import json
from functools import cache
from pathlib import Path

from django.utils import translation

from aiplus.core.validation import invalid

DATA = Path(__file__).parent / "data"

KINDS = (
    "categories",
    "technologies",
    "languages",
    "deployments",
    "residencies",
    "pricing_models",
    "risk_tiers",
    "sensitivities",
)


@cache
def vocabulary() -> dict:
    return json.loads((DATA / "vocabulary.json").read_text("utf-8"))


@cache
def matching_settings() -> dict:
    return json.loads((DATA / "matching.json").read_text("utf-8"))


def codes(kind: str) -> list[str]:
    return list(vocabulary()[kind])


def label(kind: str, code: str, language: str | None = None) -> str:
    """The code's label in ``language`` (default: the active one); an unknown code is shown as it is."""
    language = language or translation.get_language() or "en"
    names = vocabulary()[kind].get(code)
    if names is None:
        return code
    return names[1] if language.lower().startswith("zh") else names[0]


def all_labels(kind: str, code: str) -> str:
    """Both labels, for the search index (a Chinese query finds an English-labelled facet and back)."""
    return " ".join(vocabulary()[kind].get(code, [code]))


def choices(kind: str, language: str | None = None) -> list[tuple[str, str]]:
    return [(code, label(kind, code, language)) for code in codes(kind)]


def clean_code(field: str, kind: str, value) -> str:
    if not isinstance(value, str) or value not in vocabulary()[kind]:
        raise invalid(field, "one_of", choices=", ".join(codes(kind)))
    return value


def clean_codes(field: str, kind: str, values, *, required: bool = True) -> list[str]:
    """A list of known codes, each once, in the vocabulary's order."""
    if isinstance(values, str):
        values = [part.strip() for part in values.replace(";", ",").split(",") if part.strip()]
    if not isinstance(values, list | tuple):
        raise invalid(field, "one_of", choices=", ".join(codes(kind)))
    given = {clean_code(field, kind, value) for value in values}
    if required and not given:
        raise invalid(field, "required")
    return [code for code in codes(kind) if code in given]


def sensitivity_allows(sensitivity: str) -> dict[str, list[str]]:
    return vocabulary()["sensitivity_rules"][sensitivity]
