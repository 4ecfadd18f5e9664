from django.urls import path

from stamgegevens import views

app_name = "stamgegevens"

urlpatterns = [
    path("contracten/", views.ContractListView.as_view(), name="contract-list"),
    path(
        "contracten/<int:pk>/",
        views.ContractDetailView.as_view(),
        name="contract-detail",
    ),
    path(
        "contracten/<int:pk>/indexeren/",
        views.ContractIndexerenView.as_view(),
        name="contract-indexeren",
    ),
    path("aanbieders/", views.AanbiederListView.as_view(), name="aanbieder-list"),
    path("aanbieders/mijn/", views.MijnAanbiederView.as_view(), name="mijn-aanbieder"),
    path(
        "aanbieders/<int:pk>/",
        views.AanbiederDetailView.as_view(),
        name="aanbieder-detail",
    ),
    path("producten/", views.ProductListView.as_view(), name="product-list"),
    path(
        "producten/<int:pk>/", views.ProductDetailView.as_view(), name="product-detail"
    ),
    path(
        "wijzigingen/",
        views.WijzigingsverzoekListView.as_view(),
        name="wijzigingsverzoek-list",
    ),
    path(
        "wijzigingen/nieuw/",
        views.WijzigingsverzoekCreateView.as_view(),
        name="wijzigingsverzoek-create",
    ),
    path(
        "wijzigingen/<int:pk>/",
        views.WijzigingsverzoekDetailView.as_view(),
        name="wijzigingsverzoek-detail",
    ),
]
