from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "aiplus.assistant"
    label = "assistant"
    verbose_name = "assistant"
