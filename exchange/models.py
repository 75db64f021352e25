"""Personal API tokens, and the codes other systems know the measures by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from indicators.models import Measure


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A personal token for the API: the secret is shown once, only its SHA-256 is kept.

    A token is a random 256-bit secret, so a plain SHA-256 (not a slow password hash) is
    enough to make a stolen table useless, and lets every request find its row by index.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens",
                             verbose_name=_("người dùng"))
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    # The first characters of the secret, shown in the list so the owner tells tokens apart.
    prefix = models.CharField(_("đầu mã"), max_length=12)
    digest = models.CharField(_("băm SHA-256"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = pgettext_lazy("plural", "mã truy cập API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class MeasureCode(models.Model):
    """The codes a statistics system or a DHIS2 instance uses for one measure.

    Without a row, a measure is known by its own code ("3a") and its numerator and
    denominator by that code with ".TS" and ".MS".
    """

    measure = models.OneToOneField(Measure, models.CASCADE, related_name="exchange_code",
                                   verbose_name=_("chỉ tiêu đo lường"))
    data_element = models.CharField(_("mã phần tử dữ liệu (giá trị)"), max_length=100)
    numerator_element = models.CharField(_("mã tử số"), max_length=100, blank=True)
    denominator_element = models.CharField(_("mã mẫu số"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("mã chỉ tiêu khi trao đổi dữ liệu")
        verbose_name_plural = _("mã chỉ tiêu khi trao đổi dữ liệu (ADX, SDMX)")
        ordering = ["measure__position", "measure__code"]
        constraints = [
            models.UniqueConstraint(fields=["data_element"], name="unique_data_element"),
            models.UniqueConstraint(fields=["numerator_element"],
                                    condition=~Q(numerator_element=""),
                                    name="unique_numerator_element"),
            models.UniqueConstraint(fields=["denominator_element"],
                                    condition=~Q(denominator_element=""),
                                    name="unique_denominator_element"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} → {self.data_element}"
