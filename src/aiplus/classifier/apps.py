from django.apps import AppConfig


class ClassifierConfig(AppConfig):
    name = "aiplus.classifier"
    label = "classifier"
    verbose_name = "Document classifier"
