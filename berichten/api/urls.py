from rest_framework.routers import SimpleRouter

from berichten.api import views

# SimpleRouter: the API root view comes from stamgegevens.api.urls.
router = SimpleRouter()
router.register("berichten", views.BerichtViewSet, basename="bericht")
router.register("outbox", views.OutboxViewSet, basename="outbox")

urlpatterns = router.urls
