"""The health endpoint, mounted at the site's root for the load balancer (childplan/urls.py)."""

from django.urls import path

from progress import views

urlpatterns = [path("", views.health, name="health")]
