from django.urls import path

from exchange import views
from exchange.api import api

urlpatterns = [
    path("api/v1/docs/", views.api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("tai-khoan/ma-api/", views.token_list, name="api_tokens"),
    path("tai-khoan/ma-api/<int:token_id>/thu-hoi/", views.token_revoke, name="api_token_revoke"),
]
