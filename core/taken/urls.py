from django.urls import path

from core.taken import views

app_name = "taken"

urlpatterns = [
    path("", views.TaakListView.as_view(), name="taak-list"),
    path("<int:pk>/", views.TaakDetailView.as_view(), name="taak-detail"),
    path("<int:pk>/status.json", views.TaakStatusView.as_view(), name="taak-status"),
    path("<int:pk>/download/", views.TaakDownloadView.as_view(), name="taak-download"),
    path("<int:pk>/opnieuw/", views.TaakOpnieuwView.as_view(), name="taak-opnieuw"),
]
