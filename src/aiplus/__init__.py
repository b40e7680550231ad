"""aiplus: AI+ Civil Services for Hong Kong's languages, on a department's own machines."""

from aiplus.celery import app as celery_app

__all__ = ["celery_app"]
