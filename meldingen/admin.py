from django.contrib import admin

from meldingen.models import Afgehandeld, Verzonden, Voorkeur


@admin.register(Afgehandeld)
class AfgehandeldAdmin(admin.ModelAdmin):
    list_display = ["soort", "object_id", "gemeente", "aanbieder", "gebruiker"]
    list_filter = ["soort"]


@admin.register(Voorkeur)
class VoorkeurAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "soort", "frequentie"]
    list_filter = ["soort", "frequentie"]


@admin.register(Verzonden)
class VerzondenAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "sleutel", "verzonden_op"]
