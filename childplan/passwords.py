"""Password rules: Django's validators, with the one message its Vietnamese catalogue misses."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 reworded the "too short" message; its Vietnamese catalogue still translates
    only the old wording, so the message would be shown in English."""

    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self) -> str:
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."
