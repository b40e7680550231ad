"""Webhook: POST the run's results as JSON to an address. Private, loopback, link-local and other internal
addresses are refused unless their host or network is in ``AIPLUS_WEBHOOK_ALLOW``; redirects are not
followed (they could lead inside). A timeout, a refused connection or a 5xx answer is retried with backoff."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, field_validator

from aiplus.core.validation import invalid
from aiplus.workflows.actions import Action, StepInput, StepResult, StepRetry
from aiplus.workflows.actions.email import placeholders


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(min_length=8, max_length=1000)
    timeout_seconds: float | None = Field(
        default=None, gt=0, le=60, description="Default: AIPLUS_WEBHOOK_TIMEOUT_SECONDS"
    )

    @field_validator("url")
    @classmethod
    def _http(cls, value):
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("give an http:// or https:// address")
        return value


def _allowed(host: str, address: ipaddress.IPv4Address | ipaddress.IPv6Address, allow: list[str]) -> bool:
    for entry in allow:
        if entry.lower() == host.lower():
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def address_check(url: str) -> None:
    """Refuse an address that resolves to an internal network, unless the operator allowed it."""
    from django.conf import settings

    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, urlsplit(url).port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise StepRetry(f"webhook host {host!r} not found: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        internal = not address.is_global or address.is_multicast
        if internal and not _allowed(host, address, settings.AIPLUS_WEBHOOK_ALLOW):
            raise invalid("workflow.webhook", "wf_webhook_internal", host=host)


def run(step: StepInput) -> StepResult:
    import httpx
    from django.conf import settings

    url = step.settings["url"]
    address_check(url)
    payload = {
        "run": step.run.pk,
        "workflow": step.run.workflow.name,
        "document": step.run.document_id,
        "fields": step.context.get("fields", {}),
        **{
            key: value
            for key, value in placeholders(step).items()
            if key in {"summary", "draft", "title", "filename"}
        },
    }
    try:
        response = httpx.post(
            url,
            json=payload,
            timeout=step.settings["timeout_seconds"] or settings.AIPLUS_WEBHOOK_TIMEOUT_SECONDS,
            follow_redirects=False,
            headers={"Idempotency-Key": step.step.idempotency_key},
        )
    except httpx.HTTPError as error:
        raise StepRetry(f"webhook: {error}") from error
    if response.status_code >= 500 or response.status_code == 429:
        raise StepRetry(f"webhook answered {response.status_code}")
    if response.status_code >= 300:
        raise invalid("workflow.webhook", "wf_webhook_status", status=response.status_code)
    return StepResult(output={"url": url, "status": response.status_code})


ACTION = Action("webhook", _("Call a webhook"), Settings, run)
