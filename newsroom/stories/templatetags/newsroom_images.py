"""Template tags for stories' lead images (newsroom/stories/images.py)."""

from django import template

from newsroom.stories import images

register = template.Library()


@register.simple_tag
def with_lead_images(stories):
    """{% with_lead_images stories as listed %}: the stories, their lead images and the list's
    renditions read in two queries for the whole list (none when no story has an image)."""
    return images.with_lead_images(stories)
