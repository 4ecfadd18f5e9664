"""Shared model pieces of toewijzingen: BSN validation, party scoping, omvang."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from stdnum.nl import bsn as stdnum_bsn

from toewijzingen.constants import (
    EENHEID_CHOICES,
    FREQUENTIE_CHOICES,
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
