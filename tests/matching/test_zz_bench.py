import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from coopportal.accounts.models import Province, Sector
from coopportal.core.search import vector_refresh
from matching.models import Profile

pytestmark = pytest.mark.django_db

def test_bench(member):
    User = type(member)
    now = timezone.now()
    provs = list(Province.objects.values_list("pk", flat=True))
    sectors = list(Sector.objects.values_list("pk", flat=True))
    n = 100000
    t = time.time()
    users = User.objects.bulk_create([User(email=f"b{i}@example.org", first_name=f"Nome{i%977}", last_name=f"Cognome{i}", membership_number=f"B-{i:06d}", member_since=now.date(), membership_verified_at=now, province_id=provs[i % len(provs)]) for i in range(n)], batch_size=5000)
    User.sectors.through.objects.bulk_create([User.sectors.through(user_id=u.pk, sector_id=sectors[i % len(sectors)]) for i, u in enumerate(users)], batch_size=5000)
    words = ["fotovoltaico", "contabilità", "web design", "grafica", "logistica", "pulizie", "ristorazione", "edilizia"]
    Profile.objects.bulk_create([Profile(user=u, display_name=f"{u.first_name} {u.last_name}", presentation=f"Cooperativa di {words[i % 8]} e {words[(i*3) % 8]}", skills_text=f"{words[i % 8]}, {words[(i+1) % 8]}", listed_at=now, kind="enterprise" if i % 3 else "person", open_to_collaboration=bool(i % 2)) for i, u in enumerate(users)], batch_size=5000)
    vector_refresh(Profile.objects.all(), Profile.SEARCH_VECTOR)
    with connection.cursor() as c:
        c.execute("ANALYZE")
    print("setup", time.time() - t)
    c = Client(); c.force_login(member)
    from django.test.utils import CaptureQueriesContext
    for url in ["/matching/directory/", "/matching/directory/?q=fotovoltaico", "/matching/directory/provinces/"]:
        with CaptureQueriesContext(connection) as cq:
            c.get(url)
        for qq in cq.captured_queries:
            print("Q", url, qq["time"], qq["sql"][:300])
        sql = [qq["sql"] for qq in cq.captured_queries if float(qq["time"]) > 0.3]
        with connection.cursor() as cur:
            for s_ in sql:
                cur.execute("EXPLAIN ANALYZE " + s_)
                print("\n".join(r[0] for r in cur.fetchall()))
    return
    from matching.models import ProfileSearch
    from matching.services.searches import search_save, searches_digest_send
    for i in range(20):
        s = search_save(user=users[i], name="x", query=f"q={words[i%8]}")
    ProfileSearch.objects.update(checked_at=now - timezone.timedelta(days=1))
    t = time.time(); print("digest", searches_digest_send(), round(time.time() - t, 3))
