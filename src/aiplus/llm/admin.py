"""Django admin for the model gateway: a department administrator sets their department's own chat endpoint
and model, and reads its model calls; a platform administrator sees every department's."""

from django import forms
from django.contrib import admin

from aiplus.core.models import Department, Role
from aiplus.llm.models import DepartmentModel, ModelCall
from aiplus.llm.services import department_model_audit


def _is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_platform_admin", False))


def _is_department_admin(user) -> bool:
    return getattr(user, "role", "") == Role.DEPARTMENT_ADMIN and bool(getattr(user, "department_id", None))


class _DepartmentScoped(admin.ModelAdmin):
    """Rows of the user's own department only, unless they run the platform."""

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if _is_platform_admin(request.user):
            return rows
        return rows.filter(department_id=request.user.department_id)

    def has_module_permission(self, request):
        return _is_platform_admin(request.user) or _is_department_admin(request.user)

    def has_view_permission(self, request, obj=None):
        if _is_platform_admin(request.user):
            return True
        return _is_department_admin(request.user) and (
            obj is None or obj.department_id == request.user.department_id
        )


class DepartmentModelForm(forms.ModelForm):
    base_url = forms.URLField(
        required=False,
        assume_scheme="http",  # model servers inside a department's network are often plain http
        label=DepartmentModel._meta.get_field("base_url").verbose_name,
        help_text=DepartmentModel._meta.get_field("base_url").help_text,
    )
    # The key is never shown again; leaving it blank keeps the one stored.
    api_key = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        label=DepartmentModel._meta.get_field("api_key").verbose_name,
    )

    class Meta:
        model = DepartmentModel
        fields = [
            "department",
            "use_model",
            "base_url",
            "model",
            "api_key",
            "timeout_seconds",
            "personal_data_policy",
            "internal_endpoint",
        ]

    def clean_api_key(self):
        key = self.cleaned_data.get("api_key", "")
        return key or (self.instance.api_key if self.instance.pk else "")


@admin.register(DepartmentModel)
class DepartmentModelAdmin(_DepartmentScoped):
    form = DepartmentModelForm
    list_display = [
        "department",
        "use_model",
        "base_url",
        "model",
        "timeout_seconds",
        "personal_data_policy",
        "internal_endpoint",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """Saved as the form has it, and audited as ``department_model_set`` audits (the policy included)."""
        super().save_model(request, obj, form, change)
        department_model_audit(actor=request.user, row=obj, channel="admin")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not _is_platform_admin(request.user):
            kwargs["queryset"] = Department.objects.filter(pk=request.user.department_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ModelCall)
class ModelCallAdmin(_DepartmentScoped):
    list_display = [
        "at",
        "flow",
        "model",
        "department",
        "prompt_tokens",
        "completion_tokens",
        "first_token_milliseconds",
        "milliseconds",
        "attempts",
        "streamed",
        "ok",
        "personal_data_policy",
        "personal_data",
    ]
    list_filter = ["ok", "streamed", "kind", "flow", "personal_data_policy"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
