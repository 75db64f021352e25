"""Excel in and out: the summary workbook, the report template and its upload."""
