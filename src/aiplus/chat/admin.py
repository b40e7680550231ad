from django.contrib import admin

from aiplus.chat.models import Retention


@admin.register(Retention)
class RetentionAdmin(admin.ModelAdmin):
    """How long each department keeps its chats. Chats themselves are their owners' alone: not listed here."""

    list_display = ["department", "days"]
