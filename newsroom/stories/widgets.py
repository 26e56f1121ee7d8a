"""The story editor's own widgets: a headline box that grows, and tags that split on commas."""

from types import SimpleNamespace

from taggit.utils import edit_string_for_tags, parse_tags
from wagtail.admin.widgets import AdminAutoHeightTextInput, AdminTagWidget


class HeadlineWidget(AdminAutoHeightTextInput):
    """A text area that grows with a long headline; the headline stays one line (newlines
    typed or pasted become spaces)."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None:
            return value
        return " ".join(line.strip() for line in value.splitlines() if line.strip())


class CommaSplittingTagWidget(AdminTagWidget):
    """Wagtail's tag widget, whose script keeps pasted "Armenia, Russia, border" as one tag and
    quotes it (it holds spaces), so taggit reads one tag: split every posted tag at its
    commas again (a tag name never holds a comma)."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if not value:
            return value
        names = [part.strip() for tag in parse_tags(value) for part in tag.split(",")]
        names = list(dict.fromkeys(name for name in names if name))
        return edit_string_for_tags([SimpleNamespace(name=name) for name in names])
