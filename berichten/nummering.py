from django.db import IntegrityError, transaction
from django.db.models import F

from berichten.models import Nummering


@transaction.atomic
def volgend_nummer(sleutel: str) -> int:
    """The next number of a counter; unique under concurrency: the UPDATE holds
    the row lock until the transaction ends."""
    teller = Nummering.objects.filter(sleutel=sleutel)
    if not teller.update(laatste=F("laatste") + 1):  # a new counter
        try:
            with transaction.atomic():
                Nummering.objects.create(sleutel=sleutel, laatste=1)
                return 1
        except IntegrityError:  # created by a parallel transaction meanwhile
            teller.update(laatste=F("laatste") + 1)
    return teller.values_list("laatste", flat=True).get()
