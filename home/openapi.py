"""OpenAPI generation hooks: the schema documents the public APIs under /api/ only."""


def public_api_only(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: drop the admin's internal endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
