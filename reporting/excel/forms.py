from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel đã nhập số liệu (.xlsx)",
                           error_messages={"required": "Hãy chọn tệp Excel để tải lên."})


class ConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
