"""The showcase of good practices has no Celery task: its notifications go through the portal's
outbox (coopportal.notifications), sent after commit."""
