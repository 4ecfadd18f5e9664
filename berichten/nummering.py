from django.db import IntegrityError, transaction

from berichten.models import Nummering


@transaction.atomic
def volgend_nummer(sleutel: str) -> int:
    """The next number of a counter; unique under concurrency (row lock)."""
    try:
        with transaction.atomic():
            Nummering.objects.get_or_create(sleutel=sleutel)
    except IntegrityError:  # created by a parallel transaction meanwhile
        pass
    teller = Nummering.objects.select_for_update().get(sleutel=sleutel)
    teller.laatste += 1
    teller.save(update_fields=["laatste"])
    return teller.laatste
