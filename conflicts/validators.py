"""Validators shared by the conflicts models, so the admin, the API and imports agree."""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.forms import URLField as URLFormField
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Schemes that run code or smuggle a document when a reader follows the link.
DANGEROUS_SCHEMES = {"javascript", "data", "vbscript"}
# What a link in rich text may point to, besides relative addresses and #anchors.
RICH_TEXT_LINK_SCHEMES = {"http", "https", "mailto", "tel"}
# Browsers ignore control characters, whitespace and backticks inside a scheme:
# "jav\tascript:" and " JaVaScRiPt:" both run. Strip them before reading the scheme.
_IGNORED_IN_SCHEME = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# "//host/path" (and "/\\host", which browsers read the same) leaves our site for another host
# on whatever scheme the page has: a link elsewhere must say where, with http(s)://.
_PROTOCOL_RELATIVE = re.compile(r"^[/\\]{2}")
# A home page's path: nothing, or a language with its slash ("/en/", "/pt-br/"): no article
# lives there. ("/am" without the slash may be a page about Armenia: it is let through.)
_HOME_PAGE_PATH = re.compile(r"^/?([a-z]{2}(-[a-z]{2,4})?/)?$", re.IGNORECASE)

HTTP_URL_MESSAGE = gettext_lazy("Enter a web address that starts with http:// or https://.")


def url_scheme(url: str) -> str:
    """The scheme a browser would read in url ("" for a relative address), lower case."""
    unescaped = _IGNORED_IN_SCHEME.sub("", html.unescape(str(url)).lower())
    match = _SCHEME.match(unescaped)
    return match.group(1) if match else ""


@deconstructible
class HttpURLValidator:
    """Only http and https addresses; javascript:, data: and vbscript: named as refused."""

    def __init__(self):
        self.url_validator = URLValidator(schemes=["http", "https"], message=HTTP_URL_MESSAGE)

    def __call__(self, value):
        scheme = url_scheme(value)
        if scheme in DANGEROUS_SCHEMES:
            raise ValidationError(
                _("%(requirement)s %(scheme)s: addresses are refused.")
                % {"requirement": HTTP_URL_MESSAGE, "scheme": scheme},
                code="unsafe_scheme",
            )
        self.url_validator(value)

    def __eq__(self, other):
        return isinstance(other, HttpURLValidator)


http_url_validator = HttpURLValidator()


def is_home_page(url: str) -> bool:
    """Whether url is a site's front page (no path but perhaps a language), not an article."""
    parts = urlsplit(str(url or "").strip())
    return bool(parts.netloc) and not parts.query and bool(_HOME_PAGE_PATH.match(parts.path))


def article_url_validator(value):
    """Refuse a publisher's home page where the address of one article is asked for."""
    if is_home_page(value):
        raise ValidationError(
            _(
                "This is a home page, not an article: enter the article's own address, or "
                "leave it blank if it is not known."
            ),
            code="home_page",
        )


wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$",
    message=gettext_lazy(
        "Enter a Wikidata id: the letter Q followed by digits, for example Q193645."
    ),
)


class HttpURLFormField(URLFormField):
    """A form URL field that accepts only http and https addresses."""

    default_validators = [http_url_validator]


class HttpURLField(models.URLField):
    """A URL field that accepts only http and https addresses (no javascript:, data:, ftp:)."""

    default_validators = [http_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": HttpURLFormField, **kwargs})


# Tags that run code, load other documents or restyle the page: never in editors' text.
UNSAFE_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "template",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster"}


class _RichTextProblems(HTMLParser):
    """Collects what makes a piece of rich text unsafe to show, as editors' words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.problems.append(_("remove the <%(tag)s> element") % {"tag": tag})
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(
                    _("remove the %(attribute)s attribute of <%(tag)s>")
                    % {"attribute": name, "tag": tag}
                )
            elif name in URL_ATTRIBUTES and value is not None:
                if _PROTOCOL_RELATIVE.match(_IGNORED_IN_SCHEME.sub("", html.unescape(value))):
                    self.problems.append(
                        _(
                            "links to other sites must say how (https://): "
                            "write the %(link)s link with https:// or remove it"
                        )
                        % {"link": value.strip()}
                    )
                    continue
                scheme = url_scheme(value)
                if scheme and scheme not in RICH_TEXT_LINK_SCHEMES:
                    self.problems.append(
                        _(
                            "links must go to web addresses (http:// or https://): "
                            "remove the %(scheme)s: link"
                        )
                        % {"scheme": scheme}
                    )

    handle_startendtag = handle_starttag


def rich_text_problems(value) -> list[str]:
    """What is unsafe in a rich text value (a string or Wagtail's RichText): [] if nothing."""
    parser = _RichTextProblems()
    parser.feed(str(getattr(value, "source", value) or ""))
    parser.close()
    return list(dict.fromkeys(parser.problems))


def safe_rich_text_validator(value):
    """Refuse rich text with scripts, event handlers, style attributes, javascript:/data:
    links or protocol-relative (//host) links.

    The admin's editor strips these already; this stops them arriving by import, API or code.
    """
    problems = rich_text_problems(value)
    if problems:
        raise ValidationError(
            _("This text holds something that could run in readers' browsers: %(problems)s.")
            % {"problems": "; ".join(problems)},
            code="unsafe_rich_text",
        )
