from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef

from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework_api_key.admin import APIKey

from core.machinesleutels import machinesleutel_intrekken, machinesleutel_uitgeven
from core.models import BsnInzage, MachineSleutel, User
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
        *(BaseUserAdmin.fieldsets or ()),
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


class MachineSleutelForm(forms.ModelForm):
    """Issuing a key: a name and exactly one party; the key is made on saving."""

    # The parties (stamgegevens) through the user's own foreign keys: core sits
    # below stamgegevens on the ladder (tests/test_layering.py) and does not import it.
    gemeente = forms.ModelChoiceField(
        User._meta.get_field("gemeente").related_model.objects.all(), required=False
    )
    aanbieder = forms.ModelChoiceField(
        User._meta.get_field("aanbieder").related_model.objects.all(), required=False
    )

    class Meta:
        model = MachineSleutel
        fields = ["name", "expiry_date"]
        labels = {"name": "naam", "expiry_date": "verloopt op"}

    def clean(self):
        data = super().clean()
        if (data.get("gemeente") is None) == (data.get("aanbieder") is None):
            raise forms.ValidationError(
                "Kies precies één partij: een gemeente of een aanbieder."
            )
        return data


@admin.register(MachineSleutel)
class MachineSleutelAdmin(admin.ModelAdmin):
    """Issue and revoke API keys of machine clients; the key is shown once."""

    GEGEVENS = [
        "name",
        "prefix",
        "partij",
        "created",
        "laatst_gebruikt",
        "expiry_date",
        "revoked",
    ]
    list_display = tuple(GEGEVENS)
    list_filter = ["revoked", "gebruiker__rol"]
    search_fields = ["name", "prefix"]
    actions = ["intrekken"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = MachineSleutelForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "gemeente", "aanbieder", "expiry_date"]
        return self.GEGEVENS

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        vast = ["prefix", "partij", "created", "laatst_gebruikt"]
        return [*vast, "name", "expiry_date", "revoked"] if obj.revoked else vast

    @admin.display(description="partij")
    def partij(self, obj):
        return obj.partij

    def save_model(self, request, obj, form, change):
        if change:
            if obj.revoked and not form.initial.get("revoked"):
                machinesleutel_intrekken(door=request.user, sleutel=obj)
            else:
                obj.save()
            return
        sleutel, key = machinesleutel_uitgeven(
            door=request.user,
            naam=form.cleaned_data["name"],
            gemeente=form.cleaned_data.get("gemeente"),
            aanbieder=form.cleaned_data.get("aanbieder"),
            verloopt_op=form.cleaned_data.get("expiry_date"),
        )
        obj.pk, obj.prefix = sleutel.pk, sleutel.prefix  # for the redirect
        messages.warning(
            request,
            f"De API-sleutel voor {sleutel.name} is: {key} — bewaar hem nu op een "
            "veilige plek: hij wordt niet opnieuw getoond.",
        )

    @admin.action(description="Geselecteerde API-sleutels intrekken")
    def intrekken(self, request, queryset):
        for sleutel in queryset.filter(revoked=False):
            machinesleutel_intrekken(door=request.user, sleutel=sleutel)


# The library's own key model is not used: machine clients use MachineSleutel.
admin.site.unregister(APIKey)
