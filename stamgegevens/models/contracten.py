"""Aanbieders, producten, contracten with their products and tarieven."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from simple_history.models import HistoricalRecords

from core import codelijsten
from core.scoping import ScopedQuerySet
from core.templatetags.portaal import euro
from stamgegevens import validators
from stamgegevens.constants import (
    ProductStatus,
    Uitvoeringsvariant,
)
from stamgegevens.models.partijen import Gemeente, Regio


class Aanbieder(models.Model):
    agb_code = models.CharField(
        "AGB-code",
        max_length=8,
        unique=True,
        validators=[validators.validate_agb_code],
    )
    naam = models.CharField("naam", max_length=200)
    straat = models.CharField("straat", max_length=100)
    huisnummer = models.CharField("huisnummer", max_length=12)
    postcode = models.CharField(
        "postcode", max_length=7, validators=[validators.validate_postcode]
    )
    plaats = models.CharField("plaats", max_length=80)
    btw_nummer = models.CharField(
        "btw-nummer", max_length=14, validators=[validators.validate_btw_nummer]
    )
    kvk_nummer = models.CharField(
        "KvK-nummer", max_length=8, validators=[validators.validate_kvk_nummer]
    )
    iban = models.CharField(
        "IBAN", max_length=34, validators=[validators.validate_iban]
    )
    via_portaal = models.BooleanField(
        "werkt in het portaal",
        default=True,
        help_text="Uit: berichten aan deze aanbieder wachten in de outbox op export (VECOZO/GGk).",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.agb_code})"

    def get_absolute_url(self) -> str:
        return reverse("stamgegevens:aanbieder-detail", args=[self.pk])

    @property
    def adres(self) -> str:
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.plaats}"

    def clean(self) -> None:
        if self.iban:
            self.iban = validators.normalise_iban(self.iban)
        if self.btw_nummer:
            self.btw_nummer = validators.normalise_btw_nummer(self.btw_nummer)
        if self.postcode and validators.is_valid_postcode(self.postcode):
            self.postcode = validators.normalise_postcode(self.postcode)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(
            contracten__in=Contract.objects.filter(Contract.scope_gemeente(gemeente_id))
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(pk=aanbieder_id)


class Product(models.Model):
    """A row of the product code table that beheerders maintain (R-D9)."""

    categorie = models.CharField(
        "productcategorie",
        max_length=2,
        choices=codelijsten.choices(codelijsten.PRODUCTCATEGORIE),
    )
    code = models.CharField("productcode", max_length=5)
    omschrijving = models.CharField("omschrijving", max_length=200)
    eenheid = models.CharField(
        "eenheid", max_length=2, choices=codelijsten.choices(codelijsten.EENHEID)
    )
    frequentie = models.CharField(
        "standaardfrequentie",
        max_length=1,
        choices=codelijsten.choices(codelijsten.FREQUENTIE),
    )
    geldig_van = models.DateField("geldig vanaf")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    status = models.CharField(
        "status",
        max_length=20,
        choices=ProductStatus.choices,
        default=ProductStatus.ACTIEF,
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "product"
        verbose_name_plural = "producten"
        ordering = ["categorie", "code", "geldig_van"]
        constraints = [
            models.UniqueConstraint(
                fields=["categorie", "code", "geldig_van"],
                name="product_uniek_per_geldigheid",
            ),
            models.CheckConstraint(
                name="product_geldig_tot_na_geldig_van",
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.categorie}/{self.code} {self.omschrijving}"

    def get_absolute_url(self) -> str:
        return reverse("stamgegevens:product-detail", args=[self.pk])

    def clean(self) -> None:
        overlapping = Product.objects.filter(
            categorie=self.categorie, code=self.code
        ).exclude(pk=self.pk)
        if self.geldig_tot:
            overlapping = overlapping.filter(geldig_van__lte=self.geldig_tot)
        overlapping = overlapping.filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=self.geldig_van)
        )
        if self.geldig_van and overlapping.exists():
            raise ValidationError(
                "Er is al een product met deze categorie en code dat in deze periode geldig is."
            )

    def is_geldig_op(self, datum) -> bool:
        return self.geldig_van <= datum and (
            self.geldig_tot is None or datum <= self.geldig_tot
        )

    # The product table is shared reference data.
    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q()

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q()


class Contract(models.Model):
    nummer = models.CharField("contractnummer", max_length=30, unique=True)
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name="opdrachtgever (gemeente)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracten",
    )
    regio = models.ForeignKey(
        Regio,
        verbose_name="opdrachtgever (regio)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracten",
    )
    aanbieder = models.ForeignKey(
        Aanbieder,
        verbose_name="aanbieder",
        on_delete=models.PROTECT,
        related_name="contracten",
    )
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    uitvoeringsvariant = models.CharField(
        "uitvoeringsvariant", max_length=20, choices=Uitvoeringsvariant.choices
    )
    producten = models.ManyToManyField(
        Product, through="ContractProduct", related_name="contracten"
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "contract"
        verbose_name_plural = "contracten"
        ordering = ["-begindatum", "nummer"]
        constraints = [
            models.CheckConstraint(
                name="contract_een_opdrachtgever",
                condition=(
                    Q(gemeente__isnull=False, regio__isnull=True)
                    | Q(gemeente__isnull=True, regio__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="contract_einddatum_na_begindatum",
                condition=Q(einddatum__isnull=True)
                | Q(einddatum__gte=models.F("begindatum")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} – {self.aanbieder.naam}"

    def get_absolute_url(self) -> str:
        return reverse("stamgegevens:contract-detail", args=[self.pk])

    @property
    def opdrachtgever(self):
        return self.gemeente or self.regio

    def is_geldig_op(self, datum) -> bool:
        return self.begindatum <= datum and (
            self.einddatum is None or datum <= self.einddatum
        )

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(gemeente_id=gemeente_id) | Q(regio__gemeenten__id=gemeente_id)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)


class ContractProduct(models.Model):
    """A product under a contract (R-T1: only these can be assigned), with its
    tarieven per period (`Tarief`, R-D9/TR418)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="contractproducten"
    )
    product = models.ForeignKey(
        Product, on_delete=models.PROTECT, related_name="contractproducten"
    )
    btw_percentage = models.DecimalField(
        "btw-percentage", max_digits=4, decimal_places=1, default=0
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "product in contract"
        verbose_name_plural = "producten in contract"
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "product"], name="contractproduct_uniek"
            ),
            models.CheckConstraint(
                name="contractproduct_btw_percentage_0_100",
                condition=Q(btw_percentage__gte=0) & Q(btw_percentage__lte=100),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.nummer}: {self.product}"

    def tarief_op(self, datum) -> "Tarief | None":
        """TR418: the tarief period that holds on `datum`, or None.

        Reads `self.tarieven.all()`, so a caller that prefetches `tarieven`
        looks up any number of lines without a query per line.
        """
        return next((t for t in self.tarieven.all() if t.is_geldig_op(datum)), None)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(
            contract__in=Contract.objects.filter(Contract.scope_gemeente(gemeente_id))
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(contract__aanbieder_id=aanbieder_id)


def op_cent(bedrag: Decimal) -> int:
    """Round an amount in eurocent to a whole cent, half up (0,5 cent → 1 cent)."""
    return int(bedrag.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class Tarief(models.Model):
    """The tarief of a contract product during one period (R-D9, TR418).

    Periods of one contract product do not overlap; a yearly indexation is a new
    period, never an overwrite, so a line of last year keeps last year's tarief.

    `per_uur` (only for products in minuten, eenheid 01): the contract agrees an
    hourly tarief. Then (TR346 toelichting, IV081) the ProductTarief per minuut
    is the hourly tarief / 60 rounded to the cent, and the IngediendBedrag is
    hourly tarief × minuten / 60, rounded to the cent (half up) once, on the
    whole line, not per minute.
    """

    contractproduct = models.ForeignKey(
        ContractProduct,
        verbose_name="product in contract",
        on_delete=models.CASCADE,
        related_name="tarieven",
    )
    geldig_van = models.DateField("geldig vanaf")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    bedrag = models.PositiveIntegerField(
        "tarief (eurocent)",
        help_text="Per eenheid van het product, of per uur als 'per uur' aan staat.",
    )
    per_uur = models.BooleanField(
        "tarief per uur",
        default=False,
        help_text="Alleen bij een product in minuten: het contract noemt een uurtarief.",
    )

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        ordering = ["contractproduct", "geldig_van"]
        constraints = [
            models.UniqueConstraint(
                fields=["contractproduct", "geldig_van"], name="tarief_uniek_per_begin"
            ),
            models.CheckConstraint(
                name="tarief_geldig_tot_na_geldig_van",
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
            ),
        ]

    def __str__(self) -> str:
        tot = self.geldig_tot.strftime("%d-%m-%Y") if self.geldig_tot else "…"
        per = "uur" if self.per_uur else "eenheid"
        return f"{euro(self.bedrag)} per {per} ({self.geldig_van:%d-%m-%Y} t/m {tot})"

    def is_geldig_op(self, datum) -> bool:
        return self.geldig_van <= datum and (
            self.geldig_tot is None or datum <= self.geldig_tot
        )

    @property
    def product_tarief(self) -> int:
        """The ProductTarief of a 323 line: eurocent per eenheid (IV081)."""
        if self.per_uur:
            return op_cent(Decimal(self.bedrag) / 60)
        return self.bedrag

    def bedrag_voor(self, volume: int) -> int:
        """TR346: IngediendBedrag for `volume` eenheden, with the unrounded tarief."""
        if self.per_uur:
            return op_cent(Decimal(self.bedrag) * volume / 60)
        return self.bedrag * volume

    def overlappende(self):
        """Other periods of the same contract product that share a day with this one."""
        andere = Tarief.objects.filter(contractproduct_id=self.contractproduct_id)
        andere = andere.exclude(pk=self.pk).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=self.geldig_van)
        )
        if self.geldig_tot:
            andere = andere.filter(geldig_van__lte=self.geldig_tot)
        return andere

    def clean(self) -> None:
        if not self.contractproduct_id or not self.geldig_van:
            return
        if self.overlappende().exists():
            raise ValidationError(
                "Er is al een tarief voor dit product in (een deel van) deze periode."
            )
        if self.per_uur and self.contractproduct.product.eenheid != "01":
            raise ValidationError(
                {"per_uur": "Een uurtarief kan alleen bij een product in minuten."}
            )

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(
            contractproduct__contract__in=Contract.objects.filter(
                Contract.scope_gemeente(gemeente_id)
            )
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(contractproduct__contract__aanbieder_id=aanbieder_id)
