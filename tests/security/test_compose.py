"""Issue 9, item 12: compose published gunicorn, which believed any client's X-Forwarded-Proto,
and the database password defaulted to `coop`. Now a reverse proxy (Caddy) is the only published
service and sets the forwarded headers itself; POSTGRES_PASSWORD has no default."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
CADDYFILE = ROOT / "deploy" / "Caddyfile"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def edge_address(service):
    return service["networks"]["edge"]["ipv4_address"]


def test_only_the_proxy_is_published(compose):
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    assert "ports" not in services["web"]
    assert "ports" not in compose["x-portal"]


def test_the_proxy_publishes_https_and_the_mail_page_on_loopback_only(compose):
    ports = compose["services"]["proxy"]["ports"]
    assert "443:443" in ports
    assert all(p.startswith("127.0.0.1:") for p in ports if p.split(":")[-1].startswith("8025"))


def test_gunicorn_listens_on_the_edge_network_and_trusts_the_proxy_alone(compose):
    services = compose["services"]
    shell, flag, script = services["web"]["command"]
    assert (shell, flag) == ("sh", "-c")
    assert "\n" not in script  # one shell line: a line break would end the gunicorn command
    command = " ".join(script.split())
    binds = re.findall(r"--bind (\S+)", command)
    assert binds, command
    assert all(not b.startswith(("0.0.0.0", "[::]", ":")) for b in binds)
    assert f"{edge_address(services['web'])}:8000" in binds
    allowed = re.search(r"--forwarded-allow-ips[ =](\S+)", command).group(1)
    assert allowed.split(",") == [edge_address(services["proxy"])]
    assert "*" not in allowed
    # nothing else sits on the edge network
    on_edge = {name for name, s in services.items() if "edge" in (s.get("networks") or {})}
    assert on_edge == {"proxy", "web"}


def test_the_caddyfile_proxies_to_gunicorn_and_writes_the_forwarded_headers(compose):
    caddy = CADDYFILE.read_text()
    proxy = compose["services"]["proxy"]
    assert any(v.startswith("./deploy/Caddyfile:/etc/caddy/Caddyfile") for v in proxy["volumes"])
    web = compose["services"]["web"]
    assert re.search(rf"reverse_proxy {re.escape(edge_address(web))}:8000\b", caddy)
    assert re.search(r"header_up X-Forwarded-Proto \{scheme\}", caddy)
    assert re.search(r"header_up X-Forwarded-For \{remote_host\}", caddy)
    assert re.search(r"header_up -X-Forwarded-Ssl", caddy)
    # nobody in front of Caddy is believed
    assert not re.search(r"^\s*trusted_proxies", caddy, re.MULTILINE)


def test_production_settings_read_the_header_the_proxy_writes():
    text = (ROOT / "coopportal" / "settings" / "production.py").read_text()
    assert 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")' in text


def test_postgres_password_is_required_and_has_no_default(compose):
    text = COMPOSE.read_text()
    assert not re.search(r"\$\{POSTGRES_PASSWORD:?-", text)
    assert "coop@db" not in text
    required = re.compile(r"^\$\{POSTGRES_PASSWORD:\?[^}]+\}$")
    assert required.match(compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"])
    database_url = compose["x-portal"]["environment"]["DATABASE_URL"]
    assert re.search(r"postgres://coop:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432/", database_url)
    assert compose["services"]["web"]["environment"]["DATABASE_URL"] == database_url


def _compose_command():
    """`docker compose` (v2) or `docker-compose` (v1), whichever is installed; None if neither."""
    candidates = [["docker", "compose"], ["docker-compose"]]
    for command in candidates:
        if not shutil.which(command[0]):
            continue
        probe = subprocess.run([*command, "version"], capture_output=True, check=False)
        if probe.returncode == 0:
            return command
    return None


COMPOSE_COMMAND = _compose_command()


@pytest.mark.skipif(COMPOSE_COMMAND is None, reason="docker compose is not installed")
@pytest.mark.parametrize("password", [None, "una-password-del-database"])
def test_docker_compose_config_requires_the_password(tmp_path, password):
    env = {k: v for k, v in os.environ.items() if k != "POSTGRES_PASSWORD"}
    env["DJANGO_SECRET_KEY"] = "x" * 60
    if password:
        env["POSTGRES_PASSWORD"] = password
    empty_env_file = tmp_path / "empty.env"  # a developer's .env beside the file is not read
    empty_env_file.write_text("")
    result = subprocess.run(
        [*COMPOSE_COMMAND, "-f", str(COMPOSE), "--env-file", str(empty_env_file), "config"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    if password is None:
        assert result.returncode != 0
        assert "POSTGRES_PASSWORD" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    services = config["services"]
    assert {name for name, service in services.items() if service.get("ports")} == {"proxy"}
    assert services["db"]["environment"]["POSTGRES_PASSWORD"] == password
    for name in ("web", "worker", "beat"):
        url = services[name]["environment"]["DATABASE_URL"]
        assert url == f"postgres://coop:{password}@db:5432/coopportal"


def _megabytes(limit):
    return limit / 1024 / 1024


def test_the_proxy_lets_every_upload_the_portal_accepts_reach_it():
    """A file the portal accepts is never cut by the proxy; one it refuses reaches it and gets
    the portal's own message (the proxy's cap is above the largest limit, with room for the
    form around the file, yet bounded)."""
    from django.conf import settings

    from calls.admin_catalogue import ImportRunForm
    from calls.models import ApplicationAttachment, CallDocument
    from community.practices.services import COVER_MAX_BYTES
    from community.toolbox.models import Resource
    from matching.services.profiles import PHOTO_MAX_BYTES
    from spaces.forms import PhotoAdminForm

    limits = [
        ImportRunForm.MAX_BYTES,
        ApplicationAttachment.MAX_BYTES,
        CallDocument.MAX_BYTES,
        Resource.MAX_BYTES,
        PhotoAdminForm.MAX_BYTES,
        COVER_MAX_BYTES,
        PHOTO_MAX_BYTES,
        settings.WORKGROUPS_MAX_UPLOAD_BYTES,
    ]
    cap = re.search(r"request_body\s*\{\s*max_size\s+(\d+)MB", CADDYFILE.read_text())
    assert cap, "the Caddyfile caps the request body"
    largest = _megabytes(max(limits))
    assert largest < int(cap.group(1)) <= largest + 5
