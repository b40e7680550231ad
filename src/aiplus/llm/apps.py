from django.apps import AppConfig


class LlmConfig(AppConfig):
    name = "aiplus.llm"
    label = "llm"
    verbose_name = "model gateway"

    def ready(self) -> None:
        from aiplus.llm import checks  # noqa: F401  (registers the system checks)
