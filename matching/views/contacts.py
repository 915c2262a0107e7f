from django.http import Http404


def contact_send(request, pk):
    raise Http404


def contact_list(request):
    raise Http404


def contact_move(request, pk, to):
    raise Http404


def block(request, pk):
    raise Http404


def unblock(request, pk):
    raise Http404


def report_profile(request, pk):
    raise Http404


def report_contact(request, pk):
    raise Http404
