"""What the assessments app tells the apps after it.

A recognition (or its reversal) changes chỉ tiêu 1 of every plan whose territory holds the
commune. Progress comes later in the apps' order, so it is told by this signal, sent inside
the transaction that changed the verdict, with unit_id (the commune) and year.
"""

from django.dispatch import Signal

recognitions_changed = Signal()
