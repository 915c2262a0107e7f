"""Participation figures of the board area (see coopportal/board/urls.py)."""

urlpatterns = []
