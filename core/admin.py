from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef

from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import BsnInzage, User
from core.privacy import BsnInzageAdminMixin, mask_bsn
from core.zoeken import BsnZoekenAdminMixin


class TweestapsFilter(admin.SimpleListFilter):
    title = "tweestapsverificatie"
    parameter_name = "tweestaps"

    def lookups(self, request, model_admin):
        return [("ja", "Aan"), ("nee", "Uit")]

    def queryset(self, request, queryset):
        if self.value() in ("ja", "nee"):
            return queryset.filter(heeft_tweestaps=self.value() == "ja")
        return queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = [
        "username",
        "get_full_name",
        "rol",
        "gemeente",
        "aanbieder",
        "is_active",
        "tweestaps",
    ]
    list_filter = ["rol", "is_active", TweestapsFilter]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Organisatie", {"fields": ["rol", "gemeente", "aanbieder"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Organisatie", {"fields": ["rol", "gemeente", "aanbieder"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                heeft_tweestaps=Exists(
                    TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
                )
            )
        )

    @admin.display(
        description="tweestapsverificatie", boolean=True, ordering="heeft_tweestaps"
    )
    def tweestaps(self, obj):
        return obj.heeft_tweestaps


@admin.register(BsnInzage)
class BsnInzageAdmin(BsnZoekenAdminMixin, BsnInzageAdminMixin, admin.ModelAdmin):
    """The log itself: masked in the list, in full (and logged) on a row's page."""

    list_display = ["tijdstip", "gebruiker", "bsn_gemaskeerd", "waar"]
    list_filter = ["gebruiker__rol"]
    search_fields = ["bsn", "gebruiker__username"]
    date_hierarchy = "tijdstip"

    @admin.display(description="BSN", ordering="bsn")
    def bsn_gemaskeerd(self, inzage: BsnInzage) -> str:
        return mask_bsn(inzage.bsn)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
