from django.urls import path

from meldingen import views

app_name = "meldingen"

urlpatterns = [
    path("", views.MeldingListView.as_view(), name="melding-list"),
    path("<int:pk>/gelezen/", views.MeldingGelezenView.as_view(), name="gelezen"),
    path("alles-gelezen/", views.AllesGelezenView.as_view(), name="alles-gelezen"),
    path("voorkeuren/", views.VoorkeurenView.as_view(), name="voorkeuren"),
    path("werkvoorraad/afhandelen/", views.AfhandelenView.as_view(), name="afhandelen"),
]
