"""The sizes of the benchmark data set of `seed_demo --scale N`, in one place (issue 16).

`--scale 1000` is the large federation of the benchmark; every size grows linearly with the scale
(`--scale 100` is a tenth of it: 10,000 people), rounded up so that `--scale 1` has at least one of
everything. Each app's seed reads its sizes here with `size(name, scale)`.

| name               | at --scale 1000 | what                                                  |
|--------------------|-----------------|-------------------------------------------------------|
| people             | 100,000         | "persona…@demo.coop" accounts (password hashed once)  |
| members            | 60,000          | of those people, members, each with a matching profile|
| groups             | 500             | working groups (scale ones: "Soci di …")              |
| threads            | 40,000          | discussions                                           |
| posts              | 200,000         | posts, 5 per discussion                               |
| meetings           | 5,000           | group meetings                                        |
| proposals          | 10,000          | proposals with endorsements, comments and history     |
| calls              | 3,000           | funding calls                                         |
| applications       | 5,000           | applications to those calls                           |
| courses            | 1,000           | courses, two sessions each                            |
| enrolments         | 30,000          | enrolments, 30 per course                             |
| notifications      | 500,000         | notifications, 5 per person                           |
| events             | 10              | matching events (the first holds 300 participants)    |
| registrations      | 3,000           | their registrations                                   |
| practices          | 500             | community practices                                   |
| resources          | 1,000           | toolbox resources                                     |
| assessments        | 2,000           | maturity self-assessments                             |
| spaces             | 100             | shared work spaces                                    |
| bookings           | 20,000          | their bookings                                        |
"""

AT_1000 = {
    "people": 100_000,
    "members": 60_000,
    "groups": 500,
    "threads": 40_000,
    "posts": 200_000,
    "meetings": 5_000,
    "proposals": 10_000,
    "calls": 3_000,
    "applications": 5_000,
    "courses": 1_000,
    "enrolments": 30_000,
    "notifications": 500_000,
    "events": 10,
    "registrations": 3_000,
    "practices": 500,
    "resources": 1_000,
    "assessments": 2_000,
    "spaces": 100,
    "bookings": 20_000,
}


def size(name: str, scale: int) -> int:
    """How many `name` the data set of `--scale scale` holds (0 at scale 0)."""
    if scale <= 0:
        return 0
    return -(-AT_1000[name] * scale // 1000)
