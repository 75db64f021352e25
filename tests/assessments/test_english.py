"""With English active, the child-friendly commune assessment speaks English; Vietnamese
stays the default; the standard's own criteria stay as the decision words them. The settings
of this branch hold Vietnamese alone, so the tests add English to LANGUAGES themselves."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from assessments.evidence import UnsafeEvidence, check_evidence
from assessments.models import Assessment, Criterion, Kind
from assessments.services import AssessmentConflict, assessment_return
from tests.assessments.conftest import figures, submitted

pytestmark = pytest.mark.django_db


def english():
    return (override_settings(LANGUAGES=[("vi", "Tiếng Việt"), ("en", "English")]),
            translation.override("en"))


def test_a_return_without_a_reason_is_refused_in_english_then_vietnamese(xuan, thu, communes,
                                                                        standard):
    assessment = submitted(communes[0], xuan, figures())
    settings, language = english()
    with settings, language, pytest.raises(AssessmentConflict) as refused:
        assessment_return(assessment=assessment, by=thu, comment=" ")
    assert str(refused.value) == ("When returning an assessment, state the reason so that the "
                                  "commune can complete it.")
    with pytest.raises(AssessmentConflict, match="Khi trả lại, hãy ghi rõ lý do"):
        assessment_return(assessment=assessment, by=thu, comment=" ")
    assert Assessment.objects.get(pk=assessment.pk).status == assessment.status


def test_an_unusable_evidence_file_is_named_in_english():
    settings, language = english()
    with settings, language, pytest.raises(UnsafeEvidence) as refused:
        check_evidence("bien-ban.docx", b"PK\x03\x04 not a pdf")
    assert str(refused.value) == ("File «bien-ban.docx» is not a PDF, PNG or JPEG: evidence is "
                                  "accepted only as a PDF file or an image.")


def test_labels_in_english_while_the_criteria_stay_as_the_decision_words_them(standard):
    criterion = Criterion.objects.order_by("number").first()
    settings, language = english()
    with settings, language:
        assert str(Kind.OTHER.label) == "Other commune, ward or township"
        assert str(Assessment._meta.verbose_name) == "child-friendly commune assessment"
        shown = str(criterion)
    assert shown == f"Criterion {criterion.number}. {criterion.name}"
    assert str(criterion) == f"Tiêu chí {criterion.number}. {criterion.name}"
    assert str(Kind.OTHER.label) == "Xã, phường, thị trấn còn lại"
