#!/usr/bin/env bash
# scale.sh: hakeeper and keepalived side by side at 1,000 VRRPv3 instances (docs/benchmarks.md, "1,000
# instances"). As root, after `mvn -q -DskipTests package`:
#
#     benchmarks/scale.sh [TREE]
#
# TREE defaults to distribution/target/hakeeper. Two routers, A (priority 150, the master) and B (100, the
# backup), each in a network namespace of its own, and 4 segments (bridges in a third namespace): 250
# instances on each, one VIP each, all of it in 198.18.0.0/15 (the benchmarking range: nothing leaves the
# machine). For every advert interval (1 s, then 0.1 s) and every daemon (hakeeper, then keepalived), on a
# fresh lab: a capture starts on B's side of every bridge; A starts and takes every VIP; B starts; SETTLE
# seconds later the CPU time of both routers (utime + stime from /proc/PID/stat; keepalived's parent and
# VRRP child summed) is taken over WINDOW seconds. The line printed per run says:
#
#   cpu A/B    CPU over the window, percent of one core
#   rss A/B    VmRSS at the end, MiB (keepalived: parent + VRRP child)
#   sent       adverts A's counters say it sent during the window (all instances)
#   rcvd       adverts B's counters say it received during the window; min/inst: the fewest one
#              instance received (WINDOW / interval when none was lost)
#   wire       A's adverts in the capture during the window
#   drops      packets the kernel dropped during the window on B's raw sockets (/proc/net/raw), + those the
#              capture dropped; (stats N): dropped on B's sockets while the counters were read after the
#              window (hakeeper answers ha-admin stats on its event loop)
#   B adv      adverts B sent, in the whole capture (a backup sends none: anything else is a takeover)
#   B master   instances B's counters say became master (0 = no takeover)
#   garp n/ms  gratuitous ARPs in the capture once A started, and first-to-last in ms
#   masters    A's instances' first adverts once A started, first to last: how long the event loop took to
#              make them all master, which the GARP burst cannot undercut
#   advert->garp  per instance, its first advert to the first GARP for its VIP: median, p90, max (the VIP
#              add and the announcer)
#   stop A     after the window and the captures: SIGTERM to A's main process, then the wall time until
#              every process of A is gone (hakeeper resigns and removes its 1,000 VIPs; keepalived too), and
#              the VIPs A left on its interfaces (0 expected)
#
# Environment: INSTANCES (1000, a multiple of 4), INTERVALS ("1 0.1"), DAEMONS ("hakeeper keepalived"; also
# hakeeper-BACKEND, such as hakeeper-iproute2: hakeeper with vip_backend = "BACKEND", from the same file
# imported as hakeeper.toml; plain hakeeper has the default backend, netlink),
# SETTLE (5), WINDOW (20), GARP_INTERVAL (unset: keepalived's default, no pacing; else vrrp_garp_interval
# and vrrp_gna_interval in seconds for both daemons). Both daemons read the same keepalived.conf, with
# vrrp_garp_master_delay 0 so that the start-up burst is the only set of GARPs. PROFILE=DIR records a JFR
# profile of each hakeeperd over the window into DIR (it costs them some CPU: compare figures without it).
# THREADS=1 also prints, per router, its busiest threads' CPU over the window (from /proc/PID/task/*/stat).
# REBURST=1 also measures a second start-up burst of A, with its code warm (hakeeper's JIT has compiled the
# takeover's path by then; keepalived has none): after the window a reload lowers A's priorities to 50, B
# takes every instance over, B is stopped (SIGSTOP: it neither advertises nor gives the VIPs back), a
# reload restores 150 and A's Master_Down_Interval makes all of them master at once; then B resumes and
# yields. "warm burst" says that burst's GARPs and first adverts as "garp" and "masters" do.
# Everything is removed on exit, also on Ctrl-C (KEEP=1 keeps the last run's logs and captures).
set -euo pipefail

here=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tree=$(cd -- "${1:-$here/distribution/target/hakeeper}" && pwd -P)
instances=${INSTANCES:-1000}
intervals=${INTERVALS:-"1 0.1"}
daemons=${DAEMONS:-"hakeeper keepalived"}
settle=${SETTLE:-5}
window=${WINDOW:-20}
segments=4
per_segment=$((instances / segments))
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 1; }
[ $((per_segment * segments)) -eq "$instances" ] && [ "$per_segment" -le 250 ] \
  || { echo "$0: INSTANCES must be a multiple of 4, at most 1000" >&2; exit 1; }
case " $daemons " in *" hakeeper "* | *" hakeeper-"*)
  [ -x "$tree/bin/hakeeperd" ] || { echo "$0: no assembled tree at $tree: mvn -q -DskipTests package" >&2; exit 1; }
esac
for tool in tcpdump python3 ip; do
  command -v "$tool" > /dev/null || { echo "$0: needs $tool" >&2; exit 1; }
done
case " $daemons " in *" keepalived "*)
  command -v keepalived > /dev/null || { echo "$0: needs keepalived (or DAEMONS=hakeeper)" >&2; exit 1; }
esac
hz=$(getconf CLK_TCK)

prefix=hks$$
ns_br=$prefix-br
ns_a=$prefix-a
ns_b=$prefix-b
work=$(mktemp -d /tmp/hk-scale.XXXXXX)
started=()

stop_all() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${started[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  started=()
}
lab_down() {
  ip netns del "$ns_a" 2> /dev/null || true
  ip netns del "$ns_b" 2> /dev/null || true
  ip netns del "$ns_br" 2> /dev/null || true
}
cleanup() {
  stop_all
  lab_down
  if [ -n "${KEEP:-}" ]; then
    echo "# logs, configurations and captures of the last run: $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lab_up() {
  local s
  ip netns add "$ns_br"
  ip netns add "$ns_a"
  ip netns add "$ns_b"
  for ns in "$ns_br" "$ns_a" "$ns_b"; do ip -n "$ns" link set lo up; done
  for s in $(seq 0 $((segments - 1))); do
    ip -n "$ns_br" link add "br$s" type bridge forward_delay 0 mcast_snooping 0
    ip -n "$ns_br" link set "br$s" up
    for r in a b; do
      local ns=$ns_a octet=1
      [ "$r" = b ] && ns=$ns_b octet=2
      ip -n "$ns_br" link add "p$r$s" type veth peer name "eth$s" netns "$ns"
      ip -n "$ns_br" link set "p$r$s" master "br$s" up
      ip -n "$ns" link set "eth$s" up
      ip -n "$ns" addr add "198.18.$s.$octet/24" dev "eth$s"
    done
  done
}

# write_conf PRIORITY INTERVAL ROUTER_ID: one keepalived.conf, read by both daemons
write_conf() {
  local priority=$1 interval=$2 id=$3 s v
  {
    echo "global_defs {"
    echo "  router_id $id"
    echo "  vrrp_version 3"
    echo "  vrrp_garp_master_delay 0"
    if [ -n "${GARP_INTERVAL:-}" ]; then
      echo "  vrrp_garp_interval $GARP_INTERVAL"
      echo "  vrrp_gna_interval $GARP_INTERVAL"
    fi
    echo "}"
    for s in $(seq 0 $((segments - 1))); do
      for v in $(seq 1 "$per_segment"); do
        echo "vrrp_instance VI_${s}_$v {"
        echo "  state BACKUP"
        echo "  interface eth$s"
        echo "  virtual_router_id $v"
        echo "  priority $priority"
        echo "  advert_int $interval"
        echo "  virtual_ipaddress {"
        echo "    198.18.$s.$((v + 2))/24 dev eth$s"
        echo "  }"
        echo "}"
      done
    done
  }
}

# start_daemon KIND ROUTER(a|b) CONF: prints the pids whose CPU counts (keepalived: parent and VRRP child)
start_daemon() {
  local kind=$1 router=$2 conf=$3 ns=$prefix-$2 pid
  if [ "${kind#hakeeper-}" != "$kind" ]; then
    # the same configuration as hakeeper.toml, with the VIP backend the name gives
    "$tree/bin/ha-admin" import-keepalived "$conf" | sed "/^\[global_defs\]/a vip_backend = \"${kind#hakeeper-}\"" \
      > "$conf.toml"
    conf=$conf.toml
  fi
  if [ "$kind" != keepalived ]; then
    ip netns exec "$ns" "$tree/bin/hakeeperd" -f "$conf" --control-socket "$work/$router.sock" \
      > "$work/$router.log" 2>&1 &
    pid=$!
    started+=("$pid")
    echo "$pid" > "$work/$router.pids"
  else
    rm -f "$work/$router.pid" "$work/$router-vrrp.pid"
    ip netns exec "$ns" keepalived -n -P -G -f "$conf" -p "$work/$router.pid" -r "$work/$router-vrrp.pid" \
      > "$work/$router.log" 2>&1 &
    pid=$!
    started+=("$pid")
    local tries=0
    until [ -s "$work/$router-vrrp.pid" ]; do
      tries=$((tries + 1))
      [ "$tries" -lt 300 ] || { echo "$0: keepalived $router did not start; its log:" >&2; cat "$work/$router.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "$pid $(cat "$work/$router-vrrp.pid")" > "$work/$router.pids"
  fi
}

# wait_answer KIND ROUTER: until hakeeper's control socket answers (keepalived: its VRRP child runs)
wait_answer() {
  local kind=$1 router=$2 tries=0
  [ "$kind" != keepalived ] || return 0
  until "$tree/bin/ha-admin" --socket "$work/$router.sock" status > /dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { echo "$0: hakeeperd $router did not answer; its log:" >&2; cat "$work/$router.log" >&2; exit 1; }
    sleep 0.1
  done
}

# alive ROUTER: whether any of its processes still runs
alive() {
  local pid
  for pid in $(cat "$work/$1.pids"); do
    kill -0 "$pid" 2> /dev/null && return 0
  done
  return 1
}

vips_held() {
  ip -n "$prefix-$1" -4 -o addr show 2> /dev/null | awk '$4 ~ /^198\.18\./ && $4 !~ /\.[12]\/24$/' | wc -l
}

# reload_with_priority KIND ROUTER PRIORITY: the router's instances take PRIORITY, by a reload
reload_with_priority() {
  local kind=$1 router=$2 priority=$3 conf
  for conf in "$work/$router.conf" "$work/$router.conf.toml"; do
    [ -f "$conf" ] && sed -i -E "s/priority( =)? [0-9]+/priority\\1 $priority/" "$conf"
  done
  if [ "$kind" != keepalived ]; then
    "$tree/bin/ha-admin" --socket "$work/$router.sock" reload > /dev/null
  else
    kill -HUP "$(awk '{print $1}' "$work/$router.pids")"
  fi
}

# await_vips ROUTER COUNT: until the router holds COUNT VIPs (60 s at most)
await_vips() {
  local tries=0
  until [ "$(vips_held "$1")" -eq "$2" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 600 ] || { echo "$0: $1 holds $(vips_held "$1") VIPs, not $2, after 60 s" >&2; exit 1; }
    sleep 0.1
  done
}

cpu_ticks() {
  local total=0 pid
  for pid in $(cat "$work/$1.pids"); do
    # fields after the command name, which may hold spaces: utime and stime are the 12th and 13th
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# thread_ticks ROUTER FILE: "TID NAME TICKS" per thread of the router's processes (THREADS=1)
thread_ticks() {
  local pid task
  for pid in $(cat "$work/$1.pids"); do
    for task in /proc/"$pid"/task/*; do
      # the name may hold spaces: take what is between the parentheses, then utime + stime
      sed -E 's/^([0-9]+) \((.*)\) (.*)$/\1 \2\t\3/' "$task/stat" 2> /dev/null |
        awk -F'\t' '{split($2, f, " "); n = $1; sub(/^[0-9]+ /, "", n); gsub(/ /, "_", n);
                      split($1, id, " "); print id[1], n, f[12] + f[13]}'
    done
  done > "$2"
}

# thread_report ROUTER: the threads that took CPU over the window, busiest first
thread_report() {
  python3 - "$work/$1.threads0" "$work/$1.threads1" "$1" "$window" << 'PY'
import os, sys
before, after, router, window = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
hz = os.sysconf("SC_CLK_TCK")
t0 = {l.split()[0]: int(l.split()[2]) for l in open(before) if l.strip()}
rows = []
for line in open(after):
    tid, name, ticks = line.split()
    delta = int(ticks) - t0.get(tid, 0)
    if delta > 0:
        rows.append((delta, name, tid))
rows.sort(reverse=True)
print(f"   threads of {router}: " + ", ".join(f"{n} {d / hz / window * 100:.2f} %" for d, n, _ in rows[:8]))
PY
}

rss_kib() {
  local total=0 pid
  for pid in $(cat "$work/$1.pids"); do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}

# counters KIND ROUTER FILE: per instance "name sent rcvd became_master", one line each
counters() {
  local kind=$1 router=$2 out=$3
  if [ "$kind" != keepalived ]; then
    "$tree/bin/ha-admin" --socket "$work/$router.sock" --json stats | python3 -c '
import json, sys
for i in json.load(sys.stdin)["result"]["instances"]:
    c = i["counters"]
    print(i["name"], c["advert_sent"], c["advert_rcvd"], c["become_master"])' > "$out"
  else
    # keepalived writes its statistics to /tmp/keepalived.stats on SIGUSR2: one router at a time
    rm -f /tmp/keepalived.stats
    kill -USR2 "$(cut -d' ' -f1 "$work/$router.pids")"
    local tries=0 size=-1
    while [ ! -s /tmp/keepalived.stats ] || [ "$(stat -c %s /tmp/keepalived.stats)" != "$size" ]; do
      [ -s /tmp/keepalived.stats ] && size=$(stat -c %s /tmp/keepalived.stats)
      tries=$((tries + 1))
      [ "$tries" -lt 100 ] || { echo "$0: keepalived $router wrote no statistics" >&2; exit 1; }
      sleep 0.2
    done
    python3 -c '
import re, sys
text = open(sys.argv[1]).read()
for block in text.split("VRRP Instance: ")[1:]:
    name = block.split()[0]
    sent = re.search(r"Advertisements:\s*Received:\s*(\d+)\s*Sent:\s*(\d+)", block)
    became = re.search(r"Became master:\s*(\d+)", block)
    print(name, sent.group(2), sent.group(1), became.group(1))' /tmp/keepalived.stats > "$out"
    rm -f /tmp/keepalived.stats
  fi
}

raw_drops() {
  ip netns exec "$prefix-$1" awk 'NR > 1 {total += $NF} END {print total + 0}' /proc/net/raw
}

# one_run KIND INTERVAL: prints the result line
one_run() {
  local kind=$1 interval=$2 s
  lab_up
  write_conf 150 "$interval" rA > "$work/a.conf"
  write_conf 100 "$interval" rB > "$work/b.conf"
  local captures=()
  for s in $(seq 0 $((segments - 1))); do
    ip netns exec "$ns_br" tcpdump -i "pb$s" -n -s 96 -B 65536 -w "$work/cap$s.pcap" 'ip proto 112 or arp' \
      2> "$work/cap$s.err" &
    captures+=("$!")
    started+=("$!")
  done
  sleep 1
  local a_start
  a_start=$(date +%s.%N)
  start_daemon "$kind" a "$work/a.conf"
  local tries=0
  until [ "$(vips_held a)" -eq "$instances" ]; do
    tries=$((tries + 1))
    [ "$tries" -lt 1200 ] || { echo "$0: $kind A holds $(vips_held a) of $instances VIPs after 120 s" >&2; exit 1; }
    sleep 0.1
  done
  wait_answer "$kind" a
  start_daemon "$kind" b "$work/b.conf"
  wait_answer "$kind" b
  sleep "$settle"
  counters "$kind" a "$work/a.0"
  counters "$kind" b "$work/b.0"
  local w0 ca0 cb0 ca1 cb1 w1
  if [ -n "${PROFILE:-}" ] && [ "$kind" != keepalived ]; then
    for r in a b; do
      jcmd "$(cat "$work/$r.pids")" JFR.start name=scale settings=profile duration="${window}s" \
        filename="$PROFILE/$r-$interval.jfr" > /dev/null
    done
  fi
  local drops0
  drops0=$(raw_drops b)
  w0=$(date +%s.%N)
  ca0=$(cpu_ticks a)
  cb0=$(cpu_ticks b)
  if [ -n "${THREADS:-}" ]; then thread_ticks a "$work/a.threads0"; thread_ticks b "$work/b.threads0"; fi
  sleep "$window"
  ca1=$(cpu_ticks a)
  cb1=$(cpu_ticks b)
  if [ -n "${THREADS:-}" ]; then thread_ticks a "$work/a.threads1"; thread_ticks b "$work/b.threads1"; fi
  w1=$(date +%s.%N)
  local drops1
  drops1=$(raw_drops b)
  counters "$kind" a "$work/a.1"
  counters "$kind" b "$work/b.1"
  local rss_a rss_b drops_b held_b drops_stats
  rss_a=$(rss_kib a)
  rss_b=$(rss_kib b)
  drops_b=$((drops1 - drops0))
  drops_stats=$(($(raw_drops b) - drops1))
  held_b=$(vips_held b)
  local reburst0=0 reburst1=0
  if [ -n "${REBURST:-}" ]; then
    reload_with_priority "$kind" a 50
    await_vips b "$instances"
    await_vips a 0
    local pid
    for pid in $(cat "$work/b.pids"); do kill -STOP "$pid"; done
    reburst0=$(date +%s.%N)
    reload_with_priority "$kind" a 150
    await_vips a "$instances"
    sleep 0.5
    reburst1=$(date +%s.%N)
    for pid in $(cat "$work/b.pids"); do kill -CONT "$pid"; done
    await_vips b 0
  fi
  sleep 1
  for pid in "${captures[@]}"; do kill -INT "$pid"; wait "$pid" 2> /dev/null || true; done
  # A stopped after the captures (B takes every instance over then): SIGTERM to its main process, the wall
  # time until every process of it is gone, and the VIPs it left behind (none expected)
  local stop0 stop_ms left_a
  stop0=$(date +%s%N)
  kill -TERM "$(awk '{print $1}' "$work/a.pids")"
  tries=0
  while alive a; do
    tries=$((tries + 1))
    [ "$tries" -lt 6000 ] || { echo "$0: $kind A still runs 30 s after SIGTERM" >&2; exit 1; }
    sleep 0.005
  done
  stop_ms=$((($(date +%s%N) - stop0) / 1000000))
  left_a=$(vips_held a)
  stop_all
  lab_down
  for s in $(seq 0 $((segments - 1))); do
    tcpdump -r "$work/cap$s.pcap" -tt -n 2> /dev/null
  done > "$work/capture.txt"
  python3 - "$work" "$kind" "$interval" "$instances" "$hz" "$window" "$a_start" "$w0" "$w1" \
    "$ca0" "$ca1" "$cb0" "$cb1" "$rss_a" "$rss_b" "$drops_b" "$held_b" "$drops_stats" "$stop_ms" "$left_a" \
    "$reburst0" "$reburst1" << 'EOF'
import glob, re, sys
(work, kind, interval, instances, hz, window, a_start, w0, w1, ca0, ca1, cb0, cb1, rss_a, rss_b, drops_b,
 held_b, drops_stats, stop_ms, left_a, reburst0, reburst1) = sys.argv[1:]
hz, window, instances = int(hz), float(window), int(instances)
a_start, w0, w1 = float(a_start), float(w0), float(w1)
reburst0, reburst1 = float(reburst0), float(reburst1)
# the start-up burst and the window end where a second burst (REBURST) begins: B's takeover is not a fault
first_end = float("inf") if reburst0 == 0 else w1 + 0.5

def load(name):
    rows = {}
    for line in open(f"{work}/{name}"):
        n, sent, rcvd, became = line.split()
        rows[n] = (int(sent), int(rcvd), int(became))
    return rows

a0, a1, b0, b1 = load("a.0"), load("a.1"), load("b.0"), load("b.1")
sent = sum(a1[n][0] - a0[n][0] for n in a1)
rcvd = {n: b1[n][1] - b0[n][1] for n in b1}
b_master = sum(r[2] for r in b1.values())
cap_drops = 0
for err in glob.glob(f"{work}/cap*.err"):
    m = re.search(r"(\d+) packets? dropped by kernel", open(err).read())
    cap_drops += int(m.group(1)) if m else 0
wire = b_adverts = 0
garps = []
first_advert = {}  # A's first advert per instance (segment and VRID), once A started
first_garp = {}  # the first GARP per VIP
warm_garps, warm_adverts = [], {}  # the same for the second burst (REBURST)
for line in open(f"{work}/capture.txt"):
    fields = line.split()
    t = float(fields[0])
    warm = reburst0 <= t < reburst1
    if "VRRP" in line:
        if fields[2].startswith("198.18.") and fields[2].endswith(".2"):
            b_adverts += 1 if t < first_end else 0
        else:
            if w0 <= t < w1:
                wire += 1
            m = re.search(r"vrid (\d+), prio (\d+)", line)
            if t >= a_start and m and int(m.group(2)) > 0:
                key = (fields[2].rsplit(".", 1)[0], int(m.group(1)))
                if t < first_end:
                    first_advert.setdefault(key, t)
                elif warm:
                    warm_adverts.setdefault(key, t)
    elif "ARP" in line and t >= a_start:
        if t < first_end:
            garps.append(t)
            m = re.search(r"who-has (\S+) .*tell (\S+),", line)
            if m and m.group(1) == m.group(2):
                first_garp.setdefault(m.group(1), t)
        elif warm:
            warm_garps.append(t)
garps.sort()
warm_garps.sort()

def spread(times):
    return (max(times) - min(times)) * 1000 if times else 0

burst = spread(garps)
# how the burst divides: the masters' first adverts spread over "masters" ms (the event loop's part), and
# each instance's first GARP follows its first advert by "advert->garp" (the VIP add and the announcer)
starts = sorted(first_advert.values())
masters = spread(starts)
delays = sorted((first_garp[f"{net}.{vrid + 2}"] - t) * 1000 for (net, vrid), t in first_advert.items()
                if f"{net}.{vrid + 2}" in first_garp)
def pct(p):
    return f"{delays[max(0, -(-p * len(delays) // 100) - 1)]:.2f}" if delays else "-"
span = w1 - w0
cpu_a = (int(ca1) - int(ca0)) / hz / span * 100
cpu_b = (int(cb1) - int(cb0)) / hz / span * 100
print(f"{kind:10} {interval:>4} s | cpu A {cpu_a:6.1f} % B {cpu_b:5.1f} % | rss A {int(rss_a) / 1024:5.1f} "
      f"B {int(rss_b) / 1024:5.1f} MiB | sent {sent} rcvd {sum(rcvd.values())} min/inst {min(rcvd.values())} "
      f"(of ~{window / float(interval):.0f}) wire {wire} | drops {drops_b}+{cap_drops} (stats {drops_stats}) "
      f"| B adv {b_adverts} B master {b_master} B vips {held_b} | garp {len(garps)} in {burst:.0f} ms | masters in"
      f" {masters:.0f} ms, advert->garp median {pct(50)} p90 {pct(90)} max {pct(100)} ms | stop A {stop_ms} ms,"
      f" {left_a} VIPs left"
      + (f" | warm burst: garp {len(warm_garps)} in {spread(warm_garps):.0f} ms, masters in"
         f" {spread(list(warm_adverts.values())):.0f} ms" if reburst0 else ""))
EOF
  if [ -n "${THREADS:-}" ]; then thread_report a; thread_report b; fi
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $instances instances," \
     "settle ${settle} s, window ${window} s, ${GARP_INTERVAL:+garp interval $GARP_INTERVAL s}"
for interval in $intervals; do
  for kind in $daemons; do
    one_run "$kind" "$interval"
  done
done
echo "# done, load $(cut -d' ' -f1-3 /proc/loadavg)"
