from django.urls import path

from aiplus.privacy import views_governance

app_name = "privacy"
urlpatterns = [
    path("governance/", views_governance.governance_page, name="governance"),
]
