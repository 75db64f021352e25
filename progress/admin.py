from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from progress.models import ReportTemplate
from progress.papers.document import TemplateError, check_template

MAX_TEMPLATE = 8 * 1024 * 1024


class ReportTemplateForm(forms.ModelForm):
    file = forms.FileField(label=_("Tệp mẫu (.docx)"), help_text=_(
        "Văn bản Word dùng các thẻ của mẫu mặc định (head.issuer, goals, results…); "
        "tải mẫu mặc định về để sửa theo thể thức của địa phương."))

    class Meta:
        model = ReportTemplate
        fields = ["name", "unit"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TEMPLATE:
            raise forms.ValidationError(_("Tệp mẫu quá lớn (tối đa 8 MB)."))
        data = upload.read()
        try:
            check_template(data)
        except TemplateError as error:
            raise forms.ValidationError(str(error)) from error
        return data


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    form = ReportTemplateForm
    list_display = ["name", "unit", "uploaded_at"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        obj.content = form.cleaned_data["file"]
        super().save_model(request, obj, form, change)
