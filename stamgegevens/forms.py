from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone

from core.formvelden import PortaalFormMixin
from stamgegevens.constants import WIJZIGBARE_VELDEN
from stamgegevens.models import Aanbieder


class WijzigingsverzoekForm(PortaalFormMixin, forms.Form):
    """The aanbieder's current values, editable; only changed fields are proposed."""

    ingangsdatum = forms.DateField(
        label="Ingangsdatum",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="De dag waarop de wijziging ingaat; niet eerder dan vandaag.",
    )
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, aanbieder: Aanbieder, **kwargs):
        super().__init__(*args, **kwargs)
        for veld, label in WIJZIGBARE_VELDEN.items():
            model_field = Aanbieder._meta.get_field(veld)
            self.fields[veld] = forms.CharField(
                label=label,
                max_length=model_field.max_length,
                initial=getattr(aanbieder, veld),
                validators=model_field.validators,
            )
        self.fields["ingangsdatum"].initial = timezone.localdate()
        self.order_fields([*WIJZIGBARE_VELDEN, "ingangsdatum", "toelichting"])

    def wijzigingen(self) -> dict[str, str]:
        return {veld: self.cleaned_data[veld] for veld in WIJZIGBARE_VELDEN}


class BeoordelingForm(PortaalFormMixin, forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[("goedkeuren", "Goedkeuren"), ("afwijzen", "Afwijzen")],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label="Reden", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("besluit") == "afwijzen" and not data.get("reden", "").strip():
            self.add_error("reden", "Geef een reden voor de afwijzing.")
        return data


class IndexeringForm(PortaalFormMixin, forms.Form):
    """Yearly indexation of a contract's tarieven: a percentage from a date."""

    percentage = forms.DecimalField(
        label="Percentage",
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("-99.99"),
        max_value=Decimal(100),
        localize=True,
        help_text="Bijvoorbeeld 3,35. Elk nieuw tarief wordt afgerond op hele centen "
        "(een halve cent naar boven).",
    )
    ingangsdatum = forms.DateField(
        label="Nieuw tarief vanaf",
        initial=lambda: date(date.today().year + 1, 1, 1),
        help_text="Het huidige tarief loopt tot en met de dag ervoor.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
