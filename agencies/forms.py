"""The account pages' forms: they offer only what the manager may give, and convert input.

The services check every write again; a form that was tampered with still changes nothing.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.access import AccountAuthority
from agencies.models import ROLE_RANK, Agency, Role
from agencies.services import NewAccount, validate_username
from agencies.vietnamese import sort_key


def _agency_label(agency: Agency) -> str:
    return f"{agency.name} — {agency.unit.name}"


class _GrantFields(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(),
                                    error_messages={"invalid_choice": _("Cơ quan này nằm ngoài "
                                                                        "địa bàn bạn quản lý."),
                                                    "required": _("Hãy chọn cơ quan.")})
    role = forms.ChoiceField(label=_("Vai trò"), error_messages={
        "invalid_choice": _("Bạn không được giao vai trò này."),
        "required": _("Hãy chọn vai trò.")})

    def __init__(self, authority: AccountAuthority, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = authority.agencies().current().select_related("unit")
        self.fields["agency"].queryset = agencies
        # Listed in Vietnamese order (the queryset still decides what may be chosen).
        self.fields["agency"].choices = [("", "---------")] + [
            (agency.pk, _agency_label(agency)) for agency in sorted(
                agencies, key=lambda a: (a.unit.level, sort_key(a.unit.name), sort_key(a.name)))]
        self.fields["agency"].label_from_instance = _agency_label
        self.fields["role"].choices = [(role.value, role.label) for role in Role
                                       if ROLE_RANK[role] <= authority.rank]


class AccountCreateForm(_GrantFields):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               help_text=_("Chữ không dấu, số và các dấu @ . + - _"),
                               error_messages={"required": _("Hãy ghi tên đăng nhập.")})
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150,
                                error_messages={"required": _("Hãy ghi họ và tên.")})
    email = forms.EmailField(label=_("Thư điện tử"), required=False,
                             help_text=_("Để người dùng tự đặt lại mật khẩu khi quên."),
                             error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")})

    field_order = ["username", "full_name", "email", "agency", "role"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        try:
            validate_username(username)
        except ValidationError as error:
            raise ValidationError(error.messages[0][:1].upper() + error.messages[0][1:] + ".") \
                from None
        return username

    def new_account(self) -> NewAccount:
        data = self.cleaned_data
        return NewAccount(data["username"].strip(), data["full_name"].strip(), data["email"])


class MembershipGrantForm(_GrantFields):
    pass


class AccountImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp danh sách (.xlsx)"),
                           error_messages={"required": _("Hãy chọn tệp Excel danh sách tài "
                                                         "khoản.")})
