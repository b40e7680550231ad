from django.urls import path

from aiplus.intake import views

app_name = "intake"
urlpatterns = [
    path("intake/", views.overview, name="overview"),
    path("intake/poll/", views.poll_now, name="poll_now"),
    path("intake/mailboxes/<slug:name>/", views.mailbox, name="mailbox"),
    path("intake/mailboxes/<slug:name>/messages/<int:message_id>.eml", views.raw_message, name="raw_message"),
    path("intake/forms/<slug:slug>/", views.form_edit, name="form_edit"),
    path("intake/forms/<slug:slug>/preview/", views.form_preview, name="form_preview"),
    path("forms/<slug:slug>/", views.public_form, name="public_form"),
    path("forms/<slug:slug>/received/<str:reference>/", views.received, name="received"),
]
