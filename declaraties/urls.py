from django.urls import path

from declaraties import bulk_views, views

app_name = "declaraties"

urlpatterns = [
    path("", views.DeclaratieListView.as_view(), name="declaratie-list"),
    path("nieuw/", views.DeclaratieMakenView.as_view(), name="declaratie-maken"),
    path("<int:pk>/", views.DeclaratieDetailView.as_view(), name="declaratie-detail"),
    path("<int:pk>/proef/", views.ProefView.as_view(), name="declaratie-proef"),
    path("<int:pk>/beoordelen/", views.BeoordelenView.as_view(), name="beoordelen"),
    path("instellingen/", views.InstellingenView.as_view(), name="instellingen"),
    path("betaalbestand/", views.BetaalbestandView.as_view(), name="betaalbestand"),
    path("<int:pk>/factuur/", views.FactuurView.as_view(), name="factuur"),
    path("<int:pk>/factuur.pdf", views.FactuurPdfView.as_view(), name="factuur-pdf"),
    path("regels/<int:pk>/", views.RegelDetailView.as_view(), name="regel-detail"),
    path("afgekeurd/", views.AfgekeurdeRegelsView.as_view(), name="afgekeurde-regels"),
    path(
        "afgekeurd/corrigeren/",
        bulk_views.BulkCorrigerenView.as_view(),
        name="bulk-corrigeren",
    ),
    *[
        path(
            f"afgekeurd/export.{formaat}",
            views.AfgekeurdExportView.as_view(),
            {"formaat": formaat},
            name=f"afgekeurde-regels-{formaat}",
        )
        for formaat in ("csv", "xlsx")
    ],
    path("uitval/", views.UitvalView.as_view(), name="uitval"),
    path(
        "start-ontbreekt/",
        views.StartOntbreektView.as_view(),
        name="start-ontbreekt",
    ),
]
