from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from berichten.constants import OMSCHRIJVING, BerichtStatus, Kanaal
from core.scoping import ScopedQuerySet


class Bericht(models.Model):
    """Every iWmo message in and out, with its raw bytes, stored before processing.

    One row per message: for the party that made it, it is outgoing; for the
    other party, incoming. `gemeente` and `aanbieder` are the two parties.
    """

    bericht_type = models.CharField(
        "berichttype", max_length=6, null=True, blank=True, db_index=True
    )
    afzender = models.CharField("afzender", max_length=8, blank=True)
    ontvanger = models.CharField("ontvanger", max_length=8, blank=True)
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="berichten",
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="berichten",
    )
    identificatie = models.CharField(
        "identificatie", max_length=12, null=True, blank=True
    )
    dagtekening = models.DateField("dagtekening", null=True, blank=True)
    bsn = models.CharField("BSN cliënt", max_length=9, blank=True, db_index=True)

    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices)
    status = models.CharField(
        "status",
        max_length=12,
        choices=BerichtStatus.choices,
        default=BerichtStatus.ONTVANGEN,
        db_index=True,
    )
    inhoud = models.BinaryField("inhoud (XML)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    bestandsnaam = models.CharField("bestandsnaam", max_length=255, blank=True)
    is_duplicaat = models.BooleanField("duplicaat (TR056)", default=False)
    ingestuurd_namens = models.CharField(
        "ingestuurd namens",
        max_length=20,
        blank=True,
        help_text="De partij die het bericht instuurde (gemeente:0059, aanbieder:98765432).",
    )

    heenbericht = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retourberichten",
    )
    retourcodes = models.JSONField("retourcodes in de header", default=list, blank=True)
    bevindingen = models.JSONField("bevindingen", default=list, blank=True)
    foutmelding = models.TextField("foutmelding", blank=True)
    pogingen = models.PositiveSmallIntegerField("verwerkingspogingen", default=0)

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(
        "ontvangen/aangemaakt op", auto_now_add=True, db_index=True
    )
    verwerkt_op = models.DateTimeField("verwerkt op", null=True, blank=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    retour_uiterlijk = models.DateField("retour uiterlijk", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            # TR056: Identificatie is unique per berichtsoort for the sender. Duplicates
            # are kept (raw input is never lost) but flagged, outside the constraint.
            models.UniqueConstraint(
                fields=["bericht_type", "afzender", "identificatie"],
                condition=Q(is_duplicaat=False),
                name="bericht_tr056_identificatie_uniek",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "-aangemaakt_op"]),
            models.Index(fields=["aanbieder", "-aangemaakt_op"]),
        ]

    def __str__(self) -> str:
        return f"{self.bericht_type or 'onbekend bericht'} {self.identificatie or ''}".strip()

    def get_absolute_url(self) -> str:
        return reverse("berichten:bericht-detail", args=[self.pk])

    @property
    def omschrijving(self) -> str:
        return OMSCHRIJVING.get(self.bericht_type or "", "Onbekend bericht")

    @property
    def xml(self) -> bytes:
        return bytes(self.inhoud)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(gemeente_id=gemeente_id)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)


class Nummering(models.Model):
    """Counters for generated numbers (BerichtIdentificatie, ToewijzingNummer, …),
    taken under a row lock so they stay unique under parallel use."""

    sleutel = models.CharField(max_length=60, unique=True)
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "nummering"
        verbose_name_plural = "nummeringen"

    def __str__(self) -> str:
        return f"{self.sleutel}: {self.laatste}"
