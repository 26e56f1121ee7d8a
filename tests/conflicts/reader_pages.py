"""What the plugin's reader-page tests share beside conftest.py's Karabakh fixtures: the
explainer's address, the stories' date, and a page's section found by its heading."""

import datetime

from django.utils import timezone

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))
EXPLAINER_URL = "/conflicts/nagorno-karabakh/"


def section_titled(page, heading):
    h2 = page.find("h2", string=heading)
    assert h2 is not None, f"no section {heading!r}"
    return h2.find_parent("section")
