"""Resources of the toolbox in any state, straight through the ORM (with their search vector)."""

import itertools

from django.core.files.base import ContentFile
from django.utils import timezone

from community.toolbox.models import Resource, ResourceStatus, ResourceTag
from community.toolbox.services import resource_text_refresh

_numbers = itertools.count(1)


def resource_make(*, status=ResourceStatus.PUBLISHED, tags=(), courses=(), groups=(), calls=(),
                  **fields) -> Resource:  # fmt: skip
    n = next(_numbers)
    values = {
        "title": f"Risorsa utile {n}",
        "summary": "Una risorsa utile alle cooperative.",
        "kind": "guide",
        "area": "digital",
        "url": f"https://risorse.example.org/{n}",
        "status": status,
        **fields,
    }
    if status == ResourceStatus.PUBLISHED and "published_at" not in values:
        values["published_at"] = timezone.now()
    if status == ResourceStatus.REJECTED:
        values.setdefault("rejection_reason", "Fuori tema.")
        values.setdefault("rejected_at", timezone.now())
    upload = values.pop("upload", None)  # (name, bytes): a kept file instead of the link
    resource = Resource(**values)
    if upload is not None:
        resource.url = ""
        resource.file.save(upload[0], ContentFile(upload[1]), save=False)
        resource.content_type = values.get("content_type", "application/pdf")
    resource.save()
    for name in tags:
        tag, _ = ResourceTag.objects.get_or_create(
            slug=name.replace(" ", "-"), defaults={"name": name}
        )
        resource.tags.add(tag)
    resource.courses.set(courses)
    resource.groups.set(groups)
    resource.calls.set(calls)
    resource_text_refresh([resource.pk])
    return resource
