from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    name = "aiplus.workflows"
    label = "workflows"
    verbose_name = "Workflows"
