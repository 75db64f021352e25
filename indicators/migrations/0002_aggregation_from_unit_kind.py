from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_initial'),
    ]

    # A stored column becomes one the database computes from the unit kind: dropped and
    # added again (a column cannot be altered into a generated one), which also corrects
    # every count that was stored as a ratio.
    operations = [
        migrations.RemoveField(model_name='measure', name='aggregation'),
        migrations.AddField(
            model_name='measure',
            name='aggregation',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(then=models.Value('ratio'), unit_kind__in=['percent', 'per_1000', 'per_100000']), models.When(then=models.Value('sum'), unit_kind__in=['count']), default=models.Value('none')), output_field=models.CharField(choices=[('ratio', 'tổng tử số / tổng mẫu số'), ('sum', 'cộng dồn'), ('none', 'không cộng dồn')], max_length=10, verbose_name='cách tổng hợp'), verbose_name='cách tổng hợp'),
        ),
    ]
