from django.urls import path

from berichten import views
from core.lijstexport import export_urls

app_name = "berichten"

urlpatterns = [
    path("", views.BerichtListView.as_view(), name="bericht-list"),
    *export_urls("berichten"),
    path("insturen/", views.BerichtUploadView.as_view(), name="bericht-upload"),
    path("<int:pk>/", views.BerichtDetailView.as_view(), name="bericht-detail"),
    path("<int:pk>/xml/", views.BerichtDownloadView.as_view(), name="bericht-download"),
    path(
        "<int:pk>/opnieuw/", views.BerichtOpnieuwView.as_view(), name="bericht-opnieuw"
    ),
]
