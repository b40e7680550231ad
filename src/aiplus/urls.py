from django.contrib import admin
from django.urls import include, path

from aiplus.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("aiplus.core.urls")),
    path("", include("aiplus.documents.urls")),
    path("", include("aiplus.assistant.urls")),
    path("", include("aiplus.meetings.urls")),
    path("", include("aiplus.bots.urls")),
    path("", include("aiplus.faq.urls")),
]
