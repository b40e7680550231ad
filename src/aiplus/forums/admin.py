from django import forms
from django.contrib import admin

from aiplus.core.errors import AiplusError
from aiplus.forums.models import Event, Registration, Series, Session
from aiplus.forums.services import session_links_check


class SessionForm(forms.ModelForm):
    """The admin is a door too: a session shows only what the public may see of the catalogue."""

    class Meta:
        model = Session
        fields = (
            "kind",
            "title_en",
            "title_zh",
            "speaker",
            "room",
            "starts_at",
            "ends_at",
            "solution",
            "need",
        )

    def clean(self):
        cleaned = super().clean()
        try:
            session_links_check(
                kind=cleaned.get("kind", ""), solution=cleaned.get("solution"), need=cleaned.get("need")
            )
        except AiplusError as error:
            raise forms.ValidationError(error.message) from None
        return cleaned


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionForm
    extra = 1
    raw_id_fields = ("solution", "need")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_en", "starts_at", "mode", "capacity_in_person", "capacity_online")
    search_fields = ("slug", "title_en", "title_zh")
    list_filter = ("mode", "series")
    inlines = [SessionInline]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_zh")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "mode", "status", "organisation", "checked_in_at")
    list_filter = ("event", "mode", "status", "organisation_type")
    search_fields = ("name", "email", "organisation")
    readonly_fields = ("code", "consented_at", "queued_at")
