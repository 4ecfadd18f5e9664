from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from core.models import User


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
