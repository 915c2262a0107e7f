from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.views import admin_login
from coopportal.core import views as core_views

admin.site.site_header = _("Coop Portal administration")
admin.site.site_title = _("Coop Portal")
admin.site.index_title = _("Moderation and management")
admin.site.login = admin_login  # no password form of its own: allauth's rate limits and 2FA

urlpatterns = [
    path("", include("coopportal.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("coopportal.accounts.urls")),
    path("notifications/", include("coopportal.notifications.urls")),
    path("groups/", include("workgroups.urls")),
    path("calls/", include("calls.urls")),
    path("training/", include("training.urls")),
    path("matching/", include("matching.urls")),
    path("board/", include("coopportal.board.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
