from django.core.management.base import BaseCommand

from stamgegevens.services import wijzigingsverzoeken_doorvoeren


class Command(BaseCommand):
    help = (
        "Voert goedgekeurde wijzigingen van stamgegevens door waarvan de "
        "ingangsdatum is bereikt (R-G1); voor cron, dagelijks."
    )

    def handle(self, *args, **options) -> None:
        doorgevoerd = wijzigingsverzoeken_doorvoeren()
        self.stdout.write(f"{len(doorgevoerd)} wijziging(en) doorgevoerd.")
        for pk in doorgevoerd:
            self.stdout.write(f"  - wijzigingsverzoek {pk}")
