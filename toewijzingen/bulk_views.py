"""Bulk actions from the lists of toewijzingen and verzoeken (toewijzingen/bulk.py)."""

from django import forms

from core.bulkacties_views import BulkActieView
from core.constants import Rol
from toewijzingen import bulk
from toewijzingen.constants import REDEN_AFWIJZING_CHOICES
from toewijzingen.forms import datum, keuze


class BulkStartForm(forms.Form):
    begindatum = datum("Begindatum")


class BulkAntwoordForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        choices=[
            (bulk.HONOREREN, "Honoreren (WMO301)"),
            (bulk.AFWIJZEN, "Afwijzen (WMO319)"),
            (bulk.IN_ONDERZOEK, "In onderzoek (WMO319)"),
        ],
    )
    reden_afwijzing = keuze("Reden afwijzing", REDEN_AFWIJZING_CHOICES, required=False)


class BulkStartZorgView(BulkActieView):
    """Start zorg for the selected toewijzingen: one job, a WMO305 per toewijzing."""

    form_class = BulkStartForm
    vereiste_rollen = (Rol.AANBIEDER,)
    lijst = "toewijzingen:toewijzing-list"

    def starten(self, user, ids, gegevens):
        return bulk.bulk_start_zorg_starten(
            user=user, toewijzing_ids=ids, begindatum=gegevens["begindatum"]
        )


class BulkVerzoekenView(BulkActieView):
    """Answer the selected verzoeken with one besluit: one job, a message each."""

    form_class = BulkAntwoordForm
    vereiste_rollen = (Rol.GEMEENTE,)
    lijst = "toewijzingen:verzoek-list"

    def starten(self, user, ids, gegevens):
        return bulk.bulk_verzoeken_beantwoorden_starten(
            user=user,
            verzoek_ids=ids,
            besluit=gegevens["besluit"],
            reden_afwijzing=gegevens["reden_afwijzing"] or "",
        )
