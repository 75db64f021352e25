"""The summary workbook (Biểu tổng hợp): what the dashboards read, laid out as officers
hand it to the People's Committee (summary.py), written with XlsxWriter (sheets.py)."""
