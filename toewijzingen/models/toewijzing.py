from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from simple_history.models import HistoricalRecords
from stdnum.nl import bsn as stdnum_bsn

from core.privacy import mask_bsn
from core.scoping import ScopedQuerySet
from toewijzingen.constants import (
    EENHEID_CHOICES,
    FREQUENTIE_CHOICES,
    GESLACHT_CHOICES,
    NAAM_GEBRUIK_CHOICES,
    REDEN_AFWIJZING_CHOICES,
    REDEN_BEEINDIGING_CHOICES,
    REDEN_VERZOEK_CHOICES,
    REDEN_WIJZIGING_CHOICES,
    TOEWIJZINGNUMMER_MAX,
    LeveringSoort,
    SignaalObject,
    SignaalSoort,
    SignaalStatus,
    StatusAanlevering,
    VerzoekProductSoort,
    VerzoekSoort,
    VerzoekStatus,
)


def validate_bsn(value: str) -> None:
    """CS002: a BSN has 9 digits and passes the elfproef."""
    if not (value.isdigit() and len(value) == 9 and stdnum_bsn.is_valid(value)):
        raise ValidationError(
            "Dit is geen geldig BSN: 9 cijfers die voldoen aan de elfproef.",
            code="bsn",
        )


class EigenPartijen:
    """Scope of a row with its own gemeente and aanbieder foreign keys."""

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(gemeente_id=gemeente_id)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)


class PartijenVanOuder:
    """Scope of a row through its parent (`OUDER`), which has its own parties."""

    OUDER = ""

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(**{f"{cls.OUDER}__gemeente_id": gemeente_id})

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(**{f"{cls.OUDER}__aanbieder_id": aanbieder_id})


class Omvang(models.Model):
    """Volume + eenheid + frequentie, or a budget (R-T4, CD077/CD078)."""

    volume = models.PositiveIntegerField("volume", null=True, blank=True)
    eenheid = models.CharField(
        "eenheid", max_length=2, choices=EENHEID_CHOICES, blank=True
    )
    frequentie = models.CharField(
        "frequentie", max_length=1, choices=FREQUENTIE_CHOICES, blank=True
    )
    budget = models.PositiveIntegerField("budget (eurocent)", null=True, blank=True)

    class Meta:
        abstract = True


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
        delen = [self.voorletters, self.voorvoegsel, self.achternaam]
        return " ".join(deel for deel in delen if deel)

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


class Signaal(EigenPartijen, models.Model):
    """A deadline signal of one party, stored with its state so a person can mark
    it handled (toewijzingen.signalen computes them; `signalen_vastleggen` keeps
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
