from django.urls import path

from aiplus.records import views

app_name = "records"
urlpatterns = [
    path("records/", views.due, name="due"),
    path("records/schedules/", views.schedules, name="schedules"),
    path("records/holds/", views.holds, name="holds"),
    path("records/batches/", views.batches, name="batches"),
    path("records/batches/<int:batch_id>/", views.batch, name="batch"),
    path("records/disposals/", views.disposals, name="disposals"),
    path("records/documents/<int:document_id>/", views.document, name="document"),
]
