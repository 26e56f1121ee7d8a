"""The API's partner and key fixtures, shared with tests/api."""

from tests.api.conftest import api, api_key, fresh_throttle, partner  # noqa: F401
