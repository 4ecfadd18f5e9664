"""Marks, in-app notifications, e-mail preferences and the log of what was sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from meldingen.constants import Frequentie, WerkSoort


class Afgehandeld(models.Model):
    """A werkvoorraad item marked handled: for one user (gebruiker set) or for the
    whole party (gebruiker empty). Exactly one of gemeente and aanbieder is set."""

    soort = models.CharField("soort", max_length=12, choices=WerkSoort.choices)
    object_id = models.PositiveBigIntegerField("id van het object")
    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leeg: afgehandeld voor de hele organisatie.",
    )
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", auto_now_add=True)

    class Meta:
        verbose_name = "afgehandeld werkvoorraaditem"
        verbose_name_plural = "afgehandelde werkvoorraaditems"
        indexes = [
            models.Index(
                fields=["soort", "gemeente", "aanbieder"],
                name="afgehandeld_soort_partij",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gemeente__isnull=True) ^ Q(aanbieder__isnull=True),
                name="afgehandeld_een_partij",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.object_id}"


class Melding(models.Model):
    """An in-app notification of one user: a new werkvoorraad item. The title never
    holds a BSN or a cliënt's name."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    soort = models.CharField("soort", max_length=12, choices=WerkSoort.choices)
    object_id = models.PositiveBigIntegerField("id van het object")
    titel = models.CharField("titel", max_length=200)
    url = models.CharField("link", max_length=300)
    uiterlijk = models.DateField("uiterlijk", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gelezen_op = models.DateTimeField("gelezen op", null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort", "object_id"],
                name="melding_eenmaal_per_item",
            )
        ]
        indexes = [
            models.Index(
                fields=["gebruiker", "-aangemaakt_op"], name="melding_gebruiker_datum"
            )
        ]

    def __str__(self) -> str:
        return self.titel


class Voorkeur(models.Model):
    """How a user wants to hear of one kind of item by e-mail."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingvoorkeuren",
    )
    soort = models.CharField("soort", max_length=12, choices=WerkSoort.choices)
    frequentie = models.CharField("e-mail", max_length=10, choices=Frequentie.choices)

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "soort"], name="voorkeur_per_soort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.get_frequentie_display()}"


class Verzonden(models.Model):
    """What was e-mailed to a user, so a second run sends nothing twice: one row
    per item sent at once ("soort:id") and one per daily digest ("dag:yyyy-mm-dd")."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sleutel = models.CharField("sleutel", max_length=40)
    verzonden_op = models.DateTimeField("verzonden op", auto_now_add=True)

    class Meta:
        verbose_name = "verzonden e-mail"
        verbose_name_plural = "verzonden e-mails"
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="verzonden_eenmaal"
            )
        ]

    def __str__(self) -> str:
        return self.sleutel
