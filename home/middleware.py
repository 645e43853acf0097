"""One log line per request: method, path, status, duration and the X-Request-ID."""

import time

from log_request_id.middleware import RequestIDMiddleware


class RequestLogMiddleware(RequestIDMiddleware):
    """django-log-request-id's middleware, with the request's duration on its log line."""

    def __call__(self, request):
        request._started = time.monotonic()
        return super().__call__(request)

    def get_log_message(self, request, response):
        duration_ms = (time.monotonic() - request._started) * 1000
        return f"{super().get_log_message(request, response)} duration_ms={duration_ms:.1f}"
