from django.urls import path

from aiplus.privacy import views, views_governance

app_name = "privacy"
urlpatterns = [
    path("privacy/redact/", views.redact_upload, name="redact"),
    path("privacy/redact/<str:token>/", views.redact_review, name="redact_review"),
    path("privacy/redact/<str:token>/status/", views.redact_status, name="redact_status"),
    path("privacy/redact/<str:token>/file", views.redact_file, name="redact_file"),
    path("governance/", views_governance.governance_page, name="governance"),
]
