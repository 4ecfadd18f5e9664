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
