"""Correct the selected afgekeurde regels in one go (declaraties/bulk.py)."""

from django import forms

from core.bulkacties_views import BulkActieView
from core.constants import Rol
from declaraties import bulk


class BulkCorrigerenForm(forms.Form):
    volume = forms.ChoiceField(label="Volume", choices=list(bulk.VOLUMES.items()))


class BulkCorrigerenView(BulkActieView):
    form_class = BulkCorrigerenForm
    vereiste_rollen = (Rol.AANBIEDER,)
    lijst = "declaraties:afgekeurde-regels"

    def starten(self, user, ids, gegevens):
        return bulk.bulk_corrigeren_starten(
            user=user, prestatie_ids=ids, volume=gegevens["volume"]
        )
