from django.core.management.base import BaseCommand

from portaal.signalen import signalen_vastleggen
from toewijzingen.constants import SignaalStatus
from toewijzingen.models import Signaal


class Command(BaseCommand):
    help = (
        "Berekent de termijnsignalen (werkdagen) van alle gemeenten en aanbieders, "
        "legt ze vast en toont de open signalen per partij; voor cron."
    )

    def handle(self, *args, **options) -> None:
        aantallen = signalen_vastleggen()
        self.stdout.write(
            "Signalen: {nieuw} nieuw, {bijgewerkt} bijgewerkt, {opgelost} opgelost, "
            "{open} open.".format(**aantallen)
        )
        open_signalen = (
            Signaal.objects.filter(status=SignaalStatus.OPEN)
            .select_related("gemeente", "aanbieder")
            .order_by("gemeente__code", "aanbieder__agb_code", "uiterlijk", "id")
        )
        for s in open_signalen.iterator():
            partij = (
                f"gemeente:{s.gemeente.code}"
                if s.gemeente
                else f"aanbieder:{s.aanbieder.agb_code}"
            )
            te_laat = (
                f", {s.werkdagen_te_laat} werkdagen te laat"
                if s.werkdagen_te_laat
                else ""
            )
            self.stdout.write(
                f"{partij}  - {s.omschrijving}: {s.titel} "
                f"(uiterlijk {s.uiterlijk:%d-%m-%Y}{te_laat})"
            )
