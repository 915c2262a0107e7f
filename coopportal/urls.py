from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from coopportal.accounts import views as accounts_views
from coopportal.core import views as core_views

admin.site.site_header = _("Coop Portal administration")
admin.site.site_title = _("Coop Portal")
admin.site.index_title = _("Moderation and management")
# The admin has no password form of its own: the portal's login (allauth's rate limits, 2FA).
admin.site.login = accounts_views.admin_login

urlpatterns = [
    path("", include("coopportal.web.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # allauth's two-factor pages, keeping where the person was going (same paths and names)
    path("accounts/2fa/totp/activate/", accounts_views.activate_totp, name="mfa_activate_totp"),
    path(
        "accounts/2fa/recovery-codes/",
        accounts_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("me/", include("coopportal.accounts.urls")),
    path("notifications/", include("coopportal.notifications.urls")),
    path("groups/", include("workgroups.urls")),
    path("calls/", include("calls.urls")),
    path("training/", include("training.urls")),
    path("matching/", include("matching.urls")),
    path("community/", include("community.urls")),
    path("spaces/", include("spaces.urls")),
    path("board/", include("board.urls")),
    path("admin/", admin.site.urls),
]

# 400, 404 and 500 are Django's handlers with the portal's templates (templates/400.html, …);
# allauth's rate limits render templates/429.html.
handler403 = "coopportal.web.views.permission_denied"

# the benchmark's baseline (coopportal.settings.bench only; bench/README.md)
if getattr(settings, "BENCH_VIEWS", False):
    from coopportal.core import bench

    urlpatterns.append(path(bench.CEILING_PATH, bench.ceiling))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
