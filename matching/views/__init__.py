from django.shortcuts import render


def index(request):
    """The area's landing page; the area itself arrives with its own issue."""
    return render(request, "matching/index.html")
