from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "aiplus.records"
    label = "records"
    verbose_name = "Records"
