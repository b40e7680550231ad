"""Extracting the fields of a user's schema from a form or letter: by labels, layout and patterns without a
model (``fields``), by a model's proposals checked against the text with one (``model``)."""

from aiplus.pilot.extract.fields import FieldValue, extract_fields
from aiplus.pilot.extract.pages import read_pages
from aiplus.pilot.extract.schema import TYPES, FieldSpec, Schema, parse_schema

__all__ = ["TYPES", "FieldSpec", "FieldValue", "Schema", "extract_fields", "parse_schema", "read_pages"]
