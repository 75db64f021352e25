import django.db.models.deletion
from django.db import migrations, models


def mark_latest(apps, schema_editor):
    """Snapshots written before keep their statuses: their last year with a value is the
    row the dashboards show. Commune statuses come with the next recompute."""
    Snapshot = apps.get_model("progress", "Snapshot")
    last = (Snapshot.objects.filter(plan=models.OuterRef("plan"), unit=models.OuterRef("unit"),
                                    measure=models.OuterRef("measure"), value__isnull=False)
            .order_by("-year").values("pk")[:1])
    Snapshot.objects.filter(pk=models.Subquery(last)).update(latest=True)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('childplan', '0002_initial'),
        ('indicators', '0002_aggregation_from_unit_kind'),
        ('progress', '0003_snapshot_parts_units'),
    ]

    operations = [
        migrations.AddField(
            model_name='snapshot',
            name='latest',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='snapshot',
            name='left_out',
            field=models.PositiveIntegerField(default=0, verbose_name='đơn vị chưa tính'),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='status',
            field=models.CharField(blank=True, choices=[('achieved', 'Đã đạt'), ('on_track', 'Đúng tiến độ'), ('acceleration_needed', 'Cần đẩy nhanh'), ('limited', 'Tiến bộ hạn chế'), ('deterioration', 'Đi xuống'), ('no_data', 'Chưa có số liệu'), ('no_target', 'Không có mục tiêu')], max_length=20, verbose_name='đánh giá'),
        ),
        migrations.CreateModel(
            name='CommuneStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('value', models.DecimalField(decimal_places=4, max_digits=20, verbose_name='giá trị')),
                ('left_out', models.PositiveIntegerField(default=0)),
                ('status', models.CharField(choices=[('achieved', 'Đã đạt'), ('on_track', 'Đúng tiến độ'), ('acceleration_needed', 'Cần đẩy nhanh'), ('limited', 'Tiến bộ hạn chế'), ('deterioration', 'Đi xuống'), ('no_data', 'Chưa có số liệu'), ('no_target', 'Không có mục tiêu')], max_length=20, verbose_name='đánh giá')),
                ('measure', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='indicators.measure')),
                ('parent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit')),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='childplan.plan')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit')),
            ],
            options={
                'indexes': [models.Index(fields=['plan', 'parent', 'measure'], name='progress_co_plan_id_d1a6e4_idx')],
                'constraints': [models.UniqueConstraint(fields=('plan', 'unit', 'measure'), name='unique_commune_status')],
            },
        ),
        migrations.CreateModel(
            name='TerritoryCommune',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('commune', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit')),
                ('territory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('territory', 'commune'), name='unique_territory_commune')],
            },
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
    ]
