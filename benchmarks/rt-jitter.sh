#!/bin/bash
# rt-jitter.sh: what vrrp_rt_priority does for a master's advert timing under CPU load, hakeeperd without
# and with it, side by side in one run (docs/benchmarks.md, "Realtime priority under load"). As root, after
# `mvn -q -DskipTests package`:
#
#     benchmarks/rt-jitter.sh [--tree TREE] [--seconds S] [--cpu N]
#
# TREE defaults to distribution/target/hakeeper, S (capture per case) to 30, N (the CPU both the daemon and
# the load are pinned to) to the last online CPU. One hakeeperd, the only router of a VRRPv3 instance with
# advert_int 0.01 s (so master at once), alone in a network namespace whose eth0 is a veth on a bridge in a
# switch namespace; nothing leaves the machine. Each case: the daemon starts with vrrp_cpu_affinity = [N]
# (and, in the second case, vrrp_rt_priority = 50), runs 3 s, then `stress-ng --cpu 2 --vm 1 --vm-bytes
# 128M` pinned to CPU N by taskset competes with it for that CPU while tcpdump captures the adverts on the
# bridge for S seconds. Only CPU N is loaded, so that other work on the machine keeps the other CPUs.
#
# What it prints per case: the adverts captured, and the jitter of the master, |gap between consecutive
# adverts - 10 ms| from the capture's timestamps (the bridge's view, not the daemon's log), at the median,
# p99 and max, in ms; and the longest gap. The namespaces, daemons and the temporary directory are removed
# on exit, also on Ctrl-C.
set -eu

here=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tree=$here/distribution/target/hakeeper
seconds=30
cpu=$(awk -F'[-,]' '{print $NF}' /sys/devices/system/cpu/online)
while [ $# -gt 0 ]; do
  case $1 in
    --tree) tree=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --cpu) cpu=$2; shift 2 ;;
    *) echo "usage: $0 [--tree TREE] [--seconds S] [--cpu N]" >&2; exit 2 ;;
  esac
done
for tool in ip tcpdump tshark stress-ng taskset python3; do
  command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 1; }
done

tag=hkrtj$$
sw=$tag-sw
node=$tag-n1
work=$(mktemp -d)
cleanup() {
  for ns in "$node" "$sw"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$sw"
ip netns add "$node"
ip -n "$sw" link add br0 type bridge
ip -n "$sw" link set br0 up
ip -n "$sw" link add p1 type veth peer name eth0 netns "$node"
ip -n "$sw" link set p1 master br0 up
ip -n "$node" link set lo up
ip -n "$node" link set eth0 up
ip -n "$node" addr add 192.0.2.1/24 dev eth0

run_case() {
  local name=$1 keys=$2
  cat > "$work/$name.toml" <<EOF
[global_defs]
control_socket = "$work/$name.sock"
vrrp_garp_master_delay = 0
vrrp_cpu_affinity = [$cpu]
$keys

[vrrp_instance.VI_1]
interface = "eth0"
version = 3
virtual_router_id = 99
priority = 150
advert_int = 0.01
virtual_ipaddress = ["192.0.2.99/24"]
EOF
  ip netns exec "$node" "$tree/bin/hakeeperd" -f "$work/$name.toml" > "$work/$name.log" 2>&1 &
  local daemon=$!
  sleep 3
  ip netns exec "$sw" tcpdump -i br0 -n --immediate-mode --time-stamp-precision=nano -w "$work/$name.pcap" \
      'ip proto 112' 2> "$work/$name.tcpdump" &
  local capture=$!
  sleep 0.5
  taskset -c "$cpu" stress-ng --cpu 2 --vm 1 --vm-bytes 128M --timeout "${seconds}s" --quiet &
  local load=$!
  wait "$load" || true
  kill "$capture"; wait "$capture" 2>/dev/null || true
  kill "$daemon"; wait "$daemon" 2>/dev/null || true
  tshark -r "$work/$name.pcap" -T fields -e frame.time_epoch 2>/dev/null | python3 -c '
import sys
name = sys.argv[1]
times = [float(line) for line in sys.stdin if line.strip()]
gaps = [(b - a) * 1000 for a, b in zip(times, times[1:])]
if len(gaps) < 2:
    print(f"{name}: {len(times)} adverts captured: too few to measure"); sys.exit(0)
jitter = sorted(abs(g - 10) for g in gaps)
def q(p): return jitter[min(len(jitter) - 1, int(p * len(jitter)))]
print(f"{name}: {len(times)} adverts, jitter |gap - 10 ms| median {q(0.5):.3f} p99 {q(0.99):.3f}"
      f" max {jitter[-1]:.3f} ms, longest gap {max(gaps):.3f} ms")
' "$name"
  grep -h "vrrp_rt_priority\|vrrp_cpu_affinity" "$work/$name.log" | sed "s/^/  $name log: /" || true
}

echo "load average before: $(cat /proc/loadavg)"
run_case normal ""
run_case realtime "vrrp_rt_priority = 50"
echo "load average after: $(cat /proc/loadavg)"
