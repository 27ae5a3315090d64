#!/bin/bash
# footprint.sh: hakeeperd's memory, start-up and control at scale, beside keepalived's, in one run
# (docs/benchmarks.md, "Daemon memory and start-up"). As root, after `mvn -q -DskipTests package`:
#
#     benchmarks/footprint.sh [--tree TREE] [--instances N] [--runs R] [--minutes M] [--skip PHASES]
#
# TREE defaults to distribution/target/hakeeper, N to 1000, R (start-up runs per case) to 5, M (how long
# the daemons run before the last memory reading) to 10. PHASES is a comma-separated subset of
# startup,control,memory to leave out. Every router is alone in a network namespace of its own, its
# eth0..eth3 the ends of veth pairs whose other ends sit on four bridges in a switch namespace of its own:
# nothing leaves the machine. Instances are VRRPv3 address owners (priority 255, advert_int 1 s), 250 per
# interface, VRIDs 1-250, one VIP each. The VIPs and interface addresses are in the documentation ranges
# 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 and, for the fourth interface, in 198.18.3.0/24 (the
# range RFC 2544 sets aside for benchmarks): four documentation /24s do not hold 1,000 addresses.
#
# What it prints, hakeeper beside keepalived (2.2.7, `keepalived -n -l -P`, VRRP only; vrrp_no_swap off):
# - startup: from exec (a timestamp taken inside the router's namespace just before exec) to the first
#   advert on the wire, read from captures on the bridges (tcpdump --immediate-mode), with 1 owner and
#   to every owner's first advert with N; min / median / max of R runs (a run whose capture dropped
#   packets is left out and counted). And the JVM alone: exec to the
#   end of `java <hakeeperd's memory flags> -version`.
# - control: with N owners running, the wall time of `hakeeperd --check` on the same file, of
#   `ha-admin status`, and of `ha-admin reload` after changing one instance's advert_int (the others are
#   untouched and must keep their state: the script checks that they do not leave MASTER).
# - memory: VmRSS of hakeeperd's java process with 1 and with N instances and of keepalived (parent and
#   VRRP child summed), 1 minute after start and after M minutes, all four running at once; hakeeperd's
#   live heap (after `jcmd PID GC.run`, `GC.heap_info`) at both times; and the JVM's floor, an empty main
#   that sleeps, run with hakeeperd's memory flags and MALLOC_ARENA_MAX=2.
# The namespaces, daemons and the temporary directory are removed on exit, also on Ctrl-C.
set -eu

here=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tree=$here/distribution/target/hakeeper
instances=1000
runs=5
minutes=10
skip=
while [ $# -gt 0 ]; do
  case $1 in
    --tree) tree=$2; shift 2 ;;
    --instances) instances=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --skip) skip=$2; shift 2 ;;
    *) echo "$0: unknown argument $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
done
tree=$(cd -- "$tree" && pwd -P)
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (network namespaces)" >&2; exit 1; }
[ -x "$tree/bin/hakeeperd" ] || { echo "$0: no assembled tree at $tree: run mvn -q -DskipTests package" >&2; exit 1; }
[ "$instances" -le 1000 ] || { echo "$0: at most 1000 instances (250 per interface)" >&2; exit 2; }
for tool in tcpdump keepalived jcmd javac; do
  command -v $tool > /dev/null || { echo "$0: needs $tool" >&2; exit 1; }
done
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

tag=hkfp$$
work=$(mktemp -d /tmp/hk-footprint.XXXXXX)
routers=()
pids=()
cleanup() {
  for pid in "${pids[@]}"; do stop "$pid"; done
  for r in "${routers[@]}"; do ip netns del "$r" 2>/dev/null || true; ip netns del "$r-sw" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load() { cut -d' ' -f1 /proc/loadavg; }
skipped() { case ",$skip," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# lab NAME: namespace NAME with eth0..eth3, on bridges br0..br3 of namespace NAME-sw
lab() {
  local r=$1 i
  routers+=("$r")
  ip netns add "$r"
  ip netns add "$r-sw"
  ip -n "$r" link set lo up
  for i in 0 1 2 3; do
    ip -n "$r-sw" link add br$i type bridge
    ip -n "$r-sw" link set br$i up
    ip -n "$r-sw" link add p$i type veth peer name eth$i netns "$r"
    ip -n "$r-sw" link set p$i master br$i up
    ip -n "$r" link set eth$i up
  done
  ip -n "$r" addr add 192.0.2.254/24 dev eth0
  ip -n "$r" addr add 198.51.100.254/24 dev eth1
  ip -n "$r" addr add 203.0.113.254/24 dev eth2
  ip -n "$r" addr add 198.18.3.254/24 dev eth3
}

net_of() {
  case $1 in 0) echo 192.0.2 ;; 1) echo 198.51.100 ;; 2) echo 203.0.113 ;; 3) echo 198.18.3 ;; esac
}

# hakeeper_conf N SOCKET [SLOW]: N owners; SLOW names the one instance whose advert_int is 2 s
hakeeper_conf() {
  local n=$1 socket=$2 slow=${3:-} i
  printf '[global_defs]\nrouter_id = "bench"\ncontrol_socket = "%s"\n' "$socket"
  for ((i = 1; i <= n; i++)); do
    local ifn=$(((i - 1) / 250)) vrid=$(((i - 1) % 250 + 1)) interval=1
    [ "$i" = "$slow" ] && interval=2
    printf '\n[vrrp_instance.VI_%d]\ninterface = "eth%d"\nversion = 3\nvirtual_router_id = %d\npriority = 255\n' \
      "$i" "$ifn" "$vrid"
    printf 'advert_int = %d\nvirtual_ipaddress = ["%s.%d/24"]\n' "$interval" "$(net_of $ifn)" "$vrid"
  done
}

keepalived_conf() {
  local n=$1 i
  printf 'global_defs {\n  router_id bench\n  vrrp_version 3\n}\n'
  for ((i = 1; i <= n; i++)); do
    local ifn=$(((i - 1) / 250)) vrid=$(((i - 1) % 250 + 1))
    printf 'vrrp_instance VI_%d {\n  state MASTER\n  interface eth%d\n  virtual_router_id %d\n  priority 255\n' \
      "$i" "$ifn" "$vrid"
    printf '  advert_int 1\n  virtual_ipaddress {\n    %s.%d/24\n  }\n}\n' "$(net_of $ifn)" "$vrid"
  done
}

# start ROUTER NAME N: starts hakeeperd or keepalived (NAME) with N owners in ROUTER; sets $started to the
# daemon's pid (`ip netns exec` forks, and does not pass signals on: the shell inside records its own pid,
# which the daemon keeps, since the shell, bin/hakeeperd and libexec/launch.sh each exec the next)
start() {
  local r=$1 name=$2 n=$3 dir=$work/$1
  mkdir -p "$dir"
  if [ "$name" = hakeeper ]; then
    hakeeper_conf "$n" "$dir/control.sock" > "$dir/hakeeper.toml"
    ip netns exec "$r" sh -c 'echo $$ > "$1/pid"; date +%s.%N > "$1/exec"; exec "$2" -f "$1/hakeeper.toml"' sh \
      "$dir" "$tree/bin/hakeeperd" > "$dir/daemon.log" 2>&1 &
  else
    keepalived_conf "$n" > "$dir/keepalived.conf"
    ip netns exec "$r" sh -c 'echo $$ > "$1/pid"; date +%s.%N > "$1/exec"; exec keepalived -n -l -P -f "$1/keepalived.conf" -p "$1/k.pid" -r "$1/v.pid"' \
      sh "$dir" > "$dir/daemon.log" 2>&1 &
  fi
  local tries=0
  until [ -s "$dir/pid" ]; do
    tries=$((tries + 1))
    [ $tries -lt 100 ] || { echo "$0: $name did not start in $r" >&2; exit 1; }
    sleep 0.05
  done
  started=$(cat "$dir/pid")
  pids+=("$started")
}

# stop PID: SIGTERM, then waits (at most 10 s) until it is gone; a process that is not our child included
stop() {
  local tries=0
  kill "$1" 2>/dev/null || return 0
  while kill -0 "$1" 2>/dev/null && [ $tries -lt 200 ]; do
    tries=$((tries + 1))
    sleep 0.05
  done
  wait "$1" 2>/dev/null || true
}

# the java process of a hakeeperd started by start() (ip netns exec and sh exec into it: the same pid)
rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
tree_rss_kib() { # a process and its children (keepalived's VRRP child)
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do total=$((total + $(rss_kib "$pid"))); done
  echo "$total"
}
live_heap_kib() { # after a full collection: the young and old generations' "used"
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub(/K,?/, "", $(i + 1)); s += $(i + 1) } } END { print s }'
}

# min / median / max of the numbers on stdin, to 3 decimals
summary() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "no data"; exit }
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f / %.3f / %.3f", v[1], m, v[NR] }'
}

echo "footprint.sh: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(load), $("$java" -version 2>&1 | tail -n 1)"
echo "tree $tree; $(keepalived --version 2>&1 | head -n 1); $instances instances"

# ---- start-up ------------------------------------------------------------------------------------------
# startup_once NAME N: seconds from exec to the first advert, and to the last instance's first advert
startup_once() {
  local name=$1 n=$2 r=$tag-s i caps=()
  lab "$r"
  for i in 0 1 2 3; do
    # a 32 MiB buffer: 250 first adverts at once overflowed tcpdump's default 2 MiB one on this machine, and
    # a packet the capture drops would read as an advert sent late (a run with kernel drops is reported)
    ip netns exec "$r-sw" tcpdump -i br$i -B 32768 --immediate-mode -n -U -w "$work/cap$i.pcap" 'ip proto 112' \
      2> "$work/cap$i.err" &
    caps+=($!)
    pids+=($!)
  done
  for i in 0 1 2 3; do
    until grep -q listening "$work/cap$i.err"; do sleep 0.05; done
  done
  start "$r" "$name" "$n"
  local daemon=$started deadline=$((SECONDS + 15)) seen=0
  while [ "$seen" -lt "$n" ] && [ $SECONDS -lt $deadline ]; do
    sleep 0.5
    seen=$(for i in 0 1 2 3; do tcpdump -n -r "$work/cap$i.pcap" 2> /dev/null | sed "s/^/eth$i /"; done \
      | grep -o '^eth[0-3] .*vrid [0-9]*' | awk '{ print $1, $NF }' | sort -u | wc -l)
  done
  stop "$daemon"
  sleep 0.2
  for i in "${caps[@]}"; do stop "$i"; done
  local t0 dropped
  t0=$(cat "$work/$r/exec")
  dropped=$(cat "$work"/cap?.err | awk '/dropped by kernel/ { s += $1 } END { print s + 0 }')
  if [ "$dropped" -gt 0 ]; then
    echo "dropped $dropped"
    ip netns del "$r"
    ip netns del "$r-sw"
    rm -rf "${work:?}/$r" "$work"/cap*
    return
  fi
  for i in 0 1 2 3; do tcpdump -tt -n -r "$work/cap$i.pcap" 2> /dev/null | sed "s/^/eth$i /"; done | awk -v t0="$t0" -v n="$n" '
    { match($0, /vrid [0-9]+/); k = $1 substr($0, RSTART, RLENGTH); if (!(k in first)) { first[k] = $2; c++ } }
    END { min = 1e18; max = 0; for (k in first) { if (first[k] < min) min = first[k]; if (first[k] > max) max = first[k] }
          if (c < n) printf "incomplete %d %d\n", c, n; else printf "%.3f %.3f\n", min - t0, max - t0 }'
  ip netns del "$r"
  ip netns del "$r-sw"
  rm -rf "${work:?}/$r" "$work"/cap*
}

if ! skipped startup; then
  echo
  echo "== start-up: exec to first advert on the wire, seconds, min / median / max of $runs runs =="
  for name in hakeeper keepalived; do
    : > "$work/one" ; : > "$work/all"
    for ((run = 1; run <= runs; run++)); do
      # a valid run prints "FIRST LAST" (seconds); any other line says why the run is left out
      startup_once "$name" 1 | awk '/^[0-9]/ { print $1; next } { print }' >> "$work/one"
      startup_once "$name" "$instances" | awk '/^[0-9]/ { print $2; next } { print }' >> "$work/all"
    done
    invalid=$(cat "$work/one" "$work/all" | grep -c 'incomplete\|dropped' || true)
    if [ "$invalid" -gt 0 ]; then
      echo "$name: $invalid runs left out: the capture dropped packets or missed an instance's advert"
    fi
    printf '%-11s 1 owner, first advert:          %s   (load average %s)\n' "$name" \
      "$(grep -v 'incomplete\|dropped' "$work/one" | summary)" "$(load)"
    printf '%-11s %d owners, every first advert: %s\n' "$name" "$instances" \
      "$(grep -v 'incomplete\|dropped' "$work/all" | summary)"
  done
  flags=$(sed -n 's/^HAKEEPER_JVM_FLAGS="\(-X[^"]*\)"$/\1/p' "$tree/bin/hakeeperd" | head -n 1)
  : > "$work/jvm"
  for ((run = 1; run <= runs; run++)); do
    start_ns=$(date +%s%N)
    # shellcheck disable=SC2086
    "$java" $flags -version > /dev/null 2>&1
    echo "$((($(date +%s%N) - start_ns) / 1000))e-6" >> "$work/jvm"
  done
  printf '%-11s java -version with the daemon flags:  %s\n' "JVM alone" "$(summary < "$work/jvm")"
fi

# ---- control at scale ----------------------------------------------------------------------------------
# timed LABEL CMD...: wall time of CMD in seconds
timed() {
  local label=$1 start_ns
  shift
  start_ns=$(date +%s%N)
  "$@" > "$work/timed.out" 2>&1 || { echo "$0: failed: $*" >&2; cat "$work/timed.out" >&2; exit 1; }
  echo "$((($(date +%s%N) - start_ns) / 1000))e-6"
}

if ! skipped control; then
  echo
  echo "== control with $instances owners running: wall time, seconds, min / median / max =="
  r=$tag-c
  lab "$r"
  start "$r" hakeeper "$instances"
  daemon=$started
  socket=$work/$r/control.sock
  tries=0
  until [ "$("$tree/bin/ha-admin" --socket "$socket" status 2> /dev/null | grep -c MASTER)" -ge "$instances" ]; do
    tries=$((tries + 1))
    [ $tries -lt 300 ] || { echo "$0: not every instance became master; the log:" >&2; tail "$work/$r/daemon.log" >&2; exit 1; }
    sleep 0.1
  done
  : > "$work/check"; : > "$work/status"; : > "$work/reload"
  for ((run = 1; run <= runs; run++)); do
    timed check ip netns exec "$r" "$tree/bin/hakeeperd" --check -f "$work/$r/hakeeper.toml" >> "$work/check"
    timed status "$tree/bin/ha-admin" --socket "$socket" status >> "$work/status"
  done
  for ((run = 1; run <= runs; run++)); do
    # one instance's advert_int changes (2 s, then back to 1 s): that one restarts, the others go on
    hakeeper_conf "$instances" "$socket" $((run % 2 ? instances : 0)) > "$work/$r/hakeeper.toml"
    timed reload "$tree/bin/ha-admin" --socket "$socket" reload >> "$work/reload"
    grep -q '"mode": *"instances"\|instances' "$work/timed.out" || { echo "$0: the reload was not instance by instance:" >&2; cat "$work/timed.out" >&2; }
  done
  restarted=$(grep -c 'reload: restarted' "$work/$r/daemon.log" || true)
  printf 'hakeeperd --check:      %s   (load average %s)\n' "$(summary < "$work/check")" "$(load)"
  printf 'ha-admin status:        %s\n' "$(summary < "$work/status")"
  printf 'ha-admin reload:        %s   (%d instance restarts in %d reloads: one per reload expected)\n' \
    "$(summary < "$work/reload")" "$restarted" "$runs"
  stop "$daemon"
  ip netns del "$r"; ip netns del "$r-sw"
fi

# ---- memory --------------------------------------------------------------------------------------------
if ! skipped memory; then
  echo
  echo "== memory: VmRSS in MiB at 1 minute and at $minutes minutes (all running at once) =="
  mkdir -p "$work/floor"
  printf 'public class Floor { public static void main(String[] a) throws Exception { Thread.sleep(Long.MAX_VALUE); } }\n' \
    > "$work/floor/Floor.java"
  javac -d "$work/floor" "$work/floor/Floor.java"
  flags=$(sed -n 's/^HAKEEPER_JVM_FLAGS="\(-X[^"]*\)"$/\1/p' "$tree/bin/hakeeperd" | head -n 1)
  # shellcheck disable=SC2086
  MALLOC_ARENA_MAX=2 "$java" $flags -cp "$work/floor" Floor &
  floor=$!
  pids+=("$floor")
  declare -A daemon
  for case in hakeeper-1 hakeeper-$instances keepalived-1 keepalived-$instances; do
    lab "$tag-${case%%-*}${case##*-}"
    start "$tag-${case%%-*}${case##*-}" "${case%%-*}" "${case##*-}"
    daemon[$case]=$started
  done
  mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }
  report() {
    local at=$1 case
    printf '%-24s %8.1f\n' "JVM floor (empty main)" "$(mib "$(rss_kib $floor)")"
    for case in hakeeper-1 hakeeper-$instances keepalived-1 keepalived-$instances; do
      local pid=${daemon[$case]} rss
      rss=$(tree_rss_kib "$pid")
      if [ "${case%%-*}" = hakeeper ]; then
        printf '%-24s %8.1f   live heap %.1f MiB, %d threads\n' "$case" "$(mib "$rss")" \
          "$(mib "$(live_heap_kib "$pid")")" "$(awk '/^Threads/ { print $2 }' /proc/"$pid"/status)"
      else
        printf '%-24s %8.1f\n' "$case" "$(mib "$rss")"
      fi
    done
    echo "(at $at, load average $(load))"
  }
  sleep 60
  report "1 minute"
  sleep $((minutes * 60 - 60))
  report "$minutes minutes"
fi
