"""Plain-language hints per retourcode: what the aanbieder can do to fix a rejected line."""

HINTS: dict[str, str] = {
    "0001": "Het bericht klopt inhoudelijk niet. Bekijk de meldingen bij de declaratie, pas de regels aan en verstuur opnieuw.",
    "0611": "Het tarief wijkt af van het contracttarief dat gold in de periode van de regel. Corrigeer de regel: het portaal neemt het tarief van die periode over.",
    "8017": "U crediteert een regel die niet (goedgekeurd) bekend is. Crediteer alleen goedgekeurde regels; een afgekeurde regel corrigeert u met een nieuwe regel.",
    "8021": "Dit referentienummer is al eens gebruikt. Corrigeer de regel: hij krijgt een nieuw referentienummer.",
    "8187": "Het BSN hoort niet bij de cliënt van deze toewijzing. Controleer cliënt en toewijzingnummer.",
    "8214": "De declaratieperiode ligt voor een periode die u al hebt gedeclareerd. Declareer in de laatste of een latere maand.",
    "8848": "Een datum ligt in de toekomst. Controleer de dagtekening.",
    "9307": "De begindatum ligt buiten de toewijzing. Pas de periode aan aan de ingangs- en einddatum van de toewijzing.",
    "9308": "De einddatum ligt buiten de toewijzing. Pas de periode aan aan de ingangs- en einddatum van de toewijzing.",
    "9319": "De productperiode ligt na de declaratieperiode. Declareer deze regel in de juiste maand.",
    "9321": "U declareert meer dan is toegewezen voor deze periode. Verlaag het volume tot de toegewezen omvang.",
    "9322": "Alle regels samen zijn meer dan is toegewezen. Verlaag het volume of vraag de gemeente om een hogere toewijzing.",
    "9333": "Dit declaratienummer is al gebruikt. Verstuur de regels opnieuw in een nieuwe declaratie.",
    "9338": "De gemeente kent deze toewijzing niet voor uw organisatie. Controleer het toewijzingnummer.",
    "9339": "De productcategorie is anders dan in de toewijzing. Gebruik de categorie van de toewijzing.",
    "9340": "De productcode is anders dan in de toewijzing. Gebruik de productcode van de toewijzing.",
    "9341": "De eenheid past niet bij de toewijzing. Gebruik de eenheid van de toewijzing.",
    "9346": "Het bedrag is niet volume × tarief. Corrigeer de regel: het portaal rekent het bedrag opnieuw uit.",
    "9369": "Alle regels samen passen niet in het toegewezen budget. Verlaag het bedrag.",
    "9384": "De gemeente heeft deze toewijzing verwijderd. Neem contact op met de gemeente.",
    "9387": "De periode moet beginnen op de 1e van de maand, of op de latere ingangsdatum van de toewijzing.",
    "9388": "De periode moet eindigen op de laatste dag van de maand, of op de eerdere einddatum van de toewijzing.",
    "9389": "Deze periode is al gedeclareerd. Crediteer eerst de eerdere regel en declareer dan opnieuw.",
    "9390": "Deze regel is al gecrediteerd. Een regel kan maar één keer worden gecrediteerd.",
    "S300": "De gemeentecode is onbekend. Controleer de gemeente van de declaratie.",
    "S329": "Deze productcode hoort niet bij de productcategorie. Gebruik een product uit de producttabel van de gemeente.",
}

ALGEMEEN = "Neem bij twijfel contact op met de contractmanager van de gemeente."


def hint(retourcode: str) -> str:
    return HINTS.get(retourcode, ALGEMEEN)
