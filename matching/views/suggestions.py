from django.http import Http404


def suggestions(request):
    raise Http404


def partners_call(request, pk):
    raise Http404


def partners_action(request, pk):
    raise Http404
