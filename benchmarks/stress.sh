#!/usr/bin/env bash
# stress.sh: a master at advert_int 0.01 s under CPU and memory stress, hakeeper then keepalived in one
# invocation (docs/benchmarks.md, "Under stress"). As root, with tcpdump and stress-ng, after
# `mvn -q -DskipTests package`:
#
#     benchmarks/stress.sh [TREE]
#
# TREE defaults to distribution/target/hakeeper. Two routers, A (priority 150) and B (100), each in a
# network namespace of its own, on one bridge in a third; one VRRPv3 instance at INTERVAL with one VIP,
# both daemons reading the same keepalived.conf with `vrrp_rt_priority RT_PRIORITY` (and of the process
# keywords only those in KEYWORDS). Per daemon: a capture starts on the bridge, A starts and holds the VIP,
# B starts, then `stress-ng --cpu 2 --vm 1 --vm-bytes 512M` runs on the host for DURATION seconds; the
# capture of that window is judged. The line printed per daemon says:
#
#   A adverts   A's adverts in the window, and how many INTERVAL would give
#   jitter      |gap between consecutive adverts of A - INTERVAL|, in ms: median, p99, max (the gap is
#               measured between capture timestamps on the bridge, not from the daemon's own log)
#   late        gaps over 3 x INTERVAL: A silent long enough for B's Master_Down_Interval to run out
#   spurious    B's adverts with priority > 0 while A lives (a backup sends none), and the episodes they
#               form (adverts of B less than 10 intervals apart are one takeover)
#   load        the load average at the end of the window
#
# Environment: DURATION (600), INTERVAL (0.01), RT_PRIORITY (50; empty: the keyword is left out),
# KEYWORDS (more global_defs lines for both daemons, ';' between them, e.g. "vrrp_no_swap"), DAEMONS ("hakeeper keepalived"), STRESS (the stress-ng arguments). Everything is removed on exit, also on
# Ctrl-C (KEEP=1 keeps the logs and captures).
set -euo pipefail

here=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tree=$(cd -- "${1:-$here/distribution/target/hakeeper}" && pwd -P)
duration=${DURATION:-600}
interval=${INTERVAL:-0.01}
rt_priority=${RT_PRIORITY-50}
keywords=${KEYWORDS:-}
daemons=${DAEMONS:-"hakeeper keepalived"}
stress=${STRESS:-"--cpu 2 --vm 1 --vm-bytes 512M"}
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 1; }
for tool in tcpdump stress-ng python3 ip; do
  command -v "$tool" > /dev/null || { echo "$0: needs $tool" >&2; exit 1; }
done
case " $daemons " in *" keepalived "*)
  command -v keepalived > /dev/null || { echo "$0: needs keepalived (or DAEMONS=hakeeper)" >&2; exit 1; }
esac
case " $daemons " in *" hakeeper "*)
  [ -x "$tree/bin/hakeeperd" ] || { echo "$0: no assembled tree at $tree: mvn -q -DskipTests package" >&2; exit 1; }
esac

prefix=hkst$$
work=$(mktemp -d /tmp/hk-stress.XXXXXX)
pids=()

stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  pids=()
}
lab_down() {
  local r
  for r in a b sw; do ip netns del "$prefix-$r" 2> /dev/null || true; done
}
cleanup() {
  stop_all
  lab_down
  if [ -n "${KEEP:-}" ]; then echo "# logs and captures: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

lab_up() {
  local r octet=1
  ip netns add "$prefix-sw"
  ip -n "$prefix-sw" link add br0 type bridge forward_delay 0 mcast_snooping 0
  ip -n "$prefix-sw" link set br0 up
  for r in a b; do
    ip netns add "$prefix-$r"
    ip -n "$prefix-$r" link set lo up
    ip -n "$prefix-sw" link add "p$r" type veth peer name eth0 netns "$prefix-$r"
    ip -n "$prefix-sw" link set "p$r" master br0 up
    ip -n "$prefix-$r" link set eth0 up
    ip -n "$prefix-$r" addr add "198.18.0.$octet/24" dev eth0
    octet=$((octet + 1))
  done
}

# conf PRIORITY: the keepalived.conf both daemons read
conf() {
  cat << EOF
global_defs {
  router_id r$1
  vrrp_version 3
${rt_priority:+  vrrp_rt_priority $rt_priority}
$(tr ';' '\n' <<< "$keywords" | sed 's/^ */  /')
}
vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority $1
  advert_int $interval
  virtual_ipaddress {
    198.18.0.100/24
  }
}
EOF
}

# start KIND ROUTER
start() {
  local kind=$1 router=$2
  if [ "$kind" = keepalived ]; then
    ip netns exec "$prefix-$router" keepalived -n -P -l -f "$work/$router.conf" -p "$work/$router.pid" \
      -r "$work/$router-vrrp.pid" > "$work/$kind-$router.log" 2>&1 &
  else
    ip netns exec "$prefix-$router" "$tree/bin/hakeeperd" -f "$work/$router.conf" \
      --control-socket "$work/$router.sock" > "$work/$kind-$router.log" 2>&1 &
  fi
  pids+=("$!")
}

holds_vip() {
  ip -n "$prefix-$1" -4 -o addr show dev eth0 | grep -q ' 198\.18\.0\.100/'
}

one_run() {
  local kind=$1 tries=0
  lab_up
  conf 150 > "$work/a.conf"
  conf 100 > "$work/b.conf"
  ip netns exec "$prefix-sw" tcpdump -i br0 -n -j host -B 32768 -w "$work/$kind.pcap" 'ip proto 112' \
    2> "$work/$kind-tcpdump.err" &
  local capture=$!
  pids+=("$capture")
  sleep 1
  start "$kind" a
  until holds_vip a; do
    tries=$((tries + 1))
    [ "$tries" -lt 300 ] || { echo "$0: $kind A did not take the VIP; its log:" >&2; cat "$work/$kind-a.log" >&2; exit 1; }
    sleep 0.1
  done
  start "$kind" b
  sleep 5
  local w0 w1 load
  w0=$(date +%s.%N)
  stress-ng $stress --timeout "${duration}s" --quiet > "$work/$kind-stress.log" 2>&1 || true
  w1=$(date +%s.%N)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  sleep 1
  kill -INT "$capture"
  wait "$capture" 2> /dev/null || true
  stop_all
  lab_down
  tcpdump -r "$work/$kind.pcap" -tt -n -v 2> /dev/null > "$work/$kind.txt"
  python3 - "$work/$kind.txt" "$kind" "$interval" "$w0" "$w1" "$load" "$work/$kind-tcpdump.err" << 'EOF'
import re, statistics, sys
text, kind, interval, w0, w1, load, err = sys.argv[1:]
interval, w0, w1 = float(interval), float(w0), float(w1)
a_times, b_adverts = [], []
lines = open(text).read().splitlines()
# tcpdump -v puts the IP header on one line and the VRRP part on the next
for first, second in zip(lines, lines[1:]):
    m = re.match(r"^(\d+\.\d+) IP ", first)
    v = re.match(r"^\s*198\.18\.0\.(\d) > 224\.0\.0\.18: VRRPv3, Advertisement, vrid \d+, prio (\d+)", second)
    if not (m and v):
        continue
    t, sender, prio = float(m.group(1)), v.group(1), int(v.group(2))
    if not w0 <= t <= w1:
        continue
    if sender == "1":
        a_times.append(t)
    elif prio > 0:
        b_adverts.append(t)
gaps = [b - a for a, b in zip(a_times, a_times[1:])]
jitter = sorted(abs(g - interval) * 1000 for g in gaps)
def pct(p):
    return jitter[min(len(jitter) - 1, int(p / 100 * len(jitter)))] if jitter else float("nan")
episodes = sum(1 for i, t in enumerate(b_adverts) if i == 0 or t - b_adverts[i - 1] > 10 * interval)
late = sum(1 for g in gaps if g > 3 * interval)
dropped = re.search(r"(\d+) packets? dropped by kernel", open(err).read())
print(f"{kind:10} | A adverts {len(a_times)} of ~{(w1 - w0) / interval:.0f} | jitter ms median "
      f"{statistics.median(jitter) if jitter else float('nan'):.3f} p99 {pct(99):.3f} max {jitter[-1] if jitter else float('nan'):.3f}"
      f" | late {late} | spurious {len(b_adverts)} adverts, {episodes} episodes | capture drops "
      f"{dropped.group(1) if dropped else '?'} | load {load}")
EOF
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), advert_int $interval s," \
     "${duration} s of stress-ng $stress, vrrp_rt_priority ${rt_priority:-(none)}${keywords:+, $keywords}"
for kind in $daemons; do
  one_run "$kind"
done
echo "# done, load $(cut -d' ' -f1-3 /proc/loadavg)"
