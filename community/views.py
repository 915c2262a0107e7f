"""The community's home: its three parts, open to everyone (each part checks its own roles)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def index(request):
    return render(request, "community/index.html")
