from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "aiplus.core"
    label = "core"
    verbose_name = "aiplus core"

    def ready(self) -> None:
        from aiplus.core import checks  # noqa: F401  (registers the system checks)
