"""The API's filter backend: django-filter, with secret fields (a BSN) taken from
a request header instead of the URL (core/zoeken.py), and so documented."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension

from core import zoeken
from core.exceptions import ApplicationError


class ZoekFilterBackend(DjangoFilterBackend):
    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        filterset_class = self.get_filterset_class(view, queryset)
        data = kwargs["data"].copy()
        for veld in zoeken.geheime_velden(filterset_class):
            header = zoeken.api_header(veld)
            if veld in data:
                raise ApplicationError(
                    f"Zoek op '{veld}' niet in de URL (die komt in logbestanden); "
                    f"stuur de waarde in de header {header}.",
                    code="geheim_in_url",
                )
            waarde = request.headers.get(header, "").strip()
            if waarde:
                data[veld] = waarde
        kwargs["data"] = data
        return kwargs


class ZoekFilterExtension(DjangoFilterExtension):
    """The schema shows a secret field as its header, not as a query parameter."""

    target_class = "core.api.filters.ZoekFilterBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(
            auto_schema, *args, **kwargs
        )
        geheim = zoeken.geheime_velden(
            getattr(auto_schema.view, "filterset_class", None)
        )
        for parameter in parameters:
            if parameter["name"] in geheim:
                veld = parameter["name"]
                parameter["name"] = zoeken.api_header(veld)
                parameter["in"] = "header"
                parameter["description"] = (
                    f"{parameter.get('description') or veld} — in deze header, "
                    "niet in de URL (een BSN hoort niet in logbestanden)."
                )
        return parameters
