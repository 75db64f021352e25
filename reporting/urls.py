
urlpatterns: list = [
    # Reporting pages (my reports, data entry, review) arrive with the reporting work.
]
