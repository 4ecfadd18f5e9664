"""Cliënten, their toewijzingen (301) and the start/stop zorg (305/307) on them."""

from django.db import models
from django.db.models import F, Q

from simple_history.models import HistoricalRecords

from core.privacy import mask_bsn
from core.scoping import ScopedQuerySet
from toewijzingen.constants import (
    GESLACHT_CHOICES,
    NAAM_GEBRUIK_CHOICES,
    REDEN_BEEINDIGING_CHOICES,
    REDEN_WIJZIGING_CHOICES,
    TOEWIJZINGNUMMER_MAX,
    LeveringSoort,
    StatusAanlevering,
)
from toewijzingen.models.basis import (
    EigenPartijen,
    Omvang,
    PartijenVanOuder,
    validate_bsn,
)


class Client(models.Model):
    """A cliënt of one gemeente, identified by BSN (OP079)."""

    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.PROTECT, related_name="clienten"
    )
    bsn = models.CharField("BSN", max_length=9, validators=[validate_bsn])
    geboortedatum = models.DateField("geboortedatum")
    geslacht = models.CharField("geslacht", max_length=1, choices=GESLACHT_CHOICES)
    achternaam = models.CharField("achternaam", max_length=200)
    voorvoegsel = models.CharField("voorvoegsel", max_length=10, blank=True)
    voornamen = models.CharField("voornamen", max_length=200, blank=True)
    voorletters = models.CharField("voorletters", max_length=6, blank=True)
    naam_gebruik = models.CharField(
        "naamgebruik", max_length=1, choices=NAAM_GEBRUIK_CHOICES, default="1"
    )
    straat = models.CharField("straat", max_length=24, blank=True)
    huisnummer = models.PositiveIntegerField("huisnummer", null=True, blank=True)
    huisletter = models.CharField("huisletter", max_length=1, blank=True)
    huisnummer_toevoeging = models.CharField("toevoeging", max_length=4, blank=True)
    postcode = models.CharField("postcode", max_length=6, blank=True)
    plaats = models.CharField("plaats", max_length=80, blank=True)
    telefoon = models.CharField("telefoon", max_length=15, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "cliënt"
        verbose_name_plural = "cliënten"
        ordering = ["achternaam", "bsn"]
        indexes = [
            # The cliënten list of a gemeente in its own order.
            models.Index(
                fields=["gemeente", "achternaam", "bsn"], name="client_gemeente_naam"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "bsn"], name="client_bsn_uniek_per_gemeente"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({mask_bsn(self.bsn)})"  # admin lists, labels

    @property
    def heeft_contact(self) -> bool:
        """TR061/TR006: enough contact data for a 301."""
        return bool(self.telefoon or (self.huisnummer and self.postcode))

    @property
    def naam(self) -> str:
        return self.naam_van(self.voorletters, self.voorvoegsel, self.achternaam)

    @staticmethod
    def naam_van(voorletters: str, voorvoegsel: str, achternaam: str) -> str:
        """The name as lists show it, from the three fields (read as plain values)."""
        return " ".join(deel for deel in (voorletters, voorvoegsel, achternaam) if deel)

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(gemeente_id=gemeente_id)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        # An aanbieder sees the cliënten the gemeente assigned to it (a toewijzing,
        # current or past), never one it only named: a BSN alone opens nothing.
        return Q(
            pk__in=Toewijzing.objects.filter(aanbieder_id=aanbieder_id).values(
                "client_id"
            )
        )


class Toewijzing(EigenPartijen, Omvang):
    """One ToegewezenProduct of a WMO301 (R-T1…R-T8)."""

    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder",
        on_delete=models.PROTECT,
        related_name="toewijzingen",
    )
    contract = models.ForeignKey(
        "stamgegevens.Contract", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="toewijzingen"
    )
    product = models.ForeignKey(
        "stamgegevens.Product", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    toewijzing_nummer = models.PositiveIntegerField("toewijzingnummer")
    # Column sizes of values that come from messages are the XSD's maxima (LDT_…),
    # so a value the schema accepts is never refused by the database.
    referentie_aanbieder = models.CharField(
        "referentie aanbieder", max_length=36, blank=True
    )
    toewijzingsdatum = models.DateField("toewijzingsdatum")
    toewijzingstijd = models.TimeField("toewijzingstijd")
    ingangsdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    reden_wijziging = models.CharField(
        "reden wijziging", max_length=2, choices=REDEN_WIJZIGING_CHOICES, blank=True
    )
    commentaar = models.TextField(
        "commentaar", blank=True
    )  # LDT_Commentaar: no maximum
    # Set when the gemeente ends it: intrekken, beëindigen, verhuizing, overlijden.
    beeindigd_op = models.DateTimeField("beëindigd op", null=True, blank=True)
    bericht = models.ForeignKey(
        "berichten.Bericht",
        verbose_name="laatste WMO301",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["-toewijzingsdatum", "-toewijzing_nummer"]
        constraints = [
            # TR332: ToewijzingNummer is unique per gemeente.
            models.UniqueConstraint(
                fields=["gemeente", "toewijzing_nummer"],
                name="toewijzing_tr332_nummer_uniek_per_gemeente",
            ),
            models.CheckConstraint(
                name="toewijzing_nummer_max_9_cijfers",
                condition=Q(toewijzing_nummer__lte=TOEWIJZINGNUMMER_MAX),
            ),
            models.CheckConstraint(
                name="toewijzing_cs003_einddatum_na_ingangsdatum",
                condition=Q(einddatum__isnull=True)
                | Q(einddatum__gte=F("ingangsdatum")),
            ),
            models.CheckConstraint(
                name="toewijzing_cd077_omvang_of_budget",
                condition=Q(volume__isnull=True) | Q(budget__isnull=True),
            ),
        ]
        indexes = [
            models.Index(fields=["client", "aanbieder"]),
            # The lists of a gemeente and of an aanbieder, newest first.
            models.Index(
                fields=["gemeente", "-toewijzingsdatum", "-toewijzing_nummer"],
                name="toewijzing_gemeente_nieuwste",
            ),
            models.Index(
                fields=["aanbieder", "-toewijzingsdatum", "-toewijzing_nummer"],
                name="toewijzing_aanbieder_nieuwste",
            ),
            # The werkvoorraad on the start page: running toewijzingen that end
            # soon (per party) and the aanbieder's ones without a start, in order.
            models.Index(
                fields=["gemeente", "einddatum", "id"],
                condition=Q(beeindigd_op__isnull=True),
                name="toewijzing_gemeente_einde",
            ),
            models.Index(
                fields=["aanbieder", "einddatum", "id"],
                condition=Q(beeindigd_op__isnull=True),
                name="toewijzing_aanbieder_einde",
            ),
            models.Index(
                fields=["aanbieder", "ingangsdatum", "id"],
                condition=Q(beeindigd_op__isnull=True),
                name="toewijzing_aanbieder_ingang",
            ),
        ]

    def __str__(self) -> str:
        return f"Toewijzing {self.toewijzing_nummer}"


class Levering(PartijenVanOuder, models.Model):
    """One StartProduct (305) or StopProduct (307) aanlevering for a toewijzing.

    Every aanlevering is kept; one with StatusAanlevering 3 marks the earlier
    one with the same key `vervallen`. "Actueel" = status 1 and not vervallen.
    """

    OUDER = "toewijzing"

    toewijzing = models.ForeignKey(
        Toewijzing, on_delete=models.PROTECT, related_name="leveringen"
    )
    soort = models.CharField("soort", max_length=5, choices=LeveringSoort.choices)
    begindatum = models.DateField("begindatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    reden_beeindiging = models.CharField(
        "reden beëindiging",
        max_length=2,
        choices=REDEN_BEEINDIGING_CHOICES,
        blank=True,
    )
    status_aanlevering = models.CharField(
        "status aanlevering", max_length=1, default=StatusAanlevering.EERSTE
    )
    vervallen = models.BooleanField(
        "vervallen (verwijderd met status 3)", default=False
    )
    bericht = models.ForeignKey(
        "berichten.Bericht",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leveringen",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "levering (start/stop)"
        verbose_name_plural = "leveringen (start/stop)"
        ordering = ["toewijzing", "id"]
        indexes = [
            # The last actual start/stop of a toewijzing (selectors.met_status).
            models.Index(
                fields=["toewijzing", "-id"],
                condition=Q(status_aanlevering="1", vervallen=False),
                name="levering_actueel",
            ),
            # The API list, newest first.
            models.Index(fields=["-aangemaakt_op", "-id"], name="levering_nieuwste"),
        ]
        constraints = [
            models.CheckConstraint(
                name="levering_op033_status_1_of_3",
                condition=Q(status_aanlevering__in=["1", "3"]),
            ),
            models.CheckConstraint(
                name="levering_tr018_einddatum_na_begindatum",
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("begindatum")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.toewijzing.toewijzing_nummer}"

    @property
    def is_actueel(self) -> bool:
        return (
            self.status_aanlevering == StatusAanlevering.EERSTE and not self.vervallen
        )
