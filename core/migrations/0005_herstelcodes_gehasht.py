"""Recovery codes stored until now in plain text become their keyed hash
(core.tweestaps.herstelcode_hash); a hash is never turned back."""

import re

from django.db import migrations
from django.utils.crypto import salted_hmac

# As core.tweestaps.HASH_SLEUTEL at the time of this migration.
HASH_SLEUTEL = "wmo-portaal.tweestaps.herstelcode"
PLATTE_CODE = re.compile(r"^[a-z2-7]{8}$")  # StaticToken.random_token()


def hashen(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    gewijzigd = []
    for token in StaticToken.objects.all().iterator():
        if PLATTE_CODE.match(token.token):
            token.token = salted_hmac(
                HASH_SLEUTEL, token.token, algorithm="sha256"
            ).hexdigest()[:16]
            gewijzigd.append(token)
    StaticToken.objects.bulk_update(gewijzigd, ["token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_taak"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hashen, migrations.RunPython.noop)]
