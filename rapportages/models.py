"""Budgets per contract and year: what the dashboards measure uitputting against."""

from django.db import models
from django.db.models import Q

from core.scoping import ScopedQuerySet
from stamgegevens.models import Contract


class Budget(models.Model):
    """The amount a gemeente has set aside for one contract in one year."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="budgetten"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    bedrag = models.PositiveBigIntegerField("budget (eurocent)")
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetten"
        ordering = ["-jaar", "contract__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "jaar"], name="budget_uniek_per_contract_jaar"
            ),
            models.CheckConstraint(
                name="budget_jaar_redelijk",
                condition=Q(jaar__gte=2000) & Q(jaar__lte=2100),
            ),
        ]

    def __str__(self) -> str:
        return f"Budget {self.jaar} {self.contract.nummer}"

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(
            contract__in=Contract.objects.filter(Contract.scope_gemeente(gemeente_id))
        )

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(contract__aanbieder_id=aanbieder_id)


class Maandcijfer(models.Model):
    """The dashboards' summary of one (gemeente, aanbieder) pair, per month and
    productcategorie: the toegewezen amount (`status` "toegewezen"), the sent
    Prestaties per status and list of retourcodes (how many, signed eurocent), and
    the starts (`status` "start_305", per month of the toewijzingsdatum) per number
    of werkdagen from 301 to 305.

    Rebuilt per pair from the toewijzingen and declaraties (rapportages/samenvatting.py)
    whenever the pair is marked `VerouderdPaar`; never edited by hand."""

    TOEGEWEZEN = "toegewezen"
    START = "start_305"
    NIET_GEDECLAREERD = [TOEGEWEZEN, START]

    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder", on_delete=models.CASCADE, related_name="+"
    )
    # The contract of the lines' toewijzing (budget uitputting); empty otherwise.
    contract = models.ForeignKey(
        "stamgegevens.Contract",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    maand = models.DateField("maand")
    categorie = models.CharField("productcategorie", max_length=2)
    status = models.CharField("status", max_length=16)
    retourcodes = models.JSONField("retourcodes", default=list, blank=True)
    aantal = models.PositiveIntegerField("aantal regels", default=0)
    bedrag = models.BigIntegerField("bedrag (eurocent)", default=0)
    werkdagen = models.PositiveIntegerField("werkdagen 301 → 305", null=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "maandcijfer"
        verbose_name_plural = "maandcijfers"
        indexes = [
            models.Index(fields=["gemeente", "maand"], name="maandcijfer_gemeente"),
            models.Index(fields=["aanbieder", "maand"], name="maandcijfer_aanbieder"),
        ]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} {self.categorie} {self.status}"

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q:
        return Q(gemeente_id=gemeente_id)

    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q:
        return Q(aanbieder_id=aanbieder_id)


class VerouderdPaar(models.Model):
    """A (gemeente, aanbieder) pair whose `Maandcijfer` rows no longer match the
    data: a toewijzing, declaratie, Prestatie or tarief of the pair was written."""

    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    aanbieder = models.ForeignKey(
        "stamgegevens.Aanbieder", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "verouderd paar"
        verbose_name_plural = "verouderde paren"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "aanbieder"], name="verouderd_paar_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id}/{self.aanbieder_id}"


class ZorgTelling(models.Model):
    """Cliënten in zorg of a whole gemeente in one year: per productcategorie the
    distinct cliënten with a valid toewijzing in each of the 12 months (a distinct
    count does not add up over pairs, so it is kept per gemeente). Dropped when a
    pair of the gemeente is rebuilt; computed again on the next read or by beat."""

    gemeente = models.ForeignKey(
        "stamgegevens.Gemeente", on_delete=models.CASCADE, related_name="+"
    )
    jaar = models.PositiveSmallIntegerField("jaar")
    telling = models.JSONField("per categorie 12 maanden", default=dict)

    class Meta:
        verbose_name = "telling cliënten in zorg"
        verbose_name_plural = "tellingen cliënten in zorg"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar"], name="zorgtelling_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id}/{self.jaar}"
