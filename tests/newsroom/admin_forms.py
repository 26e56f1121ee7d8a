"""Driving the story editor through Django's test client as a browser would: what its form
posts, pressing an action-menu button, the messages the editor then sees."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def edit_form(client, story, body="<p>The guards leave Zvartnots.</p>"):
    """What the story's editor posts as it stands (Wagtail's querydict_from_html, with a
    ticked box posted as "on", as browsers do); the body is posted as Draftail would (a
    StreamField's inputs are made by its script)."""
    html = client.get(edit_url(story)).content.decode()
    data = querydict_from_html(html, "page-edit-form")
    form = BeautifulSoup(html, "html.parser").select_one("#page-edit-form")
    for box in form.select("input[type=checkbox][checked]"):
        if "value" not in box.attrs:
            data.setlist(box["name"], ["on"])
    stream = nested_form_data({"body": streamfield([("paragraph", rich_text(body))])})
    for key, value in stream.items():
        data[key] = value
    return data


def post_action(client, story, **action):
    """Press a button of the story's action menu; the page the editor lands on."""
    data = edit_form(client, story)
    for key, value in action.items():
        data[key] = value
    return client.post(edit_url(story), data, follow=True)


def messages_shown(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(" ", strip=True) for li in page.select(".messages li")]
