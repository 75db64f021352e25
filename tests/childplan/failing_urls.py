"""The site's routes plus one that fails, for the 500 page."""

from django.db import OperationalError
from django.urls import path

from childplan.urls import urlpatterns as site_urlpatterns


def fails(request):
    raise OperationalError("the database went away")


urlpatterns = [*site_urlpatterns, path("loi-may-chu/", fails)]
