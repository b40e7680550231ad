from django.contrib import admin
from django.urls import include, path

from aiplus.api import api
from aiplus.integrations.api import openai_api

urlpatterns = [
    path("api/v1/", api.urls),
    path("v1/", openai_api.urls),  # OpenAI-compatible chat API (aiplus.integrations)
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("aiplus.core.urls")),
    path("", include("aiplus.documents.urls")),
    path("", include("aiplus.assistant.urls")),
    path("", include("aiplus.meetings.urls")),
    path("", include("aiplus.chat.urls")),
    path("", include("aiplus.bots.urls")),
    path("", include("aiplus.faq.urls")),
    path("", include("aiplus.privacy.urls")),
    path("", include("aiplus.glossary.urls")),
    path("", include("aiplus.pilot.urls")),
    path("", include("aiplus.catalogue.urls")),
    path("", include("aiplus.forums.urls")),
    path("", include("aiplus.briefs.urls")),
    path("", include("aiplus.workflows.urls")),
    path("", include("aiplus.classifier.urls")),
    path("", include("aiplus.intake.urls")),
    path("", include("aiplus.records.urls")),
]
