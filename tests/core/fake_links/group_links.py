"""The fake app's links for a group's page: one, naming the group and the viewer."""


def for_group(user, obj):
    viewer = user.email if user.is_authenticated else "visitor"
    return [(f"Fake link for {obj.pk} seen by {viewer}", f"/fake/group/{obj.pk}/")]
