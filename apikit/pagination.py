"""Cursor pagination: stable under inserts, in the order the view names for `ordering`."""

from rest_framework.exceptions import APIException
from rest_framework.pagination import Cursor, CursorPagination

from apikit.params import CURSOR_CHARACTERS, MAX_PAGE_SIZE, PAGE_SIZE, InvalidQuery


class CursorPage(CursorPagination):
    """Cursor pagination: stable under inserts, in the order the view names for `ordering`."""

    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Results per page, 1 to {MAX_PAGE_SIZE} (default {PAGE_SIZE})."
    cursor_query_description = "The `next` or `previous` link of the last page you read."

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
            if parameter["name"] == self.cursor_query_param:  # the token we issue, not any text
                parameter["schema"].update(pattern=f"^{CURSOR_CHARACTERS.pattern}$", minLength=1)
        return parameters

    def get_ordering(self, request, queryset, view):
        return view.get_cursor_ordering()

    def decode_cursor(self, request):
        """The cursor given; a 400 for one we did not issue. DRF decodes leniently (base64
        skips stray characters, and "' OR 1=1--" reads as the first page): refuse that too."""
        refused = InvalidQuery(
            {"cursor": ["Not a cursor we issued: follow the next link as given."]}
        )
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not CURSOR_CHARACTERS.fullmatch(encoded):
            raise refused
        try:
            cursor = super().decode_cursor(request)
        except APIException as error:
            raise refused from error
        if encoded is not None and cursor == Cursor(offset=0, reverse=False, position=None):
            raise refused  # every cursor we issue has a position, an offset or a direction
        return cursor
