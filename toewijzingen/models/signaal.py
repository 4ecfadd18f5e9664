"""Stored deadline signals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from core.scoping import ScopedQuerySet
from toewijzingen.constants import (
    SignaalObject,
    SignaalSoort,
    SignaalStatus,
)
from toewijzingen.models.basis import EigenPartijen


class Signaal(EigenPartijen, models.Model):
    """A deadline signal of one party, stored with its state so a person can mark
    it handled (portaal.signalen computes them; `signalen_vastleggen` keeps
    these rows in step). Exactly one of gemeente and aanbieder is set: the party
    that must act or is waiting. Open rows are what notifications will send."""

    soort = models.CharField("soort", max_length=30, choices=SignaalSoort.choices)
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signalen",
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signalen",
    )
    object_soort = models.CharField(
        "betreft", max_length=12, choices=SignaalObject.choices
    )
    object_id = models.PositiveBigIntegerField("id van het object")
    titel = models.CharField("omschrijving", max_length=300)
    uiterlijk = models.DateField("uiterlijk")
    werkdagen_te_laat = models.PositiveIntegerField("werkdagen te laat", default=0)
    status = models.CharField(
        "status",
        max_length=12,
        choices=SignaalStatus.choices,
        default=SignaalStatus.OPEN,
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("gesignaleerd op", auto_now_add=True)
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["uiterlijk", "id"]
        constraints = [
            models.CheckConstraint(
                name="signaal_een_partij",
                condition=Q(gemeente__isnull=False, aanbieder__isnull=True)
                | Q(gemeente__isnull=True, aanbieder__isnull=False),
            ),
            # One row per party, kind and object: recomputing never duplicates.
            models.UniqueConstraint(
                fields=["gemeente", "soort", "object_soort", "object_id"],
                condition=Q(gemeente__isnull=False),
                name="signaal_uniek_gemeente",
            ),
            models.UniqueConstraint(
                fields=["aanbieder", "soort", "object_soort", "object_id"],
                condition=Q(aanbieder__isnull=False),
                name="signaal_uniek_aanbieder",
            ),
        ]
        indexes = [
            # The party's list of signals in a state, soonest due first.
            models.Index(
                fields=["gemeente", "status", "uiterlijk", "id"],
                name="signaal_gemeente_lijst",
            ),
            models.Index(
                fields=["aanbieder", "status", "uiterlijk", "id"],
                name="signaal_aanbieder_lijst",
            ),
            models.Index(fields=["status"], name="signaal_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.titel}"

    @property
    def omschrijving(self) -> str:
        return self.get_soort_display()

    @property
    def url(self) -> str:
        """Where to act on it."""
        naam = {
            SignaalObject.BERICHT: "berichten:bericht-detail",
            SignaalObject.TOEWIJZING: "toewijzingen:toewijzing-detail",
            SignaalObject.VERZOEK: "toewijzingen:verzoek-detail",
            SignaalObject.DECLARATIE: "declaraties:declaratie-detail",
        }[self.object_soort]
        return reverse(naam, args=[self.object_id])
