"""Declaraties (WMO323) and their Prestaties, for both parties in one table.

A declaratie made in the portal starts as a concept of the aanbieder; once sent,
the gemeente's handler takes the same rows over (status per line), and the 325
confirms them. A 323 from outside the portal is stored by the handler.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.scoping import ScopedQuerySet
from declaraties.constants import (
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)

FACTUURGEGEVENS = ("naam", "adres", "agb_code", "btw_nummer", "kvk_nummer", "iban")


def factuurgegevens(aanbieder) -> dict:
    """What an invoice shows of the aanbieder (R-D4), as plain values."""
    return {veld: getattr(aanbieder, veld) for veld in FACTUURGEGEVENS}


class Declaratie(models.Model):
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder", on_delete=models.PROTECT, related_name="declaraties"
    )
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.PROTECT, related_name="declaraties"
    )
    # Empty while concept: the number is given when the declaratie is sent (TR333).
    declaratie_nummer = models.CharField("declaratienummer", max_length=12, blank=True)
    periode_begin = models.DateField("declaratieperiode van")
    periode_eind = models.DateField("declaratieperiode tot en met")
    dagtekening = models.DateField("declaratiedagtekening", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=12,
        choices=DeclaratieStatus.choices,
        default=DeclaratieStatus.CONCEPT,
        db_index=True,
    )
    totaal_ingediend = models.BigIntegerField(
        "totaal ingediend (eurocent, credit negatief)", default=0
    )
    totaal_toegekend = models.BigIntegerField(
        "totaal toegekend (eurocent)", null=True, blank=True
    )
    retourcodes = models.JSONField(
        "retourcodes van de declaratie", default=list, blank=True
    )
    bericht = models.ForeignKey(
        "berichten.Bericht",
        verbose_name="WMO323",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declaraties",
    )
    antwoord = models.ForeignKey(
        "berichten.Bericht",
        verbose_name="WMO325",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # R-D4: the aanbieder's NAW, AGB, btw, KvK and IBAN as they were when the 323
    # was sent; the factuur shows these, so a later approved change (R-G1) does
    # not rewrite an invoice sent before it. Empty while concept.
    aanbieder_bij_verzending = models.JSONField(
        "aanbieder bij verzending", default=dict, blank=True
    )
    antwoord_uiterlijk = models.DateField(
        "325 uiterlijk (10 werkdagen)", null=True, blank=True
    )
    contract_uiterlijk = models.DateField(
        "antwoord uiterlijk volgens contract (20 werkdagen)", null=True, blank=True
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)
    # The payment file that paid it: a later file leaves it out unless asked.
    betaalbestand_op = models.DateTimeField(
        "in een betaalbestand op", null=True, blank=True
    )
    betaald_in = models.CharField("betaalbestand", max_length=100, blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beoordeeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "declaratie"
        verbose_name_plural = "declaraties"
        ordering = ["-periode_begin", "-id"]
        constraints = [
            # TR333: DeclaratieNummer is unique per aanbieder.
            models.UniqueConstraint(
                fields=["aanbieder", "declaratie_nummer"],
                condition=~Q(declaratie_nummer="")
                & ~Q(status=DeclaratieStatus.AFGEKEURD),
                name="declaratie_tr333_nummer_uniek_per_aanbieder",
            ),
            models.CheckConstraint(
                name="declaratie_periode_eind_na_begin",
                condition=Q(periode_eind__gte=F("periode_begin")),
            ),
        ]
        indexes = [
            models.Index(fields=["aanbieder", "gemeente", "periode_begin"]),
            # The gemeente's list, newest period first (selectors.declaratie_list).
            models.Index(
                fields=["gemeente", "-periode_begin", "-id"],
                name="declaratie_gemeente_periode",
            ),
        ]

    def __str__(self) -> str:
        nummer = self.declaratie_nummer or "concept"
        return f"Declaratie {nummer} ({self.periode_begin:%m-%Y})"

    @property
    def is_concept(self) -> bool:
        return self.status == DeclaratieStatus.CONCEPT

    @property
    def is_afgekeurd(self) -> bool:
        return self.status == DeclaratieStatus.AFGEKEURD

    @property
    def redenen(self) -> list[dict]:
        """Why the gemeente rejected it as a whole: the findings with a retourcode
        of its 323 (Header or Declaratie), else of its 325's retourcodes."""
        if not self.is_afgekeurd or self.bericht is None:
            return []
        met_code = [b for b in self.bericht.bevindingen if b.get("retourcode")]
        geheel = [b for b in met_code if "/Client" not in b.get("pad", "")]
        return geheel or met_code

    def aanbieder_vastleggen(self) -> None:
        """Keep the aanbieder's invoice data of this moment (at sending), once."""
        if not self.aanbieder_bij_verzending:
            self.aanbieder_bij_verzending = factuurgegevens(self.aanbieder)

    @property
    def factuurgegevens(self) -> dict:
        """The aanbieder on the factuur: as sent, or as now for a concept."""
        return self.aanbieder_bij_verzending or factuurgegevens(self.aanbieder)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        # A concept is the aanbieder's own business until it is sent.
        return Q(gemeente_id=gemeente_id) & ~Q(status=DeclaratieStatus.CONCEPT)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)


class Prestatie(models.Model):
    """One Prestatie of a 323: debet, or credit of an earlier approved debet."""

    declaratie = models.ForeignKey(
        Declaratie, on_delete=models.CASCADE, related_name="prestaties"
    )
    # Denormalised from the declaratie, for the TR314 constraint.
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder", on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        "toewijzingen.Client",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prestaties",
    )
    bsn = models.CharField("BSN", max_length=9)
    toewijzing = models.ForeignKey(
        "toewijzingen.Toewijzing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="prestaties",
    )
    toewijzing_nummer = models.PositiveIntegerField("toewijzingnummer")
    product_referentie = models.CharField("ProductReferentie", max_length=20)
    # Credit: the debet it credits. Correction: the line it replaces (not sent).
    vorig_referentie = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opvolgers",
    )
    vorig_referentie_nummer = models.CharField(
        "VorigReferentieNummer", max_length=20, blank=True
    )
    debet_credit = models.CharField(
        "debet/credit",
        max_length=1,
        choices=DebetCredit.choices,
        default=DebetCredit.DEBET,
    )
    product_categorie = models.CharField("productcategorie", max_length=2)
    product_code = models.CharField("productcode", max_length=5)
    begindatum = models.DateField("productperiode van")
    einddatum = models.DateField("productperiode tot en met")
    geleverd_volume = models.PositiveBigIntegerField("geleverd volume")
    eenheid = models.CharField("eenheid", max_length=2)
    product_tarief = models.PositiveIntegerField(
        "producttarief (eurocent)", null=True, blank=True
    )
    ingediend_bedrag = models.PositiveBigIntegerField("ingediend bedrag (eurocent)")
    status = models.CharField(
        "status",
        max_length=12,
        choices=PrestatieStatus.choices,
        default=PrestatieStatus.CONCEPT,
        db_index=True,
    )
    retourcodes = models.JSONField("retourcodes", default=list, blank=True)
    # The contract manager's own words with a retourcode of the review step.
    beoordeling_reden = models.CharField(
        "toelichting bij de beoordeling", max_length=200, blank=True
    )
    # OP364: no start zorg (305) known; flagged for the contractmanager, not rejected.
    start_ontbreekt = models.BooleanField("start zorg ontbreekt", default=False)
    # TR314: a reference sent before is kept (rejected, 8021) outside the constraint.
    is_duplicaat = models.BooleanField(
        "ProductReferentie dubbel (TR314)", default=False
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "prestatie"
        verbose_name_plural = "prestaties"
        ordering = ["declaratie", "bsn", "-debet_credit", "id"]
        constraints = [
            # TR314: ProductReferentie is unique per aanbieder.
            models.UniqueConstraint(
                fields=["aanbieder", "product_referentie"],
                condition=Q(is_duplicaat=False),
                name="prestatie_tr314_referentie_uniek_per_aanbieder",
            ),
            models.CheckConstraint(
                name="prestatie_einddatum_na_begindatum",
                condition=Q(einddatum__gte=F("begindatum")),
            ),
        ]
        indexes = [
            models.Index(fields=["toewijzing_nummer", "begindatum"]),
            # Counts and sums per declaratie and line status (declaratie_list).
            models.Index(
                fields=["declaratie", "status"], name="prestatie_declaratie_status"
            ),
            # The aanbieder's work list of rejected lines.
            models.Index(
                fields=["aanbieder", "status"], name="prestatie_aanbieder_status"
            ),
            # OP364: the few lines without a start zorg, out of all lines.
            models.Index(
                fields=["declaratie"],
                condition=Q(start_ontbreekt=True),
                name="prestatie_start_ontbreekt",
            ),
            # The uitval per retourcode and month, read from the index alone
            # (PostgreSQL; elsewhere a plain partial index).
            models.Index(
                fields=["declaratie"],
                include=["retourcodes", "debet_credit", "ingediend_bedrag"],
                condition=Q(status="afgekeurd"),
                name="prestatie_afgekeurd_uitval",
            ),
        ]

    def __str__(self) -> str:
        return f"Prestatie {self.product_referentie}"

    @property
    def is_credit(self) -> bool:
        return self.debet_credit == DebetCredit.CREDIT

    @property
    def bedrag(self) -> int:
        """Signed amount: credit negative."""
        return -self.ingediend_bedrag if self.is_credit else self.ingediend_bedrag

    def _opvolger(self, debet_credit: str) -> "Prestatie | None":
        opvolgers = [
            p
            for p in self.opvolgers.all()
            if p.debet_credit == debet_credit and p.status != PrestatieStatus.AFGEKEURD
        ]
        return opvolgers[-1] if opvolgers else None

    @property
    def gecrediteerd_door(self) -> "Prestatie | None":
        return self._opvolger(DebetCredit.CREDIT)

    @property
    def vervangen_door(self) -> "Prestatie | None":
        return self._opvolger(DebetCredit.DEBET)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(declaratie__gemeente_id=gemeente_id) & ~Q(
            declaratie__status=DeclaratieStatus.CONCEPT
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)
