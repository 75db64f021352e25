# Reporting cycles, reports and values arrive with the annual reporting work.
