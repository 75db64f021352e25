import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def plans_office(apps, schema_editor):
    """Cycles opened before offices had successors stay with the office their plan names."""
    ReportingCycle = apps.get_model("reporting", "ReportingCycle")
    Plan = apps.get_model("childplan", "Plan")
    ReportingCycle.objects.filter(consolidating_agency=None).update(
        consolidating_agency=Subquery(
            Plan.objects.filter(pk=OuterRef("plan_id")).values("consolidating_agency")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('childplan', '0002_initial'),
        ('reporting', '0002_value_confirmed_value_and_channel'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportingcycle',
            name='consolidating_agency',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='consolidated_cycles', to='agencies.agency', verbose_name='cơ quan tổng hợp'),
        ),
        migrations.RunPython(plans_office, migrations.RunPython.noop),
    ]
