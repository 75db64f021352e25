"""A confirmation holds the value it confirmed; history rows say how a change came in."""

from django.db import migrations, models
from django.db.models import F

CHANNELS = [("form", "Biểu mẫu nhập liệu"), ("excel", "Tệp Excel"), ("api", "API"),
            ("admin", "Trang quản trị")]


def confirmed_to_value(apps, schema_editor):
    for name in ("Value", "HistoricalValue"):
        model = apps.get_model("reporting", name)
        model.objects.filter(confirmed=True).update(confirmed_value=F("value"))


def value_to_confirmed(apps, schema_editor):
    for name in ("Value", "HistoricalValue"):
        model = apps.get_model("reporting", name)
        model.objects.filter(confirmed_value=F("value")).update(confirmed=True)


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='value',
            name='confirmed_value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='giá trị đã xác nhận là đúng'),
        ),
        migrations.AddField(
            model_name='historicalvalue',
            name='confirmed_value',
            field=models.DecimalField(blank=True, decimal_places=4, max_digits=18, null=True, verbose_name='giá trị đã xác nhận là đúng'),
        ),
        migrations.RunPython(confirmed_to_value, value_to_confirmed),
        migrations.RemoveField(
            model_name='historicalvalue',
            name='confirmed',
        ),
        migrations.RemoveField(
            model_name='value',
            name='confirmed',
        ),
        # Rows written before the channel was kept: unknown ("").
        migrations.AddField(
            model_name='historicalvalue',
            name='channel',
            field=models.CharField(choices=CHANNELS, default='', max_length=10, verbose_name='nhập qua'),
        ),
        migrations.AlterField(
            model_name='historicalvalue',
            name='channel',
            field=models.CharField(choices=CHANNELS, default='admin', max_length=10, verbose_name='nhập qua'),
        ),
    ]
