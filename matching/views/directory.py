from django.http import Http404


def directory(request):
    raise Http404


def directory_provinces(request):
    raise Http404


def search_list(request):
    raise Http404


def search_save(request):
    raise Http404


def search_delete(request, pk):
    raise Http404
