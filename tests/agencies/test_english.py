"""With English active, the account pages' messages come out in English; Vietnamese stays the
default. The settings of this branch hold Vietnamese alone, so the tests add English to
LANGUAGES themselves."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from agencies.access import AccountRefused, account_authority
from agencies.forms import AccountCreateForm
from agencies.models import Agency, Membership, Sector
from agencies.services import membership_revoke
from tests.agencies.test_account_services import snapshot

pytestmark = pytest.mark.django_db


def english():
    override = override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")])
    return override, translation.override("en")


def test_refusing_an_account_s_last_role_in_english_then_vietnamese(world):
    before = snapshot()
    settings, language = english()
    with settings, language, pytest.raises(AccountRefused) as refused:
        membership_revoke(by=world.people["mai"], membership=world.people["dan"].memberships.get())
    assert str(refused.value) == ("This is the account's last role: lock the account instead "
                                  "of revoking it.")
    with pytest.raises(AccountRefused, match="vai trò cuối cùng"):
        membership_revoke(by=world.people["mai"], membership=world.people["dan"].memberships.get())
    assert snapshot() == before


def test_a_form_error_names_the_field_in_english(world):
    settings, language = english()
    with settings, language:
        form = AccountCreateForm(account_authority(world.people["mai"]),
                                 {"username": "", "full_name": "", "agency": "", "role": ""})
        assert not form.is_valid()
        assert form.errors["username"] == ["Enter a username."]
        assert str(form.fields["full_name"].label) == "Full name"
    form = AccountCreateForm(account_authority(world.people["mai"]), {"username": ""})
    assert not form.is_valid() and form.errors["username"] == ["Hãy ghi tên đăng nhập."]


def test_model_names_and_choice_labels_in_english_and_vietnamese():
    settings, language = english()
    with settings, language:
        assert str(Agency._meta.verbose_name_plural) == "agencies"
        assert str(Membership._meta.get_field("role").verbose_name) == "role"
        assert str(Sector.YTE.label) == "Health"
    assert str(Agency._meta.verbose_name_plural) == "cơ quan"
    assert str(Sector.YTE.label) == "Y tế"
