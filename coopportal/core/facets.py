"""The sidebar of a filtered list: per facet, its options as links with their counts, the chosen
one marked, and a link that clears it. Shared by the lists that show facets (funding calls,
courses); each list's selector counts the options (`facet.options`: (value, label, count))."""


def list_link(params, **changes) -> str:
    """`?…` for the list with `changes` (None removes a parameter), back to the first page."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return f"?{query.urlencode()}"


def facet_blocks(params, facets, titles) -> list[dict]:
    """One block per facet named in `titles` ({name: title}, in the order shown)."""
    blocks = []
    for name, title in titles.items():
        chosen = params.get(name, "")
        options = [
            {
                "label": label,
                "count": count,
                "active": value == chosen,
                "url": list_link(params, **{name: value}),
            }
            for value, label, count in facets[name].options
        ]
        clear = list_link(params, **{name: None}) if chosen else ""
        blocks.append({"name": name, "title": title, "options": options, "clear_url": clear})
    return blocks
