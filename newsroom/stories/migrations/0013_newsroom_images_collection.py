"""Create the "Newsroom images" collection and give each role its image permissions on it.

Wagtail checks image permissions per collection (GroupCollectionPermission) only, so the
model permissions the roles once had let a reporter open the upload form and then refused
the upload. Reporters now add and choose images in this collection, fact-checkers choose,
editors also change (roles.IMAGE_PERMISSIONS).
"""

from django.db import migrations

from newsroom.stories import roles

STEP = 4  # Collection's treebeard path: four base-36 characters per level
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def next_child_path(parent, children) -> str:
    """The path of a new last child of parent (the historical model has no add_child)."""
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = 0 if last is None else int(last[-STEP:], 36) + 1
    step = ""
    for _ in range(STEP):
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step


def create_image_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:  # no tree yet (a flushed test database): nothing to hang it on
        return
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    collection = children.filter(name=roles.IMAGE_COLLECTION).first()
    if collection is None:
        collection = Collection.objects.create(
            name=roles.IMAGE_COLLECTION,
            path=next_child_path(root, children),
            depth=2,
            numchild=0,
        )
        root.numchild = Collection.objects.filter(depth=2, path__startswith=root.path).count()
        root.save(update_fields=["numchild"])

    image_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    for group_name, codenames in roles.IMAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission, _ = Permission.objects.get_or_create(
                content_type=image_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0012_article_context_updated_at"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_image_collection, migrations.RunPython.noop)]
