"""The view behind a bulk action's button on a list page (POST + CSRF).

The list's checkboxes post `ids`; `form_class` checks the action's other input;
`starten(user, ids, cleaned_data)` starts the job (toewijzingen/bulk.py,
declaraties/bulk.py). The browser goes to the job's page (progress, then the
result per item); a refused start goes back to the list with its reason.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from core import bulkacties
from core.exceptions import ApplicationError
from core.views import RolVereistMixin


class BulkActieView(RolVereistMixin, View):
    http_method_names = ["post"]
    form_class = None
    lijst = ""  # the URL name of the list page to go back to

    def starten(self, user, ids: list[int], gegevens: dict):
        raise NotImplementedError

    def terug(self):
        return redirect(reverse(self.lijst))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        try:
            ids = bulkacties.ids_lezen(request.POST.getlist("ids"))
            if not form.is_valid():
                raise ApplicationError(
                    " ".join(e for fouten in form.errors.values() for e in fouten)
                )
            taak = self.starten(request.user, ids, form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return self.terug()
        return redirect(taak.get_absolute_url())
