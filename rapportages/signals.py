"""Every write of the data the dashboards sum marks its (gemeente, aanbieder) pair
stale, in the writer's own transaction (rapportages/samenvatting.py rebuilds it).

Rows written without a signal (`core.bulk.rijen_invoegen`, queryset `update`) are
covered by the save of their declaratie or toewijzing that follows them; the
demo loader and `manage.py maandcijfers --alles` rebuild everything.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from declaraties.models import Declaratie, Prestatie
from rapportages import samenvatting
from stamgegevens.models import Tarief
from toewijzingen.models import Levering, Toewijzing


@receiver([post_save, post_delete], sender=Toewijzing)
@receiver([post_save, post_delete], sender=Declaratie)
def paar_van_rij(sender, instance, raw=False, **kwargs):
    if not raw:
        samenvatting.paar_markeren(
            gemeente_id=instance.gemeente_id, aanbieder_id=instance.aanbieder_id
        )


@receiver([post_save, post_delete], sender=Prestatie)
def paar_van_prestatie(sender, instance, raw=False, **kwargs):
    if not raw:
        samenvatting.declaratie_markeren(declaratie_id=instance.declaratie_id)


@receiver([post_save, post_delete], sender=Levering)
def paar_van_levering(sender, instance, raw=False, **kwargs):
    if not raw:
        samenvatting.toewijzing_markeren(toewijzing_id=instance.toewijzing_id)


@receiver([post_save, post_delete], sender=Tarief)
def paren_van_tarief(sender, instance, raw=False, **kwargs):
    if not raw:
        samenvatting.contract_markeren(contract_id=instance.contractproduct.contract_id)
