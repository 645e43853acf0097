"""Every request leaves one log line and carries an X-Request-ID."""

import logging


def test_response_echoes_the_callers_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")
    assert response["X-Request-ID"] == "abc-123"


def test_response_gets_a_fresh_request_id_when_none_is_sent(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_one_log_line_per_request_with_method_path_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="log_request_id.middleware"):
        client.get("/healthz")
    lines = [r.getMessage() for r in caplog.records if r.name == "log_request_id.middleware"]
    assert len(lines) == 1
    assert lines[0].startswith("method=GET path=/healthz status=200")
    assert "duration_ms=" in lines[0]


def test_the_log_line_carries_no_personal_values(client, home_page, caplog):
    with caplog.at_level(logging.INFO, logger="log_request_id.middleware"):
        client.get("/account/password/MTIz/abc-secret-token/")
        client.get("/cerca/?q=ROSSI+MARIO+RSSMRA80A01L319X")
    lines = " ".join(
        r.getMessage() for r in caplog.records if r.name == "log_request_id.middleware"
    )
    assert "abc-secret-token" not in lines and "MTIz" not in lines
    assert "RSSMRA" not in lines and "ROSSI" not in lines
    assert "path=/account/password/…/…/" in lines
