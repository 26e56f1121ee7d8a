"""The site's other languages: Armenian and Russian locales beside English (the default,
made by Wagtail), and editors' right to start a translation ("Translate" in a page's menu,
wagtail.contrib.simple_translation). README, "Languages"."""

from django.db import migrations

NEW_LANGUAGES = ["hy", "ru"]
TRANSLATORS = "Editors"  # the language desks' editors start a page's edition in their language


def add_languages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in NEW_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Django makes permissions after migrating; this one is needed now.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group = Group.objects.filter(name=TRANSLATORS).first()
    if group is not None:
        group.permissions.add(permission)


def remove_languages(apps, schema_editor):
    """Only locales nothing is written in yet go (Wagtail refuses to delete a used one)."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    used = set(Page.objects.values_list("locale__language_code", flat=True))
    Locale.objects.filter(language_code__in=set(NEW_LANGUAGES) - used).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0013_newsroom_images_collection"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_languages, remove_languages)]
