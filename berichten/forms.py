from django import forms

from berichten.xml.parser import MAX_BYTES
from core.constants import Rol
from core.formvelden import PortaalFormMixin
from stamgegevens.models import Aanbieder, Gemeente


def partij_keuzes() -> list[tuple[str, str]]:
    """Every party a beheerder may send messages in for ('gemeente:0059', …)."""
    return (
        [("", "– kies een partij –")]
        + [
            (f"gemeente:{g.code}", f"Gemeente {g.naam} ({g.code})")
            for g in Gemeente.objects.order_by("naam")
        ]
        + [
            (f"aanbieder:{a.agb_code}", f"Aanbieder {a.naam} ({a.agb_code})")
            for a in Aanbieder.objects.order_by("naam")
        ]
    )


class MeerdereBestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MeerdereBestandenField(forms.FileField):
    """A file field that accepts several files at once (a list in cleaned_data)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MeerdereBestandenInput(attrs={"accept": ".xml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(d, initial) for d in data]
        return [enkel(data, initial)]


class UploadForm(PortaalFormMixin, forms.Form):
    bestanden = MeerdereBestandenField(
        label="iWmo-berichten (XML)",
        help_text="U kunt meerdere bestanden tegelijk kiezen; elk bestand is één bericht.",
    )
    namens = forms.ChoiceField(
        label="Namens",
        help_text="De partij die deze berichten verstuurt; wordt vastgelegd bij elk bericht.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or user.rol != Rol.BEHEERDER:
            del self.fields["namens"]  # others send in for their own party only
        else:
            self.fields["namens"].choices = partij_keuzes()

    def clean_bestanden(self):
        bestanden = self.cleaned_data["bestanden"]
        te_groot = [b.name for b in bestanden if b.size > MAX_BYTES]
        if te_groot:
            raise forms.ValidationError(
                f"Groter dan {MAX_BYTES // 1024 // 1024} MB: {', '.join(te_groot)}."
            )
        return bestanden
