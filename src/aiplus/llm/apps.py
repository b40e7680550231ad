from django.apps import AppConfig


class LlmConfig(AppConfig):
    name = "aiplus.llm"
    label = "llm"
    verbose_name = "model gateway"
