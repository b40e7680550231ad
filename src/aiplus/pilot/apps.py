from django.apps import AppConfig


class PilotConfig(AppConfig):
    name = "aiplus.pilot"
    label = "pilot"
    verbose_name = "Document assistant (HKPilot)"
