from django.urls import path

from aiplus.privacy import views

app_name = "privacy"
urlpatterns: list = [
    path("privacy/redact/", views.redact_upload, name="redact"),
    path("privacy/redact/<str:token>/", views.redact_review, name="redact_review"),
]
