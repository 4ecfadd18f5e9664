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
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


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
