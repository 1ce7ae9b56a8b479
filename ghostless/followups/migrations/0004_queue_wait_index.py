from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0003_rule_windows"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                fields=["assignee", "state", "waiting_since"], name="followups_f_assigne_975cc8_idx"
            ),
        ),
    ]
