from django.urls import path

from aiplus.workflows import views

app_name = "workflows"
urlpatterns = [
    path("workflows/", views.workflow_list, name="list"),
    path("workflows/new/", views.workflow_edit, name="new"),
    path("workflows/<int:workflow_id>/", views.workflow_edit, name="edit"),
    path("workflows/runs/", views.run_list, name="runs"),
    path("workflows/runs/<int:run_id>/", views.run_detail, name="run"),
    path("workflows/runs/<int:run_id>/retry", views.run_retry, name="retry"),
    path("workflows/queue/", views.queue, name="queue"),
]
