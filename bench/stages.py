#!/usr/bin/env python3
"""A national contest judged in two stages, through the API: seals the desk stage (30,000
entries, 5 sheets each, 10 criteria; the best 10 of each cluster go on), has five judges score
the finalists in the presentation stage, closes it, and times the first (cold) request of the
final ranking, which combines both stages' scores.

usage: stages.py BASE_URL ADMIN_TOKEN SEED_OUTPUT
"""
import json
import sys
import time
import urllib.error
import urllib.request


def call(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as res:
            raw = res.read()
            return res.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def timed(method, url, token, body=None):
    started = time.monotonic()
    status, answer = call(method, url, token, body)
    return time.monotonic() - started, status, answer


def main():
    base, admin, seed_out = sys.argv[1:4]
    api = f"{base}/api/v1"
    lines = open(seed_out).read().split("\n")
    contest = next(l.split()[1] for l in lines if l.startswith("contest "))
    emails = [l.split()[1] for l in lines if l.startswith("judge ")]
    _, stages = call("GET", f"{api}/contests/{contest}/stages", admin)
    desk, talk = stages[0]["id"], stages[1]["id"]

    seconds, status, sealed = timed("POST", f"{api}/contests/{contest}/stages/{desk}/seal", admin, {})
    assert status == 200, sealed
    finalists = [e for c in sealed["shortlist"] for e in c["entry_ids"]]
    print(f"seal the desk stage (30,000 entries, 150,000 sheets)   {seconds:7.3f} s   {len(finalists)} finalists")

    # Five judges score every finalist (a judge refused for a conflict is replaced by the next).
    panel = []
    for entry in finalists:
        placed = 0
        for email in emails:
            if placed == 5:
                break
            judge = email_to_id(api, admin, contest, email)
            status, _ = call("POST", f"{api}/contests/{contest}/stages/{talk}/assignments", admin,
                             {"judge_id": judge, "entry_id": entry})
            if status == 201:
                placed += 1
                if email not in panel:
                    panel.append(email)
    status, body = call("POST", f"{api}/contests/{contest}/phase", admin, {"phase": "judging"})
    assert status == 200, body
    _, rubric = call("GET", f"{api}/contests/{contest}/stages/{talk}/criteria", admin)
    sheets = 0
    for n, email in enumerate(panel):
        _, login = call("POST", f"{api}/auth/login", body={"email": email, "password": "juri-seed-2026"})
        token = login["token"]
        _, mine = call("GET", f"{api}/me/assignments", token)
        for a in mine:
            if a["contest_id"] != contest:
                continue
            scores = {c["id"]: 50 + (n * 7 + i * 11 + sheets) % 51 for i, c in enumerate(rubric)}
            status, body = call("PUT", f"{api}/contests/{contest}/entries/{a['entry_id']}/sheet", token,
                                {"scores": scores, "comment": "", "submit": True})
            assert status == 200, body
            sheets += 1
    status, body = call("POST", f"{api}/contests/{contest}/phase", admin, {"phase": "closed"})
    assert status == 200, body

    seconds, status, results = timed("GET", f"{api}/contests/{contest}/results", admin)
    assert status == 200, results
    rows = [r for c in results["clusters"] for r in c["ranking"]]
    stopped = sum(len(c.get("eliminated") or []) for c in results["clusters"])
    assert all(len(r["stages"]) == 2 for r in rows)
    print(f"final ranking, first (cold) request                      {seconds:7.3f} s   "
          f"{len(rows)} finalists ({sheets} presentation sheets), {stopped} stopped at the desk")
    seconds, status, _ = timed("GET", f"{api}/contests/{contest}/results", admin)
    print(f"final ranking, cached                                    {seconds:7.3f} s")
    seconds, status, _ = timed("GET", f"{api}/contests/{contest}/stages/{desk}/results", admin)
    print(f"sealed desk stage's results (its snapshot)               {seconds:7.3f} s")


_ids = {}


def email_to_id(api, admin, contest, email):
    if not _ids:
        _, judges = call("GET", f"{api}/contests/{contest}/judges", admin)
        _ids.update({j["email"]: j["id"] for j in judges})
    return _ids[email]


if __name__ == "__main__":
    main()
