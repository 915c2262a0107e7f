"""The matching events' pages: the event, registration, catalogue and requests
(urls_catalogue.py), the schedule, agendas and outcomes (urls_agenda.py)."""

from .urls_agenda import urlpatterns as agenda
from .urls_catalogue import urlpatterns as catalogue

urlpatterns = catalogue + agenda
