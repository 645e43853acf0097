"""OpenAPI generation hooks: the schema documents the public APIs under /api/ only."""


def public_api_only(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: drop the admin's internal endpoints."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


ERROR = {
    "type": "object",
    "description": "An error: a message in the client's language and a stable code.",
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": True,
}
# The APIs of personal data and money, with their tokens, scopes and Idempotency-Keys.
PRIVATE_API_PREFIXES = ("/api/intake/", "/api/funding/")
# Answers any of their operations may give: a malformed request, no or a wrong token, a step
# the caller may not take, an object outside their scope, too many tries.
INTAKE_ERRORS = {
    "400": "Richiesta non valida.",
    "401": "Autenticazione mancante o non valida.",
    "403": "Operazione non consentita.",
    "404": "Non trovato (o fuori dal proprio ambito).",
    "429": "Troppe richieste: riprova più tardi (Retry-After).",
}
# Writes also meet a stale version (409) and a reused Idempotency-Key (422).
INTAKE_WRITE_ERRORS = {
    "409": "Versione non più attuale: rileggi e riprova.",
    "422": "Idempotency-Key già usata per un'altra richiesta.",
}
PUBLIC_ERRORS = {"400": "Parametri non validi.", "404": "Non trovato."}


def document_error_answers(result, generator, request, public):
    """drf-spectacular postprocessing hook: every status an operation can answer is in the
    schema, with the common error shape ({"detail", "code"}), where the view did not
    already describe it."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            if path.startswith(PRIVATE_API_PREFIXES):
                errors = dict(INTAKE_ERRORS)
                if method != "get":
                    errors.update(INTAKE_WRITE_ERRORS)
            else:
                errors = PUBLIC_ERRORS
            responses = operation.setdefault("responses", {})
            for status, description in errors.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result


def blank_emails_allowed(result, generator, request, public):
    """drf-spectacular postprocessing hook: an email the API answers (read-only) may be
    empty when the person gave none; the `email` format would call "" invalid."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for prop in component.get("properties", {}).values():
            if prop.get("format") == "email" and prop.get("readOnly"):
                del prop["format"]
                prop.setdefault("description", "Indirizzo email; vuoto se non indicato.")
    return result
