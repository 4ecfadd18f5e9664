from django.db import models

from berichten.xml.catalog import HEEN_RETOUR


class BerichtStatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    GEVALIDEERD = "gevalideerd", "Gevalideerd"
    VERWERKT = "verwerkt", "Verwerkt"
    AFGEKEURD = "afgekeurd", "Afgekeurd"
    FOUT = "fout", "Fout"
    IN_OUTBOX = "in_outbox", "In outbox"
    VERZONDEN = "verzonden", "Verzonden"
    # Sent in by a party that is not its sender (berichten/kanaal.py): kept, never processed.
    GEWEIGERD = "geweigerd", "Geweigerd bij insturen"


class Kanaal(models.TextChoices):
    PORTAAL = "portaal", "Portaal"
    UPLOAD = "upload", "Upload"
    API = "api", "API"
    MAP = "map", "Map (inbox)"


class Niveau(models.IntegerChoices):
    XSD = 1, "XSD"
    BERICHTINHOUD = 2, "Berichtinhoud"
    BERICHTOVERSTIJGEND = 3, "Berichtoverstijgend"
    EXTERNE_BRON = 4, "Externe bron"


RETOUR_HEEN = {retour: heen for heen, retour in HEEN_RETOUR.items()}

# Sent by the gemeente; all others are sent by the aanbieder.
VAN_GEMEENTE = {"WMO301", "WMO306", "WMO308", "WMO316", "WMO318", "WMO319", "WMO325"}

OMSCHRIJVING = {
    "WMO301": "Toewijzing",
    "WMO302": "Toewijzing retour",
    "WMO305": "Start zorg",
    "WMO306": "Start zorg retour",
    "WMO307": "Stop zorg",
    "WMO308": "Stop zorg retour",
    "WMO315": "Verzoek om toewijzing",
    "WMO316": "Verzoek om toewijzing retour",
    "WMO317": "Verzoek om wijziging",
    "WMO318": "Verzoek om wijziging retour",
    "WMO319": "Antwoordbericht verzoek",
    "WMO320": "Antwoordbericht retour",
    "WMO323": "Declaratie",
    "WMO325": "Declaratie-antwoord",
}

# Werkdagen within which the answer is due (OP090: retour in 3; OP090x4: 325 in 10).
RETOUR_TERMIJN_WERKDAGEN = {heen: 3 for heen in HEEN_RETOUR} | {"WMO323": 10}
