"""Password rules: Django's validators, with the one message its Vietnamese catalogue misses."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2 reworded the "too short" message; its Vietnamese catalogue still translates
    only the old wording, so the message would be shown in English."""

    def get_error_message(self) -> str:
        return ngettext("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
                        "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
                        self.min_length) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext("Mật khẩu cần ít nhất %(min_length)d ký tự.",
                        "Mật khẩu cần ít nhất %(min_length)d ký tự.",
                        self.min_length) % {"min_length": self.min_length}
