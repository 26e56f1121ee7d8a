"""The site's URLs and its media, for the live server: tests keep uploads in Django's
InMemoryStorage, which no web server can serve, so the reader tests see the images a
reader would (the demo's lead image and its renditions)."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def media(request, name):
    if not default_storage.exists(name):
        raise Http404(name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(name), content_type=content_type)


urlpatterns = [path("media/<path:name>", media), *site_urlpatterns]
