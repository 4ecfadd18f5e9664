from django import forms

from meldingen.constants import Frequentie, WerkSoort


class AfhandelenForm(forms.Form):
    soort = forms.ChoiceField(choices=WerkSoort.choices)
    object_id = forms.IntegerField(min_value=1)
    voor = forms.ChoiceField(
        choices=[("mij", "Voor mij"), ("partij", "Voor de hele organisatie")],
        initial="mij",
    )


class VoorkeurenForm(forms.Form):
    """One choice per kind of the user's role."""

    def __init__(self, *args, soorten: list[str], initial_voorkeuren: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for soort in soorten:
            self.fields[soort] = forms.ChoiceField(
                label=WerkSoort(soort).label,
                choices=Frequentie.choices,
                initial=initial_voorkeuren.get(soort, Frequentie.DAGELIJKS),
                widget=forms.RadioSelect,
            )
