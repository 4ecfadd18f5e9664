from django.urls import path

from portaal.views import StartView

urlpatterns = [
    path("", StartView.as_view(), name="start"),
]
