"""Pages of 20 requests; a client may ask for up to 100 with `page_size`."""

from rest_framework.pagination import PageNumberPagination


class IntakePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
