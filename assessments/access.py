"""Who may read, enter and review which commune's assessment.

Built on the membership reads of agencies/access.py, like the report helpers:

- a commune's reporter (a reporter of an agency of the commune, its UBND xã) enters and
  submits the commune's assessment;
- a reviewer of an agency of a province reviews, returns, recognises (and revokes a
  recognition of) the assessments of the communes of that province's territory, and edits
  their kinds. Under 06/QĐ-TTg 2019 the district level appraised and recognised communes;
  since 01/07/2025 there is none. Nghị định 147/2025/NĐ-CP (12/06/2025) shares out the
  district's powers in the health ministry's fields, where child affairs sit since
  01/03/2025, but which level it gives this recognition to could not be confirmed: the
  province names its reviewers by giving them the reviewer role, whichever office they sit
  in;
- a viewer of such an agency reads them.

Ids outside what a user may read are 404, as if they did not exist; a wrong role on a
readable assessment is 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from agencies.access import is_member, membership_roles
from agencies.models import AdminUnit, Agency, UnitLevel
from assessments.models import Assessment


def _commune_ids(agency_ids: set[int]) -> set[int]:
    return set(Agency.objects.filter(pk__in=agency_ids, unit__level=UnitLevel.COMMUNE)
               .values_list("unit_id", flat=True))


def _province_ids(agency_ids: set[int]) -> set[int]:
    return set(Agency.objects.filter(pk__in=agency_ids, unit__level=UnitLevel.PROVINCE)
               .values_list("unit_id", flat=True))


def _territory(province_ids: set[int]) -> set[int]:
    return AdminUnit.objects.territory_ids(province_ids) if province_ids else set()


def reported_communes(user) -> set[int]:
    """The communes whose assessments the user enters."""
    if not is_member(user):
        return set()
    return _commune_ids(membership_roles(user)["reporter"])


def reviewed_provinces(user) -> set[int]:
    """The provinces whose communes' assessments the user reviews."""
    if not is_member(user):
        return set()
    return _province_ids(membership_roles(user)["reviewer"])


def readable_provinces(user) -> set[int]:
    """The provinces whose assessments the user reads (reviewers and viewers)."""
    if not is_member(user):
        return set()
    roles = membership_roles(user)
    return _province_ids(roles["reviewer"] | roles["viewer"])


def readable_assessments(user):
    """Every assessment the user may read; 403 for anyone without a role."""
    if not is_member(user):
        raise PermissionDenied
    assessments = Assessment.objects.with_context()
    if user.is_superuser:
        return assessments
    return assessments.filter(Q(unit__in=reported_communes(user))
                              | Q(unit__in=_territory(readable_provinces(user))))


def can_review(user, assessment: Assessment) -> bool:
    return user.is_superuser or assessment.unit_id in _territory(reviewed_provinces(user))


def can_enter(user, assessment: Assessment) -> bool:
    return assessment.unit_id in reported_communes(user)


def access_assessment(user, assessment_id: int, *, for_edit: bool = False,
                      for_review: bool = False) -> Assessment:
    """The assessment `user` may read; for_edit: as the commune's reporter; for_review: as
    a reviewer of its province."""
    assessment = get_object_or_404(readable_assessments(user), pk=assessment_id)
    if for_edit and not can_enter(user, assessment):
        raise PermissionDenied(_("Chỉ cán bộ nhập liệu của xã được nhập đánh giá của xã."))
    if for_review and not can_review(user, assessment):
        raise PermissionDenied(_("Chỉ cán bộ thẩm định của tỉnh được trả lại hoặc công nhận."))
    return assessment


def access_commune(user, unit_id: int) -> AdminUnit:
    """A commune the user enters assessments for (to start one); 404 for any other."""
    if not is_member(user):
        raise PermissionDenied
    return get_object_or_404(AdminUnit.objects.communes(), pk=unit_id,
                             pk__in=reported_communes(user))


def access_province(user, unit_id: int, *, for_review: bool = False) -> AdminUnit:
    """A province whose assessments the user reads; for_review: reviews (edits kinds)."""
    if not is_member(user):
        raise PermissionDenied
    allowed = readable_provinces(user)
    if user.is_superuser:
        allowed = None
    units = AdminUnit.objects.provinces()
    province = get_object_or_404(units if allowed is None else units.filter(pk__in=allowed),
                                 pk=unit_id)
    if for_review and not (user.is_superuser or province.pk in reviewed_provinces(user)):
        raise PermissionDenied(_("Chỉ cán bộ thẩm định của tỉnh được phân loại xã."))
    return province


def province_communes(province: AdminUnit):
    """The province's current communes, in name order."""
    return (AdminUnit.objects.communes().current()
            .filter(pk__in=_territory({province.pk})).order_by("name"))
