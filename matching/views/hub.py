from django.shortcuts import render


def index(request):
    """The area's landing page."""
    return render(request, "matching/index.html")
