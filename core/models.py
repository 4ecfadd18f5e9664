from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager as BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse

from rest_framework_api_key.models import AbstractAPIKey

from core.constants import Rol


class UserManager(BaseUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("rol", Rol.BEHEERDER)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A portal user belongs to one party: a gemeente, an aanbieder, or is a beheerder."""

    rol = models.CharField("rol", max_length=16, choices=Rol.choices)
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente",
        verbose_name="gemeente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gebruikers",
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder",
        verbose_name="aanbieder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gebruikers",
    )

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        constraints = [
            models.CheckConstraint(
                name="user_rol_matches_organisatie",
                condition=(
                    Q(rol=Rol.GEMEENTE, gemeente__isnull=False, aanbieder__isnull=True)
                    | Q(
                        rol=Rol.AANBIEDER,
                        aanbieder__isnull=False,
                        gemeente__isnull=True,
                    )
                    | Q(
                        rol=Rol.BEHEERDER, gemeente__isnull=True, aanbieder__isnull=True
                    )
                ),
            )
        ]

    @property
    def is_gemeente(self) -> bool:
        return self.rol == Rol.GEMEENTE

    @property
    def is_aanbieder(self) -> bool:
        return self.rol == Rol.AANBIEDER

    @property
    def is_beheerder(self) -> bool:
        return self.rol == Rol.BEHEERDER

    @property
    def organisatie(self):
        return self.gemeente or self.aanbieder


class BsnInzage(models.Model):
    """Who saw a cliënt's full BSN, when, and where (privacy log, visible to beheerders)."""

    gebruiker = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="bsn_inzages"
    )
    bsn = models.CharField("BSN", max_length=9)
    waar = models.CharField("pagina of endpoint", max_length=255)
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "BSN-inzage"
        verbose_name_plural = "BSN-inzages"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"{self.gebruiker} zag {self.bsn} op {self.tijdstip:%d-%m-%Y %H:%M}"


class Taak(models.Model):
    """A background job (Celery) a user started: its progress, outcome and file.

    `functie` is the dotted path of the heavy function, called as
    `functie(taak, **parameters)`; see `core/taken.py`. A user sees only their own jobs.
    """

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "wachtend"
        BEZIG = "bezig", "bezig"
        KLAAR = "klaar", "klaar"
        FOUT = "fout", "fout"

    soort = models.CharField("soort", max_length=100)
    functie = models.CharField("functie", max_length=200)
    parameters = models.JSONField("parameters", default=dict, blank=True)
    gebruiker = models.ForeignKey(
        User, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="taken"
    )
    status = models.CharField(
        "status", max_length=16, choices=Status.choices, default=Status.WACHTEND
    )
    voortgang = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    totaal = models.PositiveIntegerField("totaal", default=0)
    gedaan = models.PositiveIntegerField("gedaan", default=0)
    melding = models.TextField("melding", blank=True)
    resultaat = models.JSONField("resultaat", default=dict, blank=True)
    bestand = models.FileField("bestand", upload_to="taken/%Y/%m/", blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gestart_op = models.DateTimeField("gestart op", null=True, blank=True)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)
    # Nothing stranded (core/wachtrij.py): handed to the broker when and how often,
    # how often it started, the last sign of life of its worker, why it waits.
    in_wachtrij_op = models.DateTimeField(
        "in de wachtrij gezet op", null=True, blank=True
    )
    aangeboden = models.PositiveSmallIntegerField("keren aangeboden", default=0)
    pogingen = models.PositiveSmallIntegerField("pogingen", default=0)
    hartslag_op = models.DateTimeField("laatste teken van leven", null=True, blank=True)
    wachtreden = models.CharField("waarom de taak wacht", max_length=255, blank=True)

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["gebruiker", "-aangemaakt_op"])]

    def __str__(self) -> str:
        return f"{self.soort} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("taken:taak-detail", args=[self.pk])

    @property
    def is_afgelopen(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.FOUT)

    @property
    def wacht_sinds(self):
        """Since when the job waits for a worker (last offered, or created)."""
        return self.in_wachtrij_op or self.aangemaakt_op


class Werkvoorraad(models.Model):
    """The start page's counts and first signals of one party (role + gemeente or
    aanbieder), as last computed: the page reads this row instead of counting a
    large gemeente's toewijzingen per visit; `core.werkvoorraad_verversen` (celery
    beat) recomputes the rows, the page itself only when its row is missing or
    older than START_CACHE_SECONDEN and no worker runs. See portaal/werkvoorraad.py."""

    sleutel = models.CharField("partij", max_length=100, unique=True)
    gebruiker = models.ForeignKey(
        User,
        verbose_name="berekend als",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gegevens = models.JSONField("gegevens", default=dict)
    berekend_op = models.DateTimeField("berekend op")

    class Meta:
        verbose_name = "werkvoorraad"
        verbose_name_plural = "werkvoorraden"

    def __str__(self) -> str:
        return f"{self.sleutel} ({self.berekend_op:%d-%m-%Y %H:%M})"

    @staticmethod
    def sleutel_van(rol: str, gemeente_id: int | None, aanbieder_id: int | None) -> str:
        """The one key of a party's row: "<rol>:<gemeente_id>:<aanbieder_id>"."""
        return f"{rol}:{gemeente_id}:{aanbieder_id}"


class MachineSleutel(AbstractAPIKey):
    """An API credential of a party's own software (a machine client).

    The key is shown once when a beheerder issues it and stored only as a SHA-512
    hash (djangorestframework-api-key). It acts as `gebruiker`: a technical user of
    the party with the same role and party fields as a person, without a password,
    so every scoping and channel rule applies to it unchanged.
    """

    gebruiker = models.OneToOneField(
        User,
        verbose_name="technische gebruiker",
        on_delete=models.PROTECT,
        related_name="machinesleutel",
        editable=False,
    )
    laatst_gebruikt = models.DateTimeField("laatst gebruikt", null=True, blank=True)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "API-sleutel (machinekoppeling)"
        verbose_name_plural = "API-sleutels (machinekoppelingen)"

    @property
    def partij(self):
        return self.gebruiker.organisatie
