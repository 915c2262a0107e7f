"""The load: Locust, headless, as a library, on loopback. `python bench/load.py PLAN.json OUT.json`.

PLAN (written by bench/full.py): the server's address, the pages (name, persona, method, path),
the sessions of each persona (bench/prepare.py) and the durations. Three phases, one after the
other, against the same server:

1. baselines, saturated: the bare WSGI answer and the same answer through Django's whole
   middleware stack with a logged-in session (the ceiling), each for `burst` seconds with
   `burst_users` simulated users and no think time: requests per second;
2. saturation of each page the same way (requests per second, the ratio to the ceiling); a burst
   goes on (up to 5 × `burst`) until 2 × `burst_users` answers arrived;
3. the mixed load: `users` logged-in people for `duration` seconds, each asking for a page chosen
   at random (every page as often) with an exponentially distributed time between the *starts* of
   its requests (mean `think` seconds). The arrivals do not wait for slow answers (open loop)
   as long as an answer takes less than the time to the next one. Each person's first request
   also comes after such a wait, from the moment they start: 50 people do not all ask at the
   same instant (a burst that, in a run before this, queued the first requests behind one
   another for over a second and made every page's p99 — 1 of its ~80 requests — that burst).

A plan with `mixed_only` (the soak, bench/soak.py) skips the baselines and the saturation.

Response times are kept one by one (no histogram buckets): percentiles are exact. Queries per page
come from the `X-Bench-Queries` header of the bench settings. A GET answers 200, the enrolment POST
redirects (302); anything else, or a failed connection, is an error.
"""

import json
import random
import statistics
import sys
import time
from collections import defaultdict

import gevent
from locust import FastHttpUser, events, task
from locust.env import Environment

CSRF = "benchbenchbenchbenchbenchbench00"  # 32 characters, as a csrftoken cookie holds
QUERIES_HEADER = "X-Bench-Queries"
samples = defaultdict(list)
failures = defaultdict(int)
queries = defaultdict(list)
statuses = defaultdict(lambda: defaultdict(int))


@events.request.add_listener
def record(name, response_time, exception, response=None, **_kwargs):
    samples[name].append(response_time)
    if exception is not None:
        failures[name] += 1
    if response is not None:
        statuses[name][str(getattr(response, "status_code", 0))] += 1
        value = (response.headers or {}).get(QUERIES_HEADER) if response.headers else None
        if value:
            queries[name].append(int(value))


def percentile(values, fraction):
    """Nearest-rank percentile of `values` (sorted here)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


def summarise(seconds):
    out = {}
    for name, times in samples.items():
        out[name] = {
            "requests": len(times),
            "errors": failures.get(name, 0),
            "rps": round(len(times) / seconds, 1) if seconds else None,
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
            "max_ms": round(max(times), 1),
            "queries": int(statistics.median(queries[name])) if queries.get(name) else None,
            "statuses": dict(statuses.get(name, {})),
        }
    return out


def empty():
    """A page no answer of which arrived in time."""
    return {
        "requests": 0,
        "errors": 0,
        "rps": 0.0,
        "p50_ms": None,
        "p95_ms": None,
        "p99_ms": None,
        "max_ms": None,
        "queries": None,
        "statuses": {},
    }


def reset():
    samples.clear()
    failures.clear()
    queries.clear()
    statuses.clear()


class PortalUser(FastHttpUser):
    abstract = True
    plan = None
    serial = 0
    pages = ()  # the pages this class asks for
    think = 0.0  # mean seconds between the starts of two requests (0: none)

    def on_start(self):
        PortalUser.serial += 1
        self.number = PortalUser.serial
        self._next = time.monotonic()
        if self.think:  # the first request after a wait too (see the module): no start burst
            self._next += random.expovariate(1 / self.think)
            gevent.sleep(max(0.0, self._next - time.monotonic()))

    def wait_time(self):
        if not self.think:
            return 0
        self._next += random.expovariate(1 / self.think)
        return max(0.0, self._next - time.monotonic())

    def cookie(self, persona):
        keys = self.plan["sessions"][persona]
        return f"sessionid={keys[self.number % len(keys)]}; csrftoken={CSRF}"

    def ask(self, page):
        self.client.cookiejar.clear()  # the session is the persona's, given in the header
        headers = {"Cookie": self.cookie(page["persona"]), "Accept-Language": "it"}
        expected = 200
        if page["method"] == "POST":
            headers["X-CSRFToken"] = CSRF
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            expected = 302
        with self.client.request(
            page["method"],
            page["path"],
            name=page["name"],
            headers=headers,
            data="" if page["method"] == "POST" else None,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != expected:
                response.failure(f"{response.status_code} instead of {expected}")
            else:
                response.success()

    @task
    def one_page(self):
        self.ask(random.choice(self.pages))


def run(user_class, users, seconds, at_least=0):
    """Run `users` for `seconds`; a saturation burst (`at_least` > 0) goes on, up to five times as
    long, until that many answers arrived, so that a slow page still gets a rate."""
    reset()
    env = Environment(user_classes=[user_class], events=events, host=user_class.plan["host"])
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=min(users * 10, 100))
    started = time.monotonic()
    gevent.sleep(seconds)
    while at_least and time.monotonic() - started < 5 * seconds:
        if sum(len(times) for times in samples.values()) >= at_least:
            break
        gevent.sleep(0.25)
    runner.quit()
    elapsed = time.monotonic() - started
    return summarise(elapsed)


def user_class(plan, pages, think):
    return type("Load", (PortalUser,), {"plan": plan, "pages": pages, "think": think})


def main():
    plan = json.loads(open(sys.argv[1]).read())  # noqa: SIM115
    burst, burst_users = plan["burst"], plan["burst_users"]
    out = {"baselines": {}, "saturation": {}, "mixed": {}}
    baselines = [
        {
            "name": "bare (no middleware)",
            "persona": "member",
            "method": "GET",
            "path": "/__bench/bare",
        },
        {
            "name": "ceiling (middleware, logged in)",
            "persona": "member",
            "method": "GET",
            "path": "/__bench/ceiling",
        },
    ]
    # the soak (bench/soak.py) asks for the mixed load alone, for a long time
    if plan.get("mixed_only"):
        baselines = []
    # warm the workers (imports, template caches, connections) before anything is timed
    if plan["warmup"] > 0:
        run(user_class(plan, plan["pages"], 0), burst_users, plan["warmup"])
    for page in baselines:
        out["baselines"].update(
            run(user_class(plan, [page], 0), burst_users, burst, at_least=2 * burst_users)
        )
        print(f"  {page['name']}: {out['baselines'][page['name']]['rps']} req/s", flush=True)
    if plan["burst"] > 0:
        for page in plan["pages"]:
            out["saturation"].update(
                run(user_class(plan, [page], 0), burst_users, burst, at_least=2 * burst_users)
            )
            row = out["saturation"].setdefault(page["name"], empty())
            print(
                f"  saturated {page['name']}: {row['rps']} req/s, {row['errors']} errors",
                flush=True,
            )
    out["mixed"] = run(
        user_class(plan, plan["pages"], plan["think"]), plan["users"], plan["duration"]
    )
    total = sum(row["requests"] for row in out["mixed"].values())
    # what the users asked for against what the server answered: far below means it was saturated
    # and the users waited (the load was no longer open)
    out["mixed_load"] = {
        "requests": total,
        "seconds": plan["duration"],
        "answered_rps": round(total / plan["duration"], 1),
        "offered_rps": round(plan["users"] / plan["think"], 1) if plan["think"] else None,
    }
    print(f"  mixed: {total} requests in {plan['duration']} s", flush=True)
    open(sys.argv[2], "w").write(json.dumps(out, indent=2))  # noqa: SIM115


if __name__ == "__main__":
    main()
