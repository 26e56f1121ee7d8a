"""What readers last saw of a page or snippet that is off the site now (unpublished, or
expired): the content of the revision Wagtail last logged as published."""

from wagtail.log_actions import registry

# The log actions of a revision going live: by an editor, and by the scheduler.
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def last_published_content(instance) -> dict | None:
    """The content of instance's last published revision (one query), or None if it never
    went live with a revision."""
    return (
        registry.get_logs_for_instance(instance)
        .filter(action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .order_by("-timestamp", "-pk")
        .values_list("revision__content", flat=True)
        .first()
    )
