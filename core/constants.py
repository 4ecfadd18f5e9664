from django.db import models


class Rol(models.TextChoices):
    GEMEENTE = "gemeente", "Contractmanager gemeente"
    AANBIEDER = "aanbieder", "Medewerker aanbieder"
    BEHEERDER = "beheerder", "Beheerder"
