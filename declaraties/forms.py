"""Forms of the declaraties screens: they check the input, the services decide."""

from django import forms
from django.utils import formats

from declaraties.selectors import afgelopen_maanden

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MaandForm(forms.Form):
    """The month to declare: one of the last twelve that are over (TR137)."""

    maand = forms.ChoiceField(
        label="Maand",
        help_text="De declaratie gaat over deze maand: de declaratieperiode op de "
        "factuur is deze maand, niet de maand van versturen.",
    )
    latere_periode = forms.BooleanField(
        label="Zet de regels in de declaratie over de latere maand waar die al "
        "gedeclareerd is",
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [
            (maand.isoformat(), formats.date_format(maand, "F Y"))
            for maand in afgelopen_maanden()
        ]

    def toon_latere_periode(self) -> None:
        """Offer the choice once the service has said a later month was sent."""
        self.fields["latere_periode"].widget = forms.CheckboxInput()

    def clean_maand(self):
        return forms.DateField().to_python(self.cleaned_data["maand"])


class RegelForm(forms.Form):
    """Volume and productperiode of a concept line, or of its correction."""

    geleverd_volume = forms.IntegerField(label="Geleverd volume", min_value=0)
    begindatum = forms.DateField(label="Productperiode van", widget=DATUM)
    einddatum = forms.DateField(label="Productperiode tot en met", widget=DATUM)

    def clean(self):
        cleaned = super().clean()
        begin, eind = cleaned.get("begindatum"), cleaned.get("einddatum")
        if begin and eind and eind < begin:
            self.add_error("einddatum", "De einddatum ligt voor de begindatum.")
        return cleaned


class ActieForm(forms.Form):
    """Which action a button on a detail page asks for."""

    actie = forms.ChoiceField(widget=forms.HiddenInput)

    def __init__(self, *args, acties: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actie"].choices = [(actie, actie) for actie in acties]


class BeoordelingForm(forms.Form):
    """A rejection by the contract manager: a retourcode from the codelist and,
    if wished, a few words of explanation (else the code's own text)."""

    retourcode = forms.ChoiceField(label="Retourcode")
    reden = forms.CharField(label="Toelichting", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from declaraties.services import beoordeling_retourcodes

        super().__init__(*args, **kwargs)
        self.fields["retourcode"].choices = beoordeling_retourcodes()


class InstellingenForm(forms.Form):
    """The gemeente's choices for declaraties: review first, and its bank account."""

    declaraties_beoordelen = forms.BooleanField(
        label="Declaraties eerst beoordelen voordat het antwoord (WMO325) vertrekt",
        required=False,
    )
    betaalrekening = forms.CharField(
        label="IBAN betaalrekening (voor het betaalbestand)",
        max_length=34,
        required=False,
    )


class BetaalbestandForm(forms.Form):
    """Which approved declaraties go in the payment file, and as what."""

    periode = forms.ChoiceField(label="Declaratieperiode", required=False)
    formaat = forms.ChoiceField(
        label="Bestand",
        choices=[
            ("xml", "SEPA-overboeking (pain.001) voor de bank"),
            ("csv", "CSV voor Excel of het financiële pakket"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", "Alle perioden")] + [
            (maand.isoformat(), formats.date_format(maand, "F Y"))
            for maand in afgelopen_maanden()
        ]
