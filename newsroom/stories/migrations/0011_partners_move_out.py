# Partner, PartnerAPIKey and Withdrawal move to the partners app (partners 0001), in state
# only: their tables keep their names (each model's db_table) and their rows.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('newsroom', '0010_search_index_new_entries'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='PartnerAPIKey'),
                migrations.DeleteModel(name='Withdrawal'),
                migrations.DeleteModel(name='Partner'),
            ],
            database_operations=[],
        ),
    ]
