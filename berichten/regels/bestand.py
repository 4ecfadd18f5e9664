"""Check one iWmo file without processing it: levels 1 and 2, optionally 3 and 4.

Used by `manage.py iwmo_validate` and by the aanbieder's proefdeclaratie. With
`met_database=True` the registered domain handler runs on an unsaved Bericht
inside a transaction that is always rolled back: a dry run that stores nothing.
"""

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from berichten import identiteit, paden, registry
from berichten.bevinding import Bevinding
from berichten.constants import Kanaal, Niveau
from berichten.models import Bericht
from berichten.regels import controleer_zonder_database
from berichten.regels.algemeen import tr135_niet_in_de_toekomst
from berichten.xml import codec, validation
from berichten.xml.parser import XmlInputError, identify, parse


@dataclass
class Rapport:
    bericht_type: str | None
    bevindingen: list[Bevinding] = field(default_factory=list)
    geldig: bool = True

    def as_dict(self) -> dict:
        return {
            "bericht_type": self.bericht_type,
            "geldig": self.geldig,
            "bevindingen": [b.as_dict() for b in self.bevindingen],
        }


def _xml_fout(exc: XmlInputError) -> Bevinding:
    return Bevinding(
        niveau=Niveau.XSD,
        regel="XML",
        retourcode="",
        pad="",
        tekst=f"{exc} [{exc.code}]",
    )


def _rapport(bericht_type: str | None, bevindingen: list[Bevinding]) -> Rapport:
    return Rapport(
        bericht_type=bericht_type, bevindingen=bevindingen, geldig=not bevindingen
    )


def controleer_bestand(data: bytes, *, met_database: bool = False) -> Rapport:
    try:
        root = parse(data)
        bericht_type = identify(root).bericht
    except XmlInputError as exc:
        return _rapport(None, [_xml_fout(exc)])

    schemafouten = validation.validate(root, bericht_type)
    if schemafouten:
        return _rapport(
            bericht_type,
            [
                Bevinding(
                    niveau=Niveau.XSD,
                    regel="XSD",
                    retourcode="",
                    pad=f.path or "",
                    tekst=f.message,
                )
                for f in schemafouten
            ],
        )
    try:
        message = codec.decode_element(root)
    except XmlInputError as exc:
        return _rapport(bericht_type, [_xml_fout(exc)])

    bevindingen = controleer_zonder_database(message)
    if not (met_database and message.BERICHT == "WMO323"):  # else: the 323's checks
        bevindingen += tr135_niet_in_de_toekomst(message, timezone.localdate())
    inhoud_fout = any(b.niveau == Niveau.BERICHTINHOUD for b in bevindingen)
    if met_database and not inhoud_fout:
        # A handler may run the database-free rules too (the 323): report each once.
        bevindingen = list(dict.fromkeys(bevindingen + _proefverwerking(data, message)))
    return _rapport(bericht_type, bevindingen)


def _proefverwerking(data: bytes, message) -> list[Bevinding]:
    """TR056 and the domain handler (levels 3/4) as in `verwerking`, always rolled back.

    The Bericht is saved inside the transaction: handlers link their rows to it.
    """
    afzender, ontvanger, identificatie, dagtekening = identiteit.identiteit(message)
    bericht = Bericht(
        inhoud=data,
        sha256=hashlib.sha256(data).hexdigest(),
        kanaal=Kanaal.UPLOAD,
        bericht_type=message.BERICHT,
        afzender=afzender,
        ontvanger=ontvanger,
        identificatie=identificatie,
        dagtekening=dagtekening,
        bsn=identiteit.bsn_van(message),
    )
    bericht.gemeente, bericht.aanbieder = identiteit.partijen(
        message.BERICHT, afzender, ontvanger
    )
    bevindingen = []
    bericht.is_duplicaat = Bericht.objects.filter(
        bericht_type=bericht.bericht_type,
        afzender=afzender,
        identificatie=identificatie,
        is_duplicaat=False,
    ).exists()
    if bericht.is_duplicaat:
        bevindingen.append(
            Bevinding(
                niveau=Niveau.BERICHTOVERSTIJGEND,
                regel="TR056",
                retourcode="9056",
                pad=paden.HEADER,
                tekst="Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.",
            )
        )
    handler = registry.handler_for(message.BERICHT)
    if handler is None:
        return bevindingen
    try:
        with transaction.atomic():
            bericht.save()
            bevindingen += handler(bericht=bericht, message=message).bevindingen
            transaction.set_rollback(True)
    except Exception as exc:  # report, never crash the check; nothing was kept
        bevindingen.append(
            Bevinding(
                niveau=Niveau.BERICHTOVERSTIJGEND,
                regel="VERWERKING",
                retourcode="",
                pad="",
                tekst=f"De proefverwerking is mislukt: {exc}",
            )
        )
    return bevindingen
