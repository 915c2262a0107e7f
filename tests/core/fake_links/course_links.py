"""The fake app's links for a course's page: one, naming the course and the viewer."""


def for_course(user, obj):
    viewer = user.email if user.is_authenticated else "visitor"
    return [(f"Fake link for {obj.pk} seen by {viewer}", f"/fake/course/{obj.pk}/")]
