"""Background jobs (`Taak`): heavy work runs in Celery, the browser shows its progress.

    taak = taak_starten(user=user, soort="Berichten verwerken",
                        functie="berichten.taken.berichten_verwerken", bericht_ids=[1, 2])
    return redirect(taak.get_absolute_url())

The heavy function is called in the worker as `functie(taak, **kwargs)` (kwargs must
be JSON); it reports with `voortgang(taak, gedaan, totaal)`, may store a file with
`bestand_opslaan`, and returns the `resultaat` (a dict, JSON). An exception ends the
job in `fout` with a Dutch message; nothing else is rolled back by the runner, so the
heavy function decides its own transactions (progress must be visible while it runs).

Without a broker (CELERY_TASK_ALWAYS_EAGER) the job runs at once, in the request, and
is finished before the redirect; with a broker it is enqueued after the commit.

The public API of the package (other apps import from `core.taken` only):
`taak_starten`, `taak_opnieuw_starten`, `voortgang`, `met_voortgang`, `bestand_opslaan`,
`taak_uitvoeren` (the worker's side) and `taak_list`. The model is `core.models.Taak`.
"""

from core.taken.selectors import taak_list
from core.taken.services import (
    bestand_opslaan,
    met_voortgang,
    taak_opnieuw_starten,
    taak_starten,
    voortgang,
)
from core.taken.uitvoeren import taak_uitvoeren

__all__ = [
    "bestand_opslaan",
    "met_voortgang",
    "taak_list",
    "taak_opnieuw_starten",
    "taak_starten",
    "taak_uitvoeren",
    "voortgang",
]
