#!/usr/bin/env python3
"""Signs in the seeded judges and writes one submission per assignment for bench/submit.lua.

usage: prepare.py BASE_URL ADMIN_TOKEN CONTEST_ID EMAILS_FILE OUT_FILE [MAX_JUDGES]
"""
import json
import sys
import urllib.request


def call(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read())


def main():
    base, admin, contest, emails_file, out = sys.argv[1:6]
    max_judges = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    criteria = [c["id"] for c in call("GET", f"{base}/api/v1/contests/{contest}", admin)["criteria"]]
    emails = [l.split()[1] for l in open(emails_file) if l.startswith("judge ")][:max_judges]
    lines = []
    for n, email in enumerate(emails):
        token = call("POST", f"{base}/api/v1/auth/login", body={"email": email, "password": "juri-seed-2026"})["token"]
        for a in call("GET", f"{base}/api/v1/me/assignments", token):
            if a["contest_id"] != contest:
                continue
            scores = {c: 50 + (n + i) % 50 for i, c in enumerate(criteria)}
            body = json.dumps({"scores": scores, "comment": "", "submit": True}, separators=(",", ":"))
            lines.append(f"{token}\t/api/v1/contests/{contest}/entries/{a['entry_id']}/sheet\t{body}")
    # Interleave judges so concurrent requests come from different judges.
    lines.sort(key=lambda l: l.split("\t")[1][-50:])
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} submissions from {len(emails)} judges", file=sys.stderr)


if __name__ == "__main__":
    main()
