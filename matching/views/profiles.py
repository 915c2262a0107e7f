from django.http import Http404


def profile_mine(request):
    raise Http404


def profile_edit(request):
    raise Http404


def profile_detail(request, pk):
    raise Http404


def tag_suggest(request):
    raise Http404


def profile_photo(request, pk):
    raise Http404
