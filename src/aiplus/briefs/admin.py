"""Django admin for the innovation office: the saved briefs, read-only, limited to the briefs over
collections the officer may read (a private collection's briefs stay with its department)."""

from django.contrib import admin

from aiplus.briefs.models import Brief
from aiplus.catalogue.selectors import is_office
from aiplus.documents.selectors import collections_visible_to


@admin.register(Brief)
class BriefAdmin(admin.ModelAdmin):
    list_display = (
        "headline",
        "collection",
        "date_from",
        "date_to",
        "mode",
        "created_by_label",
        "created_at",
    )
    list_filter = ("mode", "language")
    search_fields = ("headline", "query", "created_by_label")
    readonly_fields = (
        "collection",
        "created_by",
        "created_by_label",
        "created_at",
        "date_from",
        "date_to",
        "query",
        "language",
        "mode",
        "headline",
        "content",
        "releases",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(collection__in=collections_visible_to(request.user))

    def has_module_permission(self, request):
        return is_office(request.user)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return is_office(request.user)
