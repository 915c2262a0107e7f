import socket

import pytest

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthz_without_redis_configured(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured"},
    }


def test_healthz_with_the_real_redis(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


def test_healthz_reports_503_when_redis_is_unreachable(client, settings):
    # nothing listens on this port: Redis is "down" without touching the shared server
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "error"
    assert response.json()["status"] == "error"


def test_healthz_reports_503_when_the_database_is_unreachable(client, settings):
    from django.db import connections

    original = connections["default"].settings_dict["PORT"]
    connections["default"].close()
    connections["default"].settings_dict["PORT"] = free_port()
    try:
        response = client.get("/healthz")
    finally:
        connections["default"].close()
        connections["default"].settings_dict["PORT"] = original
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"
