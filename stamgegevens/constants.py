from django.db import models


class ProductStatus(models.TextChoices):
    ACTIEF = "actief", "Actief"
    OVERGANGSREGELING = "overgangsregeling", "Overgangsregeling"
    VERVALLEN = "vervallen", "Vervallen"


class Uitvoeringsvariant(models.TextChoices):
    INSPANNINGSGERICHT = "inspanningsgericht", "Inspanningsgericht"
    OUTPUTGERICHT = "outputgericht", "Outputgericht"
    TAAKGERICHT = "taakgericht", "Taakgericht"


class WijzigingStatus(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend"
    # Four eyes (R-G1): one contract manager approved, a second one must follow.
    EERSTE_AKKOORD = "akkoord_1", "Eerste akkoord, wacht op tweede"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


# Still to be decided by a gemeente.
WIJZIGING_OPEN = [WijzigingStatus.INGEDIEND, WijzigingStatus.EERSTE_AKKOORD]

# R-G1: changes of these fields need two different contract managers (four eyes).
VIER_OGEN_VELDEN = {"iban", "agb_code"}


# Aanbieder fields an aanbieder may propose to change (R-G1), with Dutch labels.
WIJZIGBARE_VELDEN = {
    "naam": "Naam",
    "straat": "Straat",
    "huisnummer": "Huisnummer",
    "postcode": "Postcode",
    "plaats": "Plaats",
    "iban": "IBAN",
    "agb_code": "AGB-code",
    "btw_nummer": "Btw-nummer",
    "kvk_nummer": "KvK-nummer",
}
