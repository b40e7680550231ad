from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "aiplus.glossary"
    label = "glossary"
    verbose_name = "Glossary"
