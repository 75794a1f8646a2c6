"""The query string a listing's links keep."""


def filter_query(request):
    """The request's query string without ``page``: the filters a listing's pagination and the
    language switcher carry over (a page number belongs to one listing in one language)."""
    if request is None or not request.GET:
        return ""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
