"""R-D4: a sent declaratie keeps the aanbieder's invoice data of its sending.

Declaraties sent before this migration get the aanbieder's data of today: the
best there is, and from now on it no longer changes with the aanbieder.
"""

from django.db import migrations, models

VELDEN = ("naam", "agb_code", "btw_nummer", "kvk_nummer", "iban")


def vastleggen(apps, schema_editor):
    Declaratie = apps.get_model("declaraties", "Declaratie")
    Aanbieder = apps.get_model("stamgegevens", "Aanbieder")
    for aanbieder in Aanbieder.objects.all().iterator():
        gegevens = {veld: getattr(aanbieder, veld) for veld in VELDEN}
        gegevens["adres"] = (
            f"{aanbieder.straat} {aanbieder.huisnummer}, "
            f"{aanbieder.postcode} {aanbieder.plaats}"
        )
        Declaratie.objects.filter(aanbieder=aanbieder).exclude(
            status="concept"
        ).update(aanbieder_bij_verzending=gegevens)


class Migration(migrations.Migration):
    dependencies = [
        ("declaraties", "0002_add_indexes_for_lists"),
        ("stamgegevens", "0003_aanbieder_via_portaal"),
    ]

    operations = [
        migrations.AddField(
            model_name="declaratie",
            name="aanbieder_bij_verzending",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="aanbieder bij verzending"
            ),
        ),
        migrations.RunPython(vastleggen, migrations.RunPython.noop),
    ]
