from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "aiplus.integrations"
    label = "integrations"
    verbose_name = "Integrations (OpenAI-compatible API, MCP)"
