# Coop Portal: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=coopportal.settings.production

# WeasyPrint's libraries (PDF exports) and fonts; gettext for the catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 coop
WORKDIR /app

COPY pyproject.toml README.md ./
COPY coopportal ./coopportal
COPY workgroups ./workgroups
COPY calls ./calls
COPY training ./training
COPY matching ./matching
COPY community ./community
COPY spaces ./spaces
RUN pip install .

COPY . .
# collectstatic needs settings that import: a throwaway key and host for this build step only.
RUN DJANGO_SECRET_KEY=build-only-$(python -c "import secrets; print(secrets.token_hex(32))") \
    DJANGO_ALLOWED_HOSTS=build SITE_URL=http://build DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
    && python manage.py compile_translations \
    && mkdir -p /app/media && chown -R coop /app/media

USER coop
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "coopportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
