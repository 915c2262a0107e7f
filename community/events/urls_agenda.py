"""The schedule, the agendas and the outcomes of the matching events (in the community
namespace, under events/)."""

from django.urls import path

from .views import agenda, outcomes

urlpatterns = [
    path("<int:pk>/agenda/", agenda.event_agenda, name="event_agenda"),
    path("<int:pk>/agenda.pdf", agenda.event_agenda_pdf, name="event_agenda_pdf"),
    path("<int:pk>/agenda.ics", agenda.event_agenda_ics, name="event_agenda_ics"),
    path("<int:pk>/schedule/", agenda.event_schedule, name="event_schedule"),
    path("<int:pk>/figures/", agenda.event_figures, name="event_figures"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/outcome/",
        outcomes.event_meeting_outcome,
        name="event_meeting_outcome",
    ),
]
