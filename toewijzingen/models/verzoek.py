"""Verzoeken om toewijzing (315) and om wijziging (317) with their products."""

from datetime import date

from django.db import models

from core.scoping import ScopedQuerySet
from toewijzingen.constants import (
    REDEN_AFWIJZING_CHOICES,
    REDEN_VERZOEK_CHOICES,
    VerzoekProductSoort,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models.basis import EigenPartijen, Omvang, PartijenVanOuder
from toewijzingen.models.toewijzing import Client, Toewijzing


class Verzoek(EigenPartijen, models.Model):
    """One answerable verzoek: an AangevraagdProduct of a 315, or a whole 317.

    The unit is the ReferentieAanbieder: a 301 (TR379) or a 319 answers it.
    """

    soort = models.CharField("soort", max_length=6, choices=VerzoekSoort.choices)
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.PROTECT, related_name="verzoeken"
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder", on_delete=models.PROTECT, related_name="verzoeken"
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="verzoeken"
    )
    referentie_aanbieder = models.CharField("referentie aanbieder", max_length=36)
    reden_verzoek = models.CharField(
        "reden verzoek", max_length=1, choices=REDEN_VERZOEK_CHOICES, blank=True
    )
    commentaar = models.TextField(
        "commentaar", blank=True
    )  # LDT_Commentaar: no maximum
    # The cliënt as the aanbieder gave it in its 315 (BSN, naam, geboortedatum,
    # geslacht): all the aanbieder sees of the cliënt until a 301 assigns it.
    opgegeven_client = models.JSONField(
        "cliënt zoals opgegeven", default=dict, blank=True
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=VerzoekStatus.choices,
        default=VerzoekStatus.OPEN,
    )
    reden_afwijzing = models.CharField(
        "reden afwijzing", max_length=1, choices=REDEN_AFWIJZING_CHOICES, blank=True
    )
    bericht = models.ForeignKey(
        "berichten.Bericht",
        verbose_name="verzoekbericht",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verzoeken",
    )
    antwoord_bericht = models.ForeignKey(
        "berichten.Bericht",
        verbose_name="antwoord (WMO301/WMO319)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "verzoek"
        verbose_name_plural = "verzoeken"
        ordering = ["-ingediend_op", "-id"]
        constraints = [
            # TR347: ReferentieAanbieder is unique per aanbieder.
            models.UniqueConstraint(
                fields=["aanbieder", "referentie_aanbieder"],
                name="verzoek_tr347_referentie_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.referentie_aanbieder}"

    @property
    def is_onderhanden(self) -> bool:
        return self.status in (VerzoekStatus.OPEN, VerzoekStatus.IN_ONDERZOEK)

    @property
    def opgegeven_naam(self) -> str:
        o = self.opgegeven_client
        return " ".join(
            deel
            for deel in (
                o.get("voorletters"),
                o.get("voorvoegsel"),
                o.get("achternaam"),
            )
            if deel
        )

    @property
    def opgegeven_geboortedatum(self) -> date | None:
        datum = self.opgegeven_client.get("geboortedatum")
        return date.fromisoformat(datum) if datum else None

    @property
    def naam_voor_aanbieder(self) -> str:
        """A 315 shows the aanbieder the name it gave, not the gemeente's record."""
        if self.soort == VerzoekSoort.TOEWIJZING:
            return self.opgegeven_naam
        return self.client.naam  # a 317: only for a cliënt assigned to it

    @property
    def afwijkingen(self) -> list[str]:
        """Where the cliënt given in the 315 differs from the gemeente's cliënt
        with that BSN (naam, geboortedatum); empty when nothing was given."""
        o, c = self.opgegeven_client, self.client
        if not o:
            return []
        verschillen = []
        if (o.get("achternaam") or "").strip().lower() != c.achternaam.strip().lower():
            verschillen.append("achternaam")
        if (
            o.get("voorvoegsel") or ""
        ).strip().lower() != c.voorvoegsel.strip().lower():
            verschillen.append("voorvoegsel")
        if self.opgegeven_geboortedatum != c.geboortedatum:
            verschillen.append("geboortedatum")
        return verschillen


class VerzoekProduct(PartijenVanOuder, Omvang):
    """A product in a verzoek: AangevraagdProduct (315) or Ongewijzigd/TeWijzigen/Nieuw (317)."""

    OUDER = "verzoek"

    verzoek = models.ForeignKey(
        Verzoek, on_delete=models.CASCADE, related_name="producten"
    )
    soort = models.CharField(
        "soort", max_length=12, choices=VerzoekProductSoort.choices
    )
    toewijzing = models.ForeignKey(
        Toewijzing,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verzoekproducten",
    )
    product = models.ForeignKey(
        "stamgegevens.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingangsdatum = models.DateField("(gewenste) ingangsdatum", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    beschikking_nummer = models.PositiveIntegerField(
        "beschikkingnummer", null=True, blank=True
    )
    beschikking_ingangsdatum = models.DateField(
        "beschikking ingangsdatum", null=True, blank=True
    )
    verwijzer_type = models.CharField("type verwijzer", max_length=2, blank=True)
    verwijzer_naam = models.CharField("naam verwijzer", max_length=70, blank=True)
    verwijzer_zorgverlener_code = models.CharField(
        "zorgverlenercode verwijzer", max_length=8, blank=True
    )
    commentaar = models.TextField(
        "commentaar", blank=True
    )  # LDT_Commentaar: no maximum

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "product in verzoek"
        verbose_name_plural = "producten in verzoek"
        ordering = ["verzoek", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.product or self.toewijzing}"
