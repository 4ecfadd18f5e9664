"""Gemeenten and regio's."""

from django.db import models
from django.db.models import Q

from core.scoping import ScopedQuerySet
from stamgegevens import validators


class Gemeente(models.Model):
    code = models.CharField(
        "gemeentecode",
        max_length=4,
        unique=True,
        validators=[validators.validate_gemeentecode],
    )
    naam = models.CharField("naam", max_length=100)
    via_portaal = models.BooleanField(
        "werkt in het portaal",
        default=True,
        help_text="Uit: berichten aan deze gemeente wachten in de outbox op export (VECOZO/GGk).",
    )
    declaraties_beoordelen = models.BooleanField(
        "declaraties eerst beoordelen",
        default=False,
        help_text="Aan: een contractmanager beoordeelt de regels van elke declaratie "
        "voordat het antwoord (WMO325) vertrekt, binnen 10 werkdagen (R-D8). "
        "Uit: het antwoord gaat direct na de automatische controles.",
    )
    betaalrekening = models.CharField(
        "IBAN betaalrekening",
        max_length=34,
        blank=True,
        validators=[validators.validate_iban],
        help_text="De rekening waarvan de gemeente declaraties betaalt (betaalbestand).",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"

    # Gemeenten are public reference data (CBS list): every party may see them.
    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q()

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q()


class Regio(models.Model):
    """Several gemeenten that contract together as one opdrachtgever."""

    naam = models.CharField("naam", max_length=100, unique=True)
    gemeenten = models.ManyToManyField(Gemeente, related_name="regios")

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
