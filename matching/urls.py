from django.urls import path

from .views import contacts, directory, hub, profiles, suggestions

app_name = "matching"

urlpatterns = [
    path("", hub.index, name="index"),
    # profiles
    path("profile/", profiles.profile_mine, name="profile_mine"),
    path("profile/edit/", profiles.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/", profiles.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/photo/", profiles.profile_photo, name="profile_photo"),
    path("tags/suggest/", profiles.tag_suggest, name="tag_suggest"),
    # directory and saved searches
    path("directory/", directory.directory, name="directory"),
    path("directory/provinces/", directory.directory_provinces, name="directory_provinces"),
    path("searches/", directory.search_list, name="search_list"),
    path("searches/save/", directory.search_save, name="search_save"),
    path("searches/<int:pk>/delete/", directory.search_delete, name="search_delete"),
    # suggestions and the partner finder
    path("suggestions/", suggestions.suggestions, name="suggestions"),
    path("partners/call/<int:pk>/", suggestions.partners_call, name="partners_call"),
    path("partners/action/<int:pk>/", suggestions.partners_action, name="partners_action"),
    # contact requests, blocks, reports
    path("profiles/<int:pk>/contact/", contacts.contact_send, name="contact_send"),
    path("contacts/", contacts.contact_list, name="contact_list"),
    # before the moves: "report" would otherwise be read as a status
    path("contacts/<int:pk>/report/", contacts.report_contact, name="report_contact"),
    path("contacts/<int:pk>/<slug:to>/", contacts.contact_move, name="contact_move"),
    path("profiles/<int:pk>/block/", contacts.block, name="block"),
    path("profiles/<int:pk>/unblock/", contacts.unblock, name="unblock"),
    path("profiles/<int:pk>/report/", contacts.report_profile, name="report_profile"),
]
