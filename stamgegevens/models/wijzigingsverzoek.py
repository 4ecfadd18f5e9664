"""Stamgegevens changes an aanbieder proposes and a gemeente reviews (R-G1)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.scoping import ScopedQuerySet
from stamgegevens.constants import (
    VIER_OGEN_VELDEN,
    WijzigingStatus,
)
from stamgegevens.models.contracten import Aanbieder


class Wijzigingsverzoek(models.Model):
    """A stamgegevens change proposed by an aanbieder and reviewed by a gemeente (R-G1)."""

    aanbieder = models.ForeignKey(
        Aanbieder, on_delete=models.CASCADE, related_name="wijzigingsverzoeken"
    )
    wijzigingen = models.JSONField("voorgestelde waarden")
    oude_waarden = models.JSONField("waarden bij indienen")
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField(
        "status",
        max_length=12,
        choices=WijzigingStatus.choices,
        default=WijzigingStatus.INGEDIEND,
    )
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("reden van beoordeling", blank=True)
    # R-G1: the change takes effect on this date, not at approval.
    ingangsdatum = models.DateField("ingangsdatum")
    # R-G1 four eyes (IBAN, AGB): the first of two contract managers.
    eerste_akkoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="eerste akkoord door",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    eerste_akkoord_op = models.DateTimeField("eerste akkoord op", null=True, blank=True)
    doorgevoerd_op = models.DateTimeField("doorgevoerd op", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "wijzigingsverzoek"
        verbose_name_plural = "wijzigingsverzoeken"
        ordering = ["-ingediend_op"]
        indexes = [
            # The approved changes still waiting for their ingangsdatum.
            models.Index(
                fields=["ingangsdatum"],
                condition=Q(status="goedgekeurd", doorgevoerd_op__isnull=True),
                name="wijziging_door_te_voeren",
            )
        ]

    def __str__(self) -> str:
        return f"Wijziging {self.aanbieder.naam} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("stamgegevens:wijzigingsverzoek-detail", args=[self.pk])

    @property
    def vier_ogen(self) -> bool:
        """R-G1: IBAN and AGB changes need two different contract managers."""
        return bool(VIER_OGEN_VELDEN & set(self.wijzigingen))

    @property
    def wacht_op_ingangsdatum(self) -> bool:
        return self.status == WijzigingStatus.GOEDGEKEURD and not self.doorgevoerd_op

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(
            aanbieder__in=Aanbieder.objects.filter(
                Aanbieder.scope_gemeente(gemeente_id)
            )
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)
