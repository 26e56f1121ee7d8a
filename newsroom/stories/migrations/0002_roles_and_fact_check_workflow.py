"""Create the newsroom's roles (Reporters, Editors, Fact-checkers) and the fact-check workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsroom.stories import roles


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ContentType = apps.get_model("contenttypes", "ContentType")
    FactCheckTask = apps.get_model("conflicts", "FactCheckTask")

    def perm(app_label, model, codename):
        # Snippets' "publish" permissions are made by Wagtail after migrating: make them here.
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        return permission

    root = Page.objects.filter(depth=1).first()
    groups = {}
    for name in (roles.REPORTERS, roles.FACT_CHECKERS, roles.EDITORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(
            *[perm(*p) for p in roles.ADMIN_ACCESS + roles.SNIPPET_PERMISSIONS[name]]
        )
        if root is not None:
            for codename in roles.PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=perm("wagtailcore", "page", codename)
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="conflicts", model="factchecktask")
    task = FactCheckTask.objects.filter(name=roles.FACT_CHECK_TASK).first()
    if task is None:
        task = FactCheckTask.objects.create(name=roles.FACT_CHECK_TASK, content_type=task_type)
    task.groups.add(groups[roles.FACT_CHECKERS])
    workflow, _ = Workflow.objects.get_or_create(name=roles.FACT_CHECK_WORKFLOW)
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    # Editors sign off last: approving that step publishes, which only they may do.
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    sign_off = GroupApprovalTask.objects.filter(name=roles.EDITOR_SIGN_OFF_TASK).first()
    if sign_off is None:
        approval_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        sign_off = GroupApprovalTask.objects.create(
            name=roles.EDITOR_SIGN_OFF_TASK, content_type=approval_type
        )
    sign_off.groups.add(groups[roles.EDITORS])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=sign_off, defaults={"sort_order": 1}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("conflicts", "0002_fact_check_task"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
