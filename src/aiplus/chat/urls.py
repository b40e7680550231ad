from django.urls import path

from aiplus.chat import views

app_name = "chat"
urlpatterns = [
    path("chats/", views.chats, name="chats"),
    path("chats/<int:chat_id>/", views.chat, name="chat"),
    path("chats/<int:chat_id>/stream/", views.chat_stream, name="stream"),
    path("chats/<int:chat_id>/rename/", views.chat_rename_view, name="rename"),
    path("chats/<int:chat_id>/delete/", views.chat_delete_view, name="delete"),
]
