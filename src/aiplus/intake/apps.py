from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "aiplus.intake"
    label = "intake"
    verbose_name = "Intake"
