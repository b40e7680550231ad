"""System checks for search settings an operator can get wrong."""

from django.core.checks import Error, register

from aiplus.search.fusion import configured_weight


@register()
def check_dense_weight(app_configs=None, **kwargs):
    try:
        configured_weight()
    except ValueError as problem:
        return [
            Error(
                f"AIPLUS_SEARCH_DENSE_WEIGHT is not a number from 0 to 1 ({problem}).",
                hint="Leave it empty to use the weight learned for the embedding model, or set e.g. 0.3.",
                id="aiplus.E021",
            )
        ]
    return []
