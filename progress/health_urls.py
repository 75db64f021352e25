"""The health endpoint, mounted at the site's root for the load balancer (childplan/urls.py)."""

from django.urls import path

from progress import health

urlpatterns = [path("", health.health, name="health")]
