"""What the reporting app tells the apps after it.

Reporting comes before progress in the apps' order, so it never calls the
aggregation itself: it sends this signal inside the transaction that changed
the counted figures, and progress (connected in its AppConfig.ready) marks the
dashboards stale and queues their recompute on commit.
"""

from django.dispatch import Signal

# Sent with plan_id, unit_ids (the reporting units: one for one approval, a province's
# communes for a bulk approval) and measure_ids.
counted_figures_changed = Signal()

# Sent by load_seed_data inside its transaction, once units, catalogue, plans and (with
# demo=True) the reporting demo are in: the apps after reporting load their own seed data
# and demo. Each receiver returns a short summary (a dict) that the command prints.
seed_loaded = Signal()
