"""The platform's public pages (privacy notice, terms of use), served under the "core" namespace
by coopportal/web/urls.py together with the shell's pages."""

from django.urls import path

from . import views
from .models import LegalPage

urlpatterns = [
    path("privacy/", views.legal_page, {"kind": LegalPage.Kind.PRIVACY}, name="privacy"),
    path("terms/", views.legal_page, {"kind": LegalPage.Kind.TERMS}, name="terms"),
]
