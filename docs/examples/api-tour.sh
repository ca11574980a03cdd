#!/usr/bin/env bash
# A worked example of the daihoi JSON API (docs/api.md), end to end: an
# office registers a plan in its organization's register, gives its
# organization a task from it, cascades the task to the organizations
# directly below, one of them reports progress, and the office reads the
# roll-up. Needs curl and python3 (for reading JSON).
#
#   DAIHOI_URL=http://127.0.0.1:8080 DAIHOI_TOKEN=dh_… ORG=QN.DH.QT docs/examples/api-tour.sh
#
# DAIHOI_TOKEN is an API token (made on the account page, or with
# `daihoi user token LOGIN NAME`) of an office or admin of ORG. Every call
# below is audited under the token's user. CI runs this script against the
# demo (.ci/schemathesis.sh), so it stays true.
set -euo pipefail
url=${DAIHOI_URL:?set DAIHOI_URL, e.g. http://127.0.0.1:8080}
token=${DAIHOI_TOKEN:?set DAIHOI_TOKEN to an API token (dh_…)}
org=${ORG:-QN.DH.QT}

# api METHOD PATH [JSON]: the answer's body; stops with the error envelope
# on any status of 400 or more.
api() {
  local args=(-sS --fail-with-body -X "$1" -H "Authorization: Bearer $token")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data "$3")
  curl "${args[@]}" "$url/api/v1$2"
}
# json EXPRESSION: evaluates a Python expression on the JSON read from stdin (`v`).
json() { python3 -c "import json, sys; v = json.load(sys.stdin); print($1)"; }

today=$(date +%F)
# A number of the register not used before (D-NUM-5: the same issuer, type,
# number and date are registered once).
number="$(( $(date +%s) % 90000 + 10000 ))-KH/ĐU"

# 1. Register the plan in the organization's register.
doc=$(api POST /documents "{\"register\": \"$org\", \"number\": \"$number\", \"issued_on\": \"$today\",
  \"title\": \"Kế hoạch tổ chức đại hội chi bộ nhiệm kỳ 2025-2030\"}" | json 'v["id"]')
echo "registered document $doc: $number"

# 2. Give the organization a task from it.
task=$(api POST /tasks "{\"document\": $doc, \"clause\": \"Mục II.1\", \"org\": \"$org\",
  \"title\": \"Tổ chức đại hội các chi bộ trực thuộc\", \"deadline\": \"$(date -d '+90 days' +%F)\"}" \
  | json 'v["id"]')
echo "task $task given to $org"

# 3. Cascade it to the organizations directly below that the task may go to.
below=$(api GET "/tasks/$task" | json '",".join(json.dumps(c) for c in v["may"]["cascade_to"][:3])')
api POST "/tasks/$task/cascade" "{\"orgs\": [$below]}" >/dev/null
subtasks=$(api GET "/tasks/$task" | json '" ".join(str(t["id"]) for t in v["subtasks"])')
echo "cascaded to [$below]: sub-tasks $subtasks"

# 4. The first organization below reports 60 % (its office would, with its own token).
first=${subtasks%% *}
api POST "/tasks/$first/events" "{\"kind\": \"progress\", \"progress\": 60}" >/dev/null
echo "sub-task $first reported 60 %"

# 5. The roll-up of the task: its sub-tasks' progress, by the rules in force.
# "own" is what the task's organization reported itself; the roll-up is
# computed from the sub-tasks' reports (docs/tracking.md).
api GET "/tasks/$task" | json '"task %s: own progress %s; roll-up %s %% (%s)" % (v["id"],
  "not reported" if v["progress"] is None else "%s %%" % v["progress"],
  (v["rollup"] or {}).get("progress"), (v["rollup"] or {}).get("method"))'
