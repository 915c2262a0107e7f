"""The fake app's links for a call's page: one, naming the call and the viewer."""


def for_call(user, obj):
    viewer = user.email if user.is_authenticated else "visitor"
    return [(f"Fake link for {obj.pk} seen by {viewer}", f"/fake/call/{obj.pk}/")]
