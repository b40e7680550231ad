"""System checks for personal-data detection: the types named in settings must be types the detector knows."""

from django.core.checks import Error, register

from aiplus.privacy.detect import ALL_TYPES, QUASI_TYPES


@register()
def check_detection_types(app_configs=None, **kwargs):
    """AIPLUS_REDACT_TYPES may name any type; AIPLUS_PERSONAL_DATA_EXTRA_TYPES only quasi-identifiers (the
    personal types are always masked). A typo would otherwise silently leave a type out."""
    from django.conf import settings

    errors = []
    for name, allowed, id_ in (
        ("AIPLUS_REDACT_TYPES", ALL_TYPES, "aiplus.E050"),
        ("AIPLUS_PERSONAL_DATA_EXTRA_TYPES", QUASI_TYPES, "aiplus.E051"),
    ):
        unknown = [kind for kind in getattr(settings, name) if kind not in allowed]
        if unknown:
            errors.append(
                Error(
                    f"{name} names unknown types: {', '.join(unknown)}.",
                    hint=f"Use some of {', '.join(allowed)}; see docs/personal-data-detection.md.",
                    id=id_,
                )
            )
    return errors
