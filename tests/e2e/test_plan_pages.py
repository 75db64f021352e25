from tests.conftest import PASSWORD, make_user


def test_a_reviewer_opens_the_tra_vinh_plan_and_reads_its_targets(seeded, page, live_server,
                                                                  sign_in):
    from childplan.models import Plan

    plan = Plan.objects.get(key="tra-vinh-2021")
    make_user("bob", agency=plan.consolidating_agency, role="reviewer")
    sign_in("bob", PASSWORD)

    page.get_by_role("link", name="Quyết định 2221/QĐ-UBND").click()
    row = page.locator("tr[data-measure='3a']")
    assert row.locator("td.target").first.inner_text() == "dưới 1,9"
    assert "Sở Y tế" in row.inner_text()
    assert page.get_by_text("Về phát triển toàn diện trẻ em").is_visible()
