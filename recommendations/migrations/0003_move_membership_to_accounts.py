# Membership (a user's role and bodies) moves to the accounts app, rows and history kept.
#
# Here: its four tables take the names the accounts app gives them (renaming
# Membership's table renames its many-to-many table with it), then the three models
# leave this app's state only. accounts.0002 takes them into its state, on the same
# tables; nothing is copied.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0002_archive_assessments_comments'),
    ]

    operations = [
        # recommendations_membership and recommendations_membership_bodies
        migrations.AlterModelTable(name='membership', table='accounts_membership'),
        migrations.AlterModelTable(
            name='historicalmembership', table='accounts_historicalmembership'
        ),
        migrations.AlterModelTable(
            name='historicalmembership_bodies', table='accounts_historicalmembership_bodies'
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='HistoricalMembership_bodies'),
                migrations.DeleteModel(name='HistoricalMembership'),
                migrations.DeleteModel(name='Membership'),
            ],
        ),
    ]
