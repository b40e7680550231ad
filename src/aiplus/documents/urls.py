from django.urls import path

from aiplus.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.collections, name="collections"),
    path("collections/<slug:slug>/", views.collection, name="collection"),
    path("collections/<slug:slug>/status/", views.collection_status, name="collection_status"),
    path("collections/<slug:slug>/sharing/", views.collection_sharing, name="sharing"),
    path("collections/<slug:slug>/delete/", views.delete_collection, name="delete_collection"),
    path("documents/<int:document_id>/delete/", views.delete_document, name="delete"),
    path("documents/<int:document_id>/passage/<int:chunk_id>/", views.passage, name="passage"),
    path("documents/<int:document_id>/file/", views.document_file, name="file"),
]
