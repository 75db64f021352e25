from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies import succession


class UnitLevel(models.TextChoices):
    NATION = "nation", _("Quốc gia")
    PROVINCE = "province", _("Tỉnh/thành phố")
    DISTRICT = "district", _("Huyện/quận/thị xã/thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã/phường/thị trấn")


# The 2025 reform: 34 provinces and communes without districts from this day.
REFORM_2025 = datetime.date(2025, 7, 1)


class AdminUnitQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> AdminUnitQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def provinces(self) -> AdminUnitQuerySet:
        return self.filter(level=UnitLevel.PROVINCE)

    def communes(self) -> AdminUnitQuerySet:
        return self.filter(level=UnitLevel.COMMUNE)

    def communes_in_area(self, unit: AdminUnit, on: datetime.date | None = None
                         ) -> AdminUnitQuerySet:
        """The communes existing on `on` that lie in `unit`'s area: a province's own communes,
        and for a unit retired in 2025 (old Trà Vinh, huyện Triệu Sơn) the communes of today
        that took over its old communes. One query per level below `unit`, then one."""
        on = on or timezone.localdate()
        units, frontier = {unit.pk}, {unit.pk}
        while frontier:
            frontier = set(AdminUnit.objects.filter(parent__in=frontier).exclude(
                level=UnitLevel.COMMUNE, valid_to__isnull=True).values_list("pk", flat=True))
            frontier -= units
            units |= frontier
        took_over = UnitSuccession.objects.filter(old__in=units, old__level=UnitLevel.COMMUNE
                                                  ).values("new")
        return (self.communes().current(on)
                .filter(Q(parent__in=units) | Q(pk__in=took_over))
                .exclude(pk=unit.pk))

    def territory_ids(self, unit_ids: set[int]) -> set[int]:
        """The units an office of these units serves: each unit, the units below it, the old
        units merged into it (old Trà Vinh in today's Vĩnh Long), and today's communes that
        took over an old commune in it (old Triệu Sơn's communes). A few queries per level."""
        found = set(unit_ids)
        frontier = set(unit_ids)
        while frontier:
            below = AdminUnit.objects.filter(parent__in=frontier).values_list("pk", flat=True)
            merged = UnitSuccession.objects.filter(new__in=frontier).values_list("old", flat=True)
            taken_over = UnitSuccession.objects.filter(
                old__in=frontier, old__level=UnitLevel.COMMUNE, new__level=UnitLevel.COMMUNE,
            ).values_list("new", flat=True)
            frontier = (set(below) | set(merged) | set(taken_over)) - found
            found |= frontier
        return found


class AdminUnit(models.Model):
    """A unit of the administrative tree in one of its versions.

    Units are never edited across a reform: a merged unit gets valid_to and a
    succession row to the unit that took it over, so figures reported under the
    old unit can be rolled into today's.
    """

    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", through="UnitSuccession", symmetrical=False, related_name="predecessors",
        blank=True, verbose_name=_("đơn vị kế thừa"),
    )

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            # One current unit per code and level; retired versions keyed by their end.
            models.UniqueConstraint(
                fields=["level", "code"], condition=Q(valid_to__isnull=True),
                name="unique_current_unit",
            ),
            models.UniqueConstraint(
                fields=["level", "code", "valid_to"], condition=Q(valid_to__isnull=False),
                name="unique_retired_unit",
            ),
        ]
        indexes = [models.Index(fields=["parent", "level"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def province_today(self) -> AdminUnit | None:
        """The province of today whose area holds this unit's: itself, the province that
        took an old province over (Trà Vinh → Vĩnh Long), the province an old district's
        area went to (Triệu Sơn → Thanh Hóa), a commune's province. None for the nation, or
        where the area went to several provinces."""
        today = [self] if self.is_current else successors_today(list(self.successors.all()))
        provinces: dict[int, AdminUnit] = {}
        for unit in today:
            province = unit if unit.level == UnitLevel.PROVINCE else unit.parent
            if province is not None and province.level == UnitLevel.PROVINCE:
                provinces[province.pk] = province
        return next(iter(provinces.values())) if len(provinces) == 1 else None

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu "
                                                 "lực.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Đơn vị không thể là cấp trên của chính nó.")})


class UnitSuccession(models.Model):
    """Old unit → new unit: all or part of the old unit's area went to the new one."""

    old = models.ForeignKey(AdminUnit, models.CASCADE, related_name="succession_to",
                            verbose_name=_("đơn vị cũ"))
    new = models.ForeignKey(AdminUnit, models.CASCADE, related_name="succession_from",
                            verbose_name=_("đơn vị mới"))
    effective_on = models.DateField(_("ngày hiệu lực"), default=REFORM_2025)

    class Meta:
        verbose_name = _("sắp xếp đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "sắp xếp đơn vị hành chính")
        constraints = [models.UniqueConstraint(fields=["old", "new"], name="unique_succession")]

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"

    def clean(self) -> None:
        if self.old_id and self.old_id == self.new_id:
            raise ValidationError(_("Đơn vị cũ và đơn vị mới phải khác nhau."))


def successors_today(units: list[AdminUnit]) -> list[AdminUnit]:
    """The current units that took the area of `units`, following successions to the end
    (a current unit stands for itself)."""
    today: dict[int, AdminUnit] = {}
    seen: set[int] = set()
    frontier = list(units)
    while frontier:
        nxt = []
        for unit in frontier:
            if unit.pk in seen:
                continue
            seen.add(unit.pk)
            if unit.valid_to is None:
                today[unit.pk] = unit
        ids = [u.pk for u in frontier if u.valid_to is not None]
        if ids:
            nxt = [s.new for s in UnitSuccession.objects.filter(old_id__in=ids)
                   .select_related("new__parent")]
        frontier = [u for u in nxt if u.pk not in seen]
    return sorted(today.values(), key=lambda u: (u.level, u.code))


class Sector(models.TextChoices):
    LDTBXH = "ldtbxh", _("Lao động - Thương binh và Xã hội")
    YTE = "yte", _("Y tế")
    GDDT = "gddt", _("Giáo dục và Đào tạo")
    TUPHAP = "tuphap", _("Tư pháp")
    CONGAN = "congan", _("Công an")
    VHTTDL = "vhttdl", _("Văn hóa, Thể thao và Du lịch")
    TTTT = "tttt", _("Thông tin và Truyền thông")
    TAICHINH = "taichinh", _("Tài chính")
    KHDT = "khdt", _("Kế hoạch và Đầu tư")
    NOIVU = "noivu", _("Nội vụ")
    UBND = "ubnd", _("Ủy ban nhân dân")
    DOANTHE = "doanthe", _("Mặt trận, đoàn thể")
    KHAC = "khac", _("Khác")


class AgencyQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> AgencyQuerySet:
        """Agencies that exist on `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def agency_for(self, on: datetime.date) -> dict[int, Agency]:
        """Each agency of the queryset → the agency doing its work on `on` (itself until its
        work passed to a successor)."""
        return Agency.objects.in_charge_of(
            list(self.select_related("unit", "successor__unit", "successor__successor__unit")),
            on)

    def in_charge_of(self, agencies: list[Agency], on: datetime.date) -> dict[int, Agency]:
        """`agencies`, already loaded → the agency doing each one's work on `on`. Successors
        loaded with them (select_related) cost nothing; any others, one query per step."""
        objects: dict[int, Agency] = {}
        links: dict[int, succession.Link] = {}
        frontier: set[int] = set()
        pending = list(agencies)
        while pending or frontier:
            if not pending:
                pending = list(Agency.objects.select_related("unit").filter(pk__in=frontier))
                frontier = set()
            agency = pending.pop()
            if agency.pk in objects:
                continue
            objects[agency.pk] = agency
            if agency.successor_id:
                links[agency.pk] = succession.Link(agency.successor_id, agency.succession_on)
                if Agency.successor.is_cached(agency):
                    pending.append(agency.successor)
                elif agency.successor_id not in objects:
                    frontier.add(agency.successor_id)
        return {a.pk: objects[succession.follow(a.pk, links, on)] for a in agencies}


# The 2025 reforms pass work on in at most two steps (an old province's Sở LĐTBXH → its
# Sở Y tế → the merged province's Sở Y tế); one more for what comes next.
SUCCESSION_DEPTH = 3


def work_done_by(field: str, agency_ids) -> Q:
    """Rows whose agency (`field`; "" for agencies themselves) is one of `agency_ids` or passed
    its work to one of them, directly or through others: what an office took over, in a
    filter without extra queries."""
    q = Q()
    for depth in range(SUCCESSION_DEPTH):
        path = "__".join(([field] if field else []) + ["successor"] * depth) or "pk"
        q |= Q(**{f"{path}__in": agency_ids})
    return q


class Agency(models.Model):
    """An office that reports or consolidates, in one of its versions.

    When an office is dissolved its child-affairs work passes to a successor on a date
    and under a legal basis (Sở LĐTBXH → Sở Y tế from 01/03/2025; a district's Phòng →
    the province's Sở Y tế from 01/07/2025). What it filed before stays its own; the
    cycles opened after that date go to whoever does the work then (`agency_for`).
    """

    name = models.CharField(_("tên cơ quan"), max_length=200)
    sector = models.CharField(_("ngành"), max_length=10, choices=Sector.choices)
    unit = models.ForeignKey(AdminUnit, models.PROTECT, related_name="agencies",
                             verbose_name=_("địa bàn"))
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey("self", models.SET_NULL, null=True, blank=True,
                                  related_name="predecessors", verbose_name=_("cơ quan kế thừa"))
    succession_on = models.DateField(_("chuyển giao cho cơ quan kế thừa từ ngày"), null=True,
                                     blank=True)
    succession_basis = models.CharField(_("căn cứ chuyển giao"), max_length=300, blank=True,
                                        default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = pgettext_lazy("plural", "cơ quan")
        ordering = ["unit__name", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unique_agency_name")]

    def __str__(self) -> str:
        return f"{self.name} — {self.unit.name}"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu "
                                                 "lực.")})
        if self.successor_id is None:
            return
        if self.succession_on is None:
            raise ValidationError(
                {"succession_on": _("Hãy ghi ngày chuyển giao cho cơ quan kế thừa.")})
        # The chain from the successor on must never lead back here.
        seen, agency = {self.pk}, self.successor
        while agency is not None:
            if agency.pk in seen:
                raise ValidationError({"successor": _("Cơ quan kế thừa tạo thành vòng lặp: "
                                                      "một cơ quan không thể kế thừa chính nó.")})
            seen.add(agency.pk)
            agency = agency.successor

    def agency_for(self, on: datetime.date) -> Agency:
        """The agency doing this agency's work on `on`: itself, or the successor it passed to."""
        objects, links = {self.pk: self}, {}
        agency = self
        while agency.successor_id and agency.pk not in links:
            links[agency.pk] = succession.Link(agency.successor_id, agency.succession_on)
            agency = agency.successor
            objects[agency.pk] = agency
        return objects[succession.follow(self.pk, links, on)]

    def now_is(self, on: datetime.date | None = None) -> Agency | None:
        """The agency that does this one's work today, when that is another one ("nay là …")."""
        agency = self.agency_for(on or timezone.localdate())
        return None if agency.pk == self.pk else agency


class Role(models.TextChoices):
    REPORTER = "reporter", _("Cán bộ nhập liệu")
    REVIEWER = "reviewer", _("Cán bộ tổng hợp")
    VIEWER = "viewer", _("Lãnh đạo / người xem")
    # Runs the accounts of the agencies and communes of its agency's territory; kept apart
    # from reviewing so that whoever approves figures does not also mint reporters' accounts.
    MANAGER = "manager", _("Quản lý tài khoản")


# Who outranks whom when roles are granted: no one grants a role above their own.
# Administrators (is_staff / is_superuser) are above every role and are never granted here.
ROLE_RANK = {Role.VIEWER: 1, Role.REPORTER: 1, Role.REVIEWER: 2, Role.MANAGER: 3}


class Membership(models.Model):
    """Which user works for which agency, in which role: the only source of access."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships",
                             verbose_name=_("người dùng"))
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="memberships",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = pgettext_lazy("plural", "phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"


class AccessLogQuerySet(models.QuerySet):
    def older_than(self, days: int, *, now: datetime.datetime | None = None) -> AccessLogQuerySet:
        return self.filter(at__lt=(now or timezone.now()) - datetime.timedelta(days=days))


class AccessLog(models.Model):
    """Who signed in (or failed to), exported or read what through the API, from where.

    Kept for ACCESS_LOG_KEEP_DAYS (a year), as the personal-data law of 2025 asks of a
    system holding data about children; written by agencies.services.access_log_record.
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Đăng nhập")
        SIGN_IN_FAILED = "sign_in_failed", _("Đăng nhập không thành công")
        EXPORT = "export", _("Tải xuất dữ liệu")
        API_READ = "api_read", _("Đọc dữ liệu qua API")

    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("người dùng"))
    # As typed at sign-in, or the user's name then: kept when the account is gone.
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=20, choices=Action.choices)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    subject = models.CharField(_("dữ liệu"), max_length=300, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký truy cập")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()}"


class AccountProfile(models.Model):
    """What the portal keeps about an account beside Django's user: set up by whom, and whether
    the password is still the temporary one an account manager gave."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile",
                                verbose_name=_("người dùng"))
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), null=True, blank=True)
    # The interface language the user chose with the switch in the header; empty: the default.
    language = models.CharField(_("ngôn ngữ giao diện"), max_length=8, blank=True,
                                choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("hồ sơ tài khoản")
        verbose_name_plural = pgettext_lazy("plural", "hồ sơ tài khoản")

    def __str__(self) -> str:
        return str(self.user)


class AccountEvent(models.Model):
    """One change an account manager (or the user) made to an account."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo tài khoản")
        DEACTIVATE = "deactivate", _("Khóa tài khoản")
        REACTIVATE = "reactivate", _("Mở khóa tài khoản")
        RESET = "reset", _("Cấp lại mật khẩu tạm")
        GRANT = "grant", _("Giao vai trò")
        REVOKE = "revoke", _("Thu hồi vai trò")
        PASSWORD = "password", _("Tự đổi mật khẩu")

    account = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="account_events", verbose_name=_("tài khoản"))
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("người thực hiện"))
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan"))
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, blank=True)
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("thay đổi tài khoản")
        verbose_name_plural = pgettext_lazy("plural", "thay đổi tài khoản")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.account} ({self.at:%d/%m/%Y})"
