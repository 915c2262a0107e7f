"""The legal pages in German and French: the fields, and the drafts of
coopportal/core/legal_drafts.py where staff have not written a text of their own."""

from django.db import migrations, models

from coopportal.core.migration_helpers import baseline


@baseline
def drafts(apps, schema_editor):
    from coopportal.core.legal_drafts import PAGES

    LegalPage = apps.get_model("core", "LegalPage")
    for page in LegalPage.objects.filter(kind__in=PAGES):
        texts = PAGES[page.kind]
        for field, text in texts.items():
            if not getattr(page, field):
                setattr(page, field, text)
        page.save(update_fields=list(texts))


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_italian_search'),
    ]

    operations = [
        migrations.AddField(
            model_name='legalpage',
            name='body_de',
            field=models.TextField(blank=True, default='', help_text='Markdown.', verbose_name='text (German)'),
        ),
        migrations.AddField(
            model_name='legalpage',
            name='body_fr',
            field=models.TextField(blank=True, default='', help_text='Markdown.', verbose_name='text (French)'),
        ),
        migrations.AddField(
            model_name='legalpage',
            name='title_de',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='title (German)'),
        ),
        migrations.AddField(
            model_name='legalpage',
            name='title_fr',
            field=models.CharField(blank=True, default='', max_length=200, verbose_name='title (French)'),
        ),
        migrations.RunPython(drafts, migrations.RunPython.noop),
    ]
