from rest_framework.routers import SimpleRouter

from declaraties.api import views

# SimpleRouter: the API root view comes from stamgegevens.api.urls.
router = SimpleRouter()
router.register("declaraties", views.DeclaratieViewSet, basename="declaratie")
router.register("prestaties", views.PrestatieViewSet, basename="prestatie")

urlpatterns = router.urls
