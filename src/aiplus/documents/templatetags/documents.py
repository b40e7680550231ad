"""Template filters for documents: whether a format has pages worth naming."""

from django import template

from aiplus.documents.parsers import has_pages as _has_pages

register = template.Library()


@register.filter
def has_pages(file_type: str) -> bool:
    return _has_pages(file_type or "")
