"""What every read-only endpoint of a public REST API shares (Django REST framework), for the
plugin's API and its host's: neither owns it.

Strict query parameters (an unknown one, or a malformed value, is a 400 that names it:
params.py), cursor pagination in a stable order (pagination.py), filters whose bad values are
400s (filters.py), `fields=` to choose what an answer carries (fields.py), lookup by id or by
slug and public-only viewsets (viewsets.py), the OpenAPI schema's error answers (schema.py),
and cached list answers (cache.py).
Authentication, permissions and throttling are the host's: its REST_FRAMEWORK defaults.
"""
