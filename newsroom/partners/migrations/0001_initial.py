# Partner, PartnerAPIKey and Withdrawal, moved here from the newsroom app (created by
# newsroom 0004, dropped from its state by newsroom 0011). In state only: the tables stay
# newsroom_partner, newsroom_partnerapikey, newsroom_withdrawal and the M2M tables
# newsroom_partner_sections and newsroom_partner_conflicts, rows and all. Their content
# types are renamed in place, so permissions and admin log entries keep pointing at them.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

MOVED_MODELS = ['partner', 'partnerapikey', 'withdrawal']


def rename_content_types(old_label, new_label):
    def rename(apps, schema_editor):
        ContentType = apps.get_model('contenttypes', 'ContentType')
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label=old_label, model__in=MOVED_MODELS
        ).update(app_label=new_label)

    return rename


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('conflicts', '0002_fact_check_task'),
        ('newsroom', '0011_partners_move_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Partner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=255, unique=True)),
                        ('contact_email', models.EmailField(blank=True, max_length=254)),
                        ('active', models.BooleanField(default=True, help_text='Untick to refuse every key of this partner at once.')),
                        ('throttle_rate', models.CharField(blank=True, help_text='Requests allowed, e.g. "5000/hour". Blank: the default (API_DEFAULT_RATE).', max_length=20)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('conflicts', models.ManyToManyField(blank=True, help_text='Limit the partner to these conflicts (none ticked: every conflict).', related_name='+', to='conflicts.conflictexplainerpage')),
                        ('sections', models.ManyToManyField(blank=True, help_text='Limit the partner to stories in these sections (none ticked: every section).', related_name='+', to='newsroom.sectionpage')),
                    ],
                    options={
                        'db_table': 'newsroom_partner',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='PartnerAPIKey',
                    fields=[
                        ('id', models.CharField(editable=False, max_length=150, primary_key=True, serialize=False, unique=True)),
                        ('prefix', models.CharField(editable=False, max_length=8, unique=True)),
                        ('hashed_key', models.CharField(editable=False, max_length=150)),
                        ('created', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('name', models.CharField(default=None, help_text='A free-form name for the API key. Need not be unique. 50 characters max.', max_length=50)),
                        ('revoked', models.BooleanField(blank=True, default=False, help_text='If the API key is revoked, clients cannot use it anymore. (This cannot be undone.)')),
                        ('expiry_date', models.DateTimeField(blank=True, help_text='Once API key expires, clients cannot use it anymore.', null=True, verbose_name='Expires')),
                        ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_keys', to='partners.partner')),
                    ],
                    options={
                        'verbose_name': 'partner API key',
                        'verbose_name_plural': 'partner API keys',
                        'db_table': 'newsroom_partnerapikey',
                        'ordering': ('-created',),
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Withdrawal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('article', 'Article'), ('explainer', 'Explainer'), ('actor', 'Actor'), ('claim', 'Claim')], max_length=20)),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('slug', models.CharField(blank=True, max_length=255)),
                        ('reason', models.CharField(choices=[('unpublished', 'Unpublished'), ('deleted', 'Deleted'), ('private', 'Made private')], max_length=20)),
                        ('withdrawn_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'newsroom_withdrawal',
                        'ordering': ['withdrawn_at', 'id'],
                        'indexes': [models.Index(fields=['kind', 'object_id'], name='newsroom_wi_kind_377d3f_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            rename_content_types('newsroom', 'partners'),
            rename_content_types('partners', 'newsroom'),
        ),
    ]
