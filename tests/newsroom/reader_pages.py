"""The story the reader-page tests read (conftest.py's `story`): its date, headline and
address."""

import datetime

from django.utils import timezone

STORY_DATE = timezone.make_aware(datetime.datetime(2024, 4, 17, 12, 0))
HEADLINE = "Russian peacekeepers leave Karabakh"
ARTICLE_URL = "/news/peacekeepers-leave-karabakh/"
