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
        ('agencies', '0002_access_log'),
        ('childplan', '0002_initial'),
        ('indicators', '0002_aggregation_from_unit_kind'),
        ('progress', '0003_snapshot_parts_units'),
    ]

    operations = [
        migrations.CreateModel(
            name='CommuneStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='năm')),
                ('value', models.DecimalField(decimal_places=4, max_digits=20, verbose_name='giá trị')),
                ('left_out', models.PositiveIntegerField(default=0)),
                ('status', models.CharField(choices=[('achieved', 'Đã đạt'), ('on_track', 'Đúng tiến độ'), ('acceleration_needed', 'Cần đẩy nhanh'), ('limited', 'Tiến bộ hạn chế'), ('deterioration', 'Đi xuống'), ('no_data', 'Chưa có số liệu'), ('no_target', 'Không có mục tiêu')], max_length=20, verbose_name='đánh giá')),
            ],
        ),
        migrations.CreateModel(
            name='TerritoryCommune',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
        ),
        migrations.RemoveIndex(
            model_name='snapshot',
            name='progress_sn_plan_id_a65fb0_idx',
        ),
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
            name='measure',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='snapshots', to='indicators.measure'),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='plan',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='snapshots', to='childplan.plan'),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='status',
            field=models.CharField(blank=True, choices=[('achieved', 'Đã đạt'), ('on_track', 'Đúng tiến độ'), ('acceleration_needed', 'Cần đẩy nhanh'), ('limited', 'Tiến bộ hạn chế'), ('deterioration', 'Đi xuống'), ('no_data', 'Chưa có số liệu'), ('no_target', 'Không có mục tiêu')], max_length=20, verbose_name='đánh giá'),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='target',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='childplan.target'),
        ),
        migrations.AlterField(
            model_name='snapshot',
            name='unit',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='snapshots', to='agencies.adminunit'),
        ),
        migrations.AddField(
            model_name='communestatus',
            name='measure',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='indicators.measure'),
        ),
        migrations.AddField(
            model_name='communestatus',
            name='parent',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit'),
        ),
        migrations.AddField(
            model_name='communestatus',
            name='plan',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='childplan.plan'),
        ),
        migrations.AddField(
            model_name='communestatus',
            name='unit',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit'),
        ),
        migrations.AddField(
            model_name='territorycommune',
            name='commune',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit'),
        ),
        migrations.AddField(
            model_name='territorycommune',
            name='territory',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.adminunit'),
        ),
        migrations.AddIndex(
            model_name='communestatus',
            index=models.Index(fields=['plan', 'parent', 'measure'], name='progress_co_plan_id_d1a6e4_idx'),
        ),
        migrations.AddConstraint(
            model_name='communestatus',
            constraint=models.UniqueConstraint(fields=('plan', 'unit', 'measure'), name='unique_commune_status'),
        ),
        migrations.AddConstraint(
            model_name='territorycommune',
            constraint=models.UniqueConstraint(fields=('territory', 'commune'), name='unique_territory_commune'),
        ),
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
    ]
