from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exchange.api import api
from exchange.docs import info, operations
from exchange.models import ApiToken
from exchange.services import NAME_MISSING, api_token_create, api_token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên gợi nhớ"), max_length=100, error_messages={
        "required": NAME_MISSING})


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.message_dict["name"])
        else:
            form = TokenForm()
    return render(request, "exchange/tokens.html", {
        "form": form, "secret": secret, "tokens": ApiToken.objects.filter(user=request.user)})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    if api_token_revoke(token=token):
        messages.success(request, _("Đã thu hồi mã «%(name)s»: mã này không dùng được nữa.")
                         % {"name": token.name})
    else:
        messages.info(request, _("Mã «%(name)s» đã được thu hồi trước đó.") % {"name": token.name})
    return redirect("api_tokens")


def api_docs(request):
    """The API's documentation, rendered from its OpenAPI schema in the reader's language (the
    schema itself stays Vietnamese): no script, so the page passes the Content-Security-Policy
    as it is."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return render(request, "exchange/docs.html", {
        "info": info(schema), "operations": operations(schema)})
