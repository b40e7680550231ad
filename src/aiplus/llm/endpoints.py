"""Which chat endpoint and model serve an actor: the department's own (``DepartmentModel``) where it has
one, field by field, else the global settings. Read per call, so a change in the admin applies at once."""

from dataclasses import dataclass, replace

from django.conf import settings

from aiplus.llm.models import DepartmentModel


@dataclass(frozen=True)
class ChatEndpoint:
    base_url: str
    api_key: str
    model: str
    timeout_seconds: float
    department_id: int | None = None  # the department whose calls these are, None when no department
    personal_data_policy: str = "mask"  # off, mask or block (``aiplus.llm.personal_data``)

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


def _global() -> ChatEndpoint:
    return ChatEndpoint(
        settings.AIPLUS_LLM_BASE_URL,
        settings.AIPLUS_LLM_API_KEY,
        settings.AIPLUS_LLM_MODEL,
        float(settings.AIPLUS_LLM_TIMEOUT_SECONDS),
        personal_data_policy=settings.AIPLUS_PERSONAL_DATA_POLICY,
    )


def personal_data_policy(own: DepartmentModel | None, *, own_endpoint: bool) -> str:
    """The policy for a department's calls: off for its own endpoint marked internal, else its own choice,
    else AIPLUS_PERSONAL_DATA_POLICY. The exemption follows the endpoint, not the department: when the
    department's base URL is cleared its calls go to the global endpoint and its policy applies again."""
    if own is not None and own.internal_endpoint and own_endpoint:
        return "off"
    return (own.personal_data_policy if own is not None else "") or settings.AIPLUS_PERSONAL_DATA_POLICY


def chat_endpoint(actor=None, *, department=None) -> ChatEndpoint:
    """The endpoint for an actor's (or a named department's) chat calls."""
    department_id = getattr(department, "pk", None) or getattr(actor, "department_id", None)
    default = _global()
    if not department_id:
        return default
    own = DepartmentModel.objects.filter(department_id=department_id).first()
    if own is None:
        return replace(default, department_id=department_id)
    if not own.use_model:
        return ChatEndpoint("", "", "", default.timeout_seconds, department_id)
    return ChatEndpoint(
        own.base_url or default.base_url,
        # A department's own endpoint never receives the global key.
        own.api_key if own.base_url else (own.api_key or default.api_key),
        own.model or default.model,
        float(own.timeout_seconds or default.timeout_seconds),
        department_id,
        personal_data_policy(own, own_endpoint=bool(own.base_url)),
    )
