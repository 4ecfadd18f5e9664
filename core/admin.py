from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core.models import BsnInzage, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "get_full_name",
        "rol",
        "gemeente",
        "aanbieder",
        "is_active",
    ]
    list_filter = ["rol", "is_active"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Organisatie", {"fields": ["rol", "gemeente", "aanbieder"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Organisatie", {"fields": ["rol", "gemeente", "aanbieder"]}),
    ]


@admin.register(BsnInzage)
class BsnInzageAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "gebruiker", "bsn", "waar"]
    list_filter = ["gebruiker__rol"]
    search_fields = ["bsn", "gebruiker__username"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
