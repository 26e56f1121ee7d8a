"""Query parameters: only those an endpoint names, each checked, or a 400 that says why."""

import re

from rest_framework import status
from rest_framework.exceptions import APIException

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
ALWAYS_ALLOWED = {"format"}
LIST_PARAMS = {"cursor", "page_size", "ordering"}
MAX_PARAM_LENGTH = 1000  # a cursor is ~100 characters; search words are capped at 200


CURSOR_CHARACTERS = re.compile(r"[A-Za-z0-9+/=_-]+")  # base64, standard or URL-safe
MAX_ID = 2**63 - 1  # PostgreSQL's bigint


def has_control_characters(value: str) -> bool:
    """True if value holds a control character other than tab and line breaks.

    PostgreSQL refuses NUL in text outright, and none of them belong in a query or a name.
    """
    return any(
        (ord(char) < 32 and char not in "\t\n\r") or 127 <= ord(char) < 160 for char in value
    )


def is_id(value: str) -> bool:
    """value is an id the database can hold: ASCII digits, at most a 64-bit integer."""
    return value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID


class InvalidQuery(APIException):
    """A 400 that names each bad query parameter and says why."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_query"

    def __init__(self, errors: dict[str, list[str]]):
        names = ", ".join(sorted(errors))
        super().__init__(
            {"detail": f"Invalid query parameter: {names}.", "parameters": errors},
        )


def check_query_params(request, allowed: set[str]) -> None:
    """Refuse any query parameter not in allowed, one given more than once (which value
    would count is not obvious: `?verdict=false&verdict=true` read only the last), and a
    page size out of range."""
    errors = {
        name: ["Unknown parameter. Allowed: " + ", ".join(sorted(allowed)) + "."]
        for name in request.query_params
        if name not in allowed
    }
    for name, value in request.query_params.items():
        if name not in allowed:
            continue
        given = len(request.query_params.getlist(name))
        if given > 1:
            errors[name] = [f"Given {given} times: give it once."]
        elif not value:
            errors[name] = ["Empty: give a value, or leave the parameter out."]
        elif len(value) > MAX_PARAM_LENGTH:
            errors[name] = [f"Too long: at most {MAX_PARAM_LENGTH} characters."]
        elif has_control_characters(value):
            errors[name] = ["Control characters (such as NUL) are not allowed."]
    if "page_size" in allowed and "page_size" in request.query_params:
        value = request.query_params["page_size"]
        whole = value.isascii() and value.isdigit() and len(value) <= len(str(MAX_PAGE_SIZE))
        if not whole or not 1 <= int(value) <= MAX_PAGE_SIZE:
            errors["page_size"] = [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]
    if errors:
        raise InvalidQuery(errors)
