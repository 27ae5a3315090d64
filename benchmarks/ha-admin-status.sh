#!/bin/sh
# ha-admin-status.sh: the wall time of `ha-admin status` against a running hakeeperd (docs/benchmarks.md,
# "`ha-admin status` wall time"). As root, after `mvn -q -DskipTests package`:
#
#     benchmarks/ha-admin-status.sh [TREE [RUNS]]
#
# TREE defaults to distribution/target/hakeeper, RUNS to 20. It starts one hakeeperd with two instances in
# a network namespace of its own (eth0 the end of a veth pair, 192.0.2.10/24: nothing leaves the machine),
# waits until it answers, then times RUNS runs of each command below with `date +%s%N` before and after,
# and prints min / median / max per command (median of an even count: the mean of the two middle runs)
# with the load average, which says whether the figures measured ha-admin or the machine. The namespace,
# the daemon and the temporary directory are removed on exit, also on Ctrl-C. ha-admin runs as installed:
# if its class data sharing archive (lib/ha-admin.jsa) does not fit, the wait for the daemon makes it again
# before anything is timed; the first line says whether ha-admin's classes come from it.
set -eu

here=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tree=$(cd -- "${1:-$here/distribution/target/hakeeper}" && pwd -P)
runs=${2:-20}
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (network namespace)" >&2; exit 1; }
[ -x "$tree/bin/ha-admin" ] || { echo "$0: no assembled tree at $tree: run mvn -q -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

ns=hkbench-$$
work=$(mktemp -d /tmp/hk-bench.XXXXXX)
socket=$work/control.sock
daemon=
cleanup() {
  if [ -n "$daemon" ]; then
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
  fi
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$ns"
ip -n "$ns" link set lo up
# a veth pair with both ends inside: the kernel may lack the dummy driver, never veth
ip -n "$ns" link add eth0 type veth peer name eth0-peer
ip -n "$ns" link set eth0-peer up
ip -n "$ns" link set eth0 up
ip -n "$ns" addr add 192.0.2.10/24 dev eth0

cat > "$work/hakeeper.toml" <<EOF
[global_defs]
router_id = "bench"
control_socket = "$socket"

[vrrp_instance.VI_1]
state = "BACKUP"
interface = "eth0"
virtual_router_id = 51
priority = 100
advert_int = 1
virtual_ipaddress = ["192.0.2.50/24"]

[vrrp_instance.VI_2]
state = "BACKUP"
interface = "eth0"
virtual_router_id = 52
priority = 120
advert_int = 1
virtual_ipaddress = ["192.0.2.51/24", "192.0.2.52/24"]
EOF

ip netns exec "$ns" "$tree/bin/hakeeperd" -f "$work/hakeeper.toml" > "$work/hakeeperd.log" 2>&1 &
daemon=$!
tries=0
until "$tree/bin/ha-admin" --socket "$socket" status > /dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 100 ] || ! kill -0 "$daemon" 2>/dev/null; then
    echo "$0: hakeeperd did not answer on $socket; its log:" >&2
    cat "$work/hakeeperd.log" >&2
    exit 1
  fi
  sleep 0.1
done

# Prints "LABEL: min / median / max ms (N runs), load average L" for RUNS runs of the command "$@".
measure() {
  label=$1
  shift
  : > "$work/times"
  i=0
  while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || { echo "$0: failed: $*" >&2; "$@" > /dev/null; exit 1; }
    end=$(date +%s%N)
    echo $(((end - start) / 1000)) >> "$work/times"
    i=$((i + 1))
  done
  load=$(cut -d' ' -f1 /proc/loadavg)
  sort -n "$work/times" | awk -v label="$label" -v loadavg="$load" '
    { t[NR] = $1 }
    END {
      median = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-40s %4.0f / %4.0f / %4.0f ms  (min / median / max of %d runs; load average %s)\n",
             label ":", t[1] / 1000, median / 1000, t[NR] / 1000, NR, loadavg
    }'
}

if HAKEEPER_JAVA_OPTS=-Xlog:class+load "$tree/bin/ha-admin" --version | grep 'HaAdminMain source: shared objects' > /dev/null; then
  cds="classes from lib/ha-admin.jsa"
else
  cds="lib/ha-admin.jsa NOT in use"
fi
echo "$("$java" -version 2>&1 | tail -n 1); $(nproc) cores; tree $tree; $cds"
measure "ha-admin status" "$tree/bin/ha-admin" --socket "$socket" status
measure "ha-admin --version (no socket)" "$tree/bin/ha-admin" --version
measure "java -version (the JVM alone)" "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version
