from django.urls import path

from .views import actions, applications, catalogue, follows

app_name = "calls"

urlpatterns = [
    path("", catalogue.call_list, name="call_list"),
    path("", catalogue.call_list, name="index"),  # the area's address in the navigation
    path("per-me/", follows.calls_for_me, name="calls_for_me"),
    path("seguiti/", follows.my_follows, name="my_follows"),
    path("ricerche/", follows.saved_search_create, name="saved_search_create"),
    path("ricerche/<int:pk>/elimina/", follows.saved_search_delete, name="saved_search_delete"),
    # before the call's page, whose "<slug>" would take these words
    path("<int:pk>/segui/", follows.call_follow, name="call_follow"),
    path("<int:pk>/non-seguire/", follows.call_unfollow, name="call_unfollow"),
    path("<int:pk>/candidatura/", applications.application_create, name="application_create"),
    path("<int:pk>/<slug:slug>/", catalogue.call_detail, name="call_detail"),
    path(
        "<int:pk>/<slug:slug>/documents/<int:document_pk>/",
        catalogue.call_document,
        name="call_document",
    ),
    path("candidature/", applications.application_list, name="application_list"),
    path("candidature/<int:pk>/", applications.application_detail, name="application_detail"),
    path("candidature/<int:pk>/modifica/", applications.application_edit, name="application_edit"),
    path(
        "candidature/<int:pk>/azione/<slug:move>/",
        applications.application_move,
        name="application_move",
    ),
    path("candidature/<int:pk>/budget/", applications.budget_line_add, name="budget_line_add"),
    path(
        "candidature/<int:pk>/budget/<int:line_pk>/elimina/",
        applications.budget_line_remove,
        name="budget_line_remove",
    ),
    path("candidature/<int:pk>/allegati/", applications.attachment_add, name="attachment_add"),
    path(
        "candidature/<int:pk>/allegati/<int:attachment_pk>/",
        applications.attachment_download,
        name="attachment_download",
    ),
    path(
        "candidature/<int:pk>/allegati/<int:attachment_pk>/elimina/",
        applications.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "candidature/<int:pk>/coproponenti/",
        applications.co_applicant_invite,
        name="co_applicant_invite",
    ),
    path(
        "candidature/<int:pk>/invito/<slug:answer>/",
        applications.co_applicant_answer,
        name="co_applicant_answer",
    ),
    path("candidature/<int:pk>/regole/", applications.rules_declare, name="rules_declare"),
    path("revisioni/<int:pk>/", applications.review_detail, name="review_detail"),
    path("inviti-ad-agire/", actions.action_list, name="action_list"),
    path("inviti-ad-agire/<slug:slug>/", actions.action_detail, name="action_detail"),
    path("inviti-ad-agire/<slug:slug>/ritira/", actions.action_withdraw, name="action_withdraw"),
]
