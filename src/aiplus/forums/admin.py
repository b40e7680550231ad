from django.contrib import admin

from aiplus.forums.models import Event, Registration, Series, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1


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
