"""The papers an office signs and sends upward: the letterhead every paper shares
(letterhead.py), the annual report in Word (report.py, document.py, charts.py)."""
