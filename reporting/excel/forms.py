from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel đã nhập số liệu (.xlsx)"),
                           error_messages={"required": _("Hãy chọn tệp Excel để tải lên.")})


class ConfirmForm(forms.Form):
    """The preview's promise, and a tick for each figure a broken rule asks to confirm (the
    first measure of the rule, as the data-entry form's box beside that figure)."""

    payload = forms.CharField(widget=forms.HiddenInput)
    confirm = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, to_confirm=(), **kwargs):
        super().__init__(*args, **kwargs)
        codes = dict.fromkeys(v.rule.first_code for v in to_confirm)
        if self.is_bound and not to_confirm:
            # On confirmation: read_payload judges the ticks against the rules again.
            codes = dict.fromkeys(self.data.getlist("confirm"))
        self.fields["confirm"].choices = [
            (code, gettext("Tôi xác nhận số liệu chỉ tiêu %(code)s trong tệp là đúng")
             % {"code": code}) for code in codes]
