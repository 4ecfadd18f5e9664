from django.urls import path

from core.lijstexport import export_urls
from toewijzingen import bulk_views, views

app_name = "toewijzingen"

ACTIES = {
    "wijzigen": views.ToewijzingWijzigenView,
    "verlengen": views.ToewijzingVerlengenView,
    "vervangen": views.ToewijzingVervangenView,
    "intrekken": views.ToewijzingIntrekkenView,
    "beeindigen": views.ToewijzingBeeindigenView,
    "verhuizing": views.ToewijzingVerhuizingView,
    "overlijden": views.ToewijzingOverlijdenView,
    "start": views.StartZorgView,
    "stop": views.StopZorgView,
}

urlpatterns = [
    path("clienten/", views.ClientListView.as_view(), name="client-list"),
    *export_urls("clienten", "clienten/"),
    *export_urls("toewijzingen"),
    path("clienten/nieuw/", views.ClientCreateView.as_view(), name="client-create"),
    path("clienten/<int:pk>/", views.ClientDetailView.as_view(), name="client-detail"),
    path(
        "clienten/<int:pk>/wijzigen/",
        views.ClientUpdateView.as_view(),
        name="client-update",
    ),
    path(
        "clienten/<int:pk>/toewijzing/",
        views.ToewijzingCreateView.as_view(),
        name="toewijzing-create",
    ),
    path(
        "clienten/<int:pk>/verzoek-om-wijziging/",
        views.VerzoekOmWijzigingView.as_view(),
        name="verzoek-wijziging",
    ),
    path("", views.ToewijzingListView.as_view(), name="toewijzing-list"),
    path("bulk/start/", bulk_views.BulkStartZorgView.as_view(), name="bulk-start"),
    path("<int:pk>/", views.ToewijzingDetailView.as_view(), name="toewijzing-detail"),
    *[
        path(f"<int:pk>/{actie}/", view.as_view(), name=f"toewijzing-{actie}")
        for actie, view in ACTIES.items()
    ],
    path("verzoeken/", views.VerzoekListView.as_view(), name="verzoek-list"),
    path(
        "verzoeken/bulk/beantwoorden/",
        bulk_views.BulkVerzoekenView.as_view(),
        name="bulk-verzoeken",
    ),
    path(
        "verzoeken/nieuw/",
        views.VerzoekOmToewijzingView.as_view(),
        name="verzoek-create",
    ),
    path(
        "verzoeken/<int:pk>/", views.VerzoekDetailView.as_view(), name="verzoek-detail"
    ),
    path("signalen/", views.SignaalListView.as_view(), name="signaal-list"),
    path(
        "signalen/<int:pk>/afhandelen/",
        views.SignaalAfhandelenView.as_view(),
        name="signaal-afhandelen",
    ),
]
