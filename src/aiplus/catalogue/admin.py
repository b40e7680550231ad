"""Django admin for the innovation office: vendors, solutions (versions read-only: they are never changed),
needs, proposals and matches. Status changes go through the pages or the API, where the services check them;
here the office reads, searches and corrects contact details."""

from django.contrib import admin

from aiplus.catalogue.models import Match, Need, Proposal, Solution, SolutionVersion, Vendor
from aiplus.catalogue.selectors import is_office


class _OfficeOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_office(request.user)

    def has_view_permission(self, request, obj=None):
        return is_office(request.user)

    def has_change_permission(self, request, obj=None):
        return is_office(request.user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vendor)
class VendorAdmin(_OfficeOnly):
    list_display = ("name", "br_number", "status", "is_sme", "is_startup", "contact_email")
    list_filter = ("status", "is_sme", "is_startup")
    search_fields = ("name", "name_zh", "br_number", "contact_name")
    readonly_fields = ("status", "br_number", "created_at")


class VersionInline(admin.TabularInline):
    model = SolutionVersion
    fields = ("number", "name_en", "name_zh", "pricing_model", "annual_price_hkd", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Solution)
class SolutionAdmin(_OfficeOnly):
    list_display = ("__str__", "vendor", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("current_version__name_en", "current_version__name_zh", "vendor__name")
    readonly_fields = ("public_id", "vendor", "status", "current_version", "review_note")
    inlines = [VersionInline]


@admin.register(Need)
class NeedAdmin(_OfficeOnly):
    list_display = ("title", "department", "visibility", "sensitivity", "created_at")
    list_filter = ("visibility", "sensitivity", "department")
    search_fields = ("title", "problem")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(_OfficeOnly):
    list_display = ("need", "vendor", "solution", "updated_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Match)
class MatchAdmin(_OfficeOnly):
    list_display = ("need", "solution", "stage", "rank", "score")
    list_filter = ("stage",)

    def has_change_permission(self, request, obj=None):
        return False
