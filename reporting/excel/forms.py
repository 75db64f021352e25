from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel đã nhập số liệu (.xlsx)"),
                           error_messages={"required": _("Hãy chọn tệp Excel để tải lên.")})


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
