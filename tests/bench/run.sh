#!/usr/bin/env bash
# Benchmarks strec against native runs, strace and perf trace on the same
# workloads in one run, and writes a markdown table (medians of RUNS runs;
# ratios are within this run, since absolute times are not comparable
# across runs on a noisy machine). Not part of the test suite.
#   tests/bench/run.sh [BUILD_DIR] [RUNS] > table.md
# The strec-bpf rows (--backend=bpf) run where that engine can load; their
# "lost" column is the events the recording lost. Then: what a bpf
# recording costs a process it does not trace.
# A part of it: BENCH_TRACERS="native perf strec strec-bpf" (the tracers, in
# the order of the full list), BENCH_WORKLOADS=REGEX (workloads whose name
# matches), BENCH_DECODE=0 (no decoding rows), BENCH_UNTRACED=0.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
runs=${2:-3}
bin=$build/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for need in strace /usr/bin/time; do
	command -v "$need" >/dev/null || { echo "bench: $need is missing" >&2; exit 1; }
done
have_perf=0
if command -v perf >/dev/null && perf trace record -o "$work/probe.data" true >/dev/null 2>&1; then
	have_perf=1
fi

# A parallel build of the project's own sources, from scratch each run
# (the tables they include are generated in the build tree).
top=$(cd "$here/../.." && pwd)
mkdir -p "$work/mk"
cat >"$work/mk/Makefile" <<'MAKEFILE'
SRC := $(wildcard $(TOP)/common/*.c $(TOP)/format/*.c $(TOP)/replay/*.c)
OBJ := $(patsubst $(TOP)/%.c,%.o,$(SRC))
CFLAGS := -O1 -std=gnu11 -D_GNU_SOURCE -DSTREC_VERSION='"bench"' -I$(TOP)/common -I$(TOP)/format -I$(TOP)/replay -I$(GEN) -I$(XLAT)
vpath %.c $(TOP)
all: $(OBJ)
%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@
clean:
	rm -rf common format replay
MAKEFILE

# name|command (run from $work)
workloads=(
	"loop 500k getppid|$bin/tp_loop 500000 getppid"
	"loop 500k files|$bin/tp_loop 125000 files"
	"loop 500k files, 2 threads|$bin/tp_loop 62500 files 2"
	"loop 4 threads|$bin/tp_loop 125000 getppid 4"
	"fork/exec shell loop|sh -c 'for i in \$(seq 200); do /bin/true; done'"
	"make -j2 ($(cd "$top" && ls common/*.c format/*.c replay/*.c | wc -l) files)|sh -c 'make -s -C mk TOP=$top clean && make -s -j2 -C mk TOP=$top GEN=$build/generated XLAT=$build/replay/xlat'"
	"find /usr|find /usr -maxdepth 4"
	"python3 start-up|python3 -c pass"
)

tracers=(native ptrace-floor strace strace-seccomp perf strec strec-execve strec-bpf strec-bpf-execve)
if [ -n "${BENCH_TRACERS:-}" ]; then
	read -ra tracers <<<"$BENCH_TRACERS"
	[ "${tracers[0]}" = native ] || { echo "bench: BENCH_TRACERS must start with native" >&2; exit 2; }
fi
have_bpf=0
"$bin/strec" -q --backend=bpf -o "$work/probe.trc" true 2>/dev/null && have_bpf=1

# Runs one measurement; prints "wall user+sys maxrss_kib bytes".
measure() {
	local tracer=$1 cmd=$2 out="$work/out"
	rm -f "$out"
	local prefix=""
	case $tracer in
	native) prefix="" ;;
	ptrace-floor) prefix="$bin/ptrace_floor" ;;
	strace) prefix="strace -f -o $out" ;;
	strace-seccomp) prefix="strace -f --seccomp-bpf -e trace=execve -o $out" ;;
	perf) prefix="perf trace record -q -o $out" ;;
	strec) prefix="$bin/strec -q --backend=ptrace -o $out --" ;;
	strec-execve) prefix="$bin/strec -q --backend=ptrace -o $out --to_trace execve --" ;;
	strec-bpf) prefix="$bin/strec -q --backend=bpf -o $out --" ;;
	strec-bpf-execve) prefix="$bin/strec -q --backend=bpf -o $out --to_trace execve --" ;;
	esac
	if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "cd $work && $prefix $cmd" \
		>/dev/null 2>"$work/err"; then
		echo "bench: '$cmd' failed under $tracer:" >&2
		head -n 5 "$work/err" >&2
		exit 1
	fi
	read -r wall user sys rss <"$work/time"
	local size=0 lost=-
	[ -f "$out" ] && size=$(stat -c %s "$out")
	case $tracer in strec*) lost=$("$bin/strep" --info "$out" 2>/dev/null | awk '$1 == "lost:" { print $2 }') ;; esac
	echo "$wall $(echo "$user + $sys" | bc -l) $rss $size ${lost:--}"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "# strec benchmarks"
echo
echo "$(date -u +%Y-%m-%d), $(uname -r), $(nproc) CPUs, medians of $runs runs."
echo "Wall seconds (ratio to native, to strace -f -o, to perf trace record), CPU seconds (ratio to"
echo "native), peak RSS (KiB, tracer and tracee), output size, events lost (strec rows)."
echo
echo "| workload | tracer | wall s | vs native | vs strace | vs perf | cpu s | cpu vs native | peak RSS KiB | output bytes | lost |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# a ratio of two medians, or - without the second
ratio_of() { [ -n "${2:-}" ] && printf '%.2fx' "$(echo "scale=3; $1 / $2" | bc -l)" || echo -; }
for w in "${workloads[@]}"; do
	name=${w%%|*}
	cmd=${w#*|}
	[[ $name =~ ${BENCH_WORKLOADS:-.} ]] || continue
	declare -A wall=() cpu=() rss=() size=() lost=()
	for t in "${tracers[@]}"; do
		[ "$t" = perf ] && [ $have_perf = 0 ] && continue
		case $t in strec-bpf*) [ $have_bpf = 0 ] && continue ;; esac
		: >"$work/samples"
		for ((r = 0; r < runs; r++)); do
			measure "$t" "$cmd" >>"$work/samples"
		done
		wall[$t]=$(cut -d' ' -f1 "$work/samples" | median)
		cpu[$t]=$(cut -d' ' -f2 "$work/samples" | median)
		rss[$t]=$(cut -d' ' -f3 "$work/samples" | median)
		size[$t]=$(cut -d' ' -f4 "$work/samples" | median)
		# the most any run lost
		lost[$t]=$(cut -d' ' -f5 "$work/samples" | sort -g | tail -n 1)
	done
	for t in "${tracers[@]}"; do
		[ -n "${wall[$t]:-}" ] || continue
		printf '| %s | %s | %.2f | %s | %s | %s | %.2f | %s | %d | %d | %s |\n' "$name" "$t" \
			"${wall[$t]}" "$(ratio_of "${wall[$t]}" "${wall[native]}")" \
			"$(ratio_of "${wall[$t]}" "${wall[strace]:-}")" \
			"$(ratio_of "${wall[$t]}" "${wall[perf]:-}")" "${cpu[$t]}" \
			"$(ratio_of "${cpu[$t]}" "${cpu[native]}")" "${rss[$t]%.*}" "${size[$t]%.*}" \
			"${lost[$t]}"
	done
	unset wall cpu rss size lost
done

# What a bpf recording costs the processes it does not trace: every system
# call on the machine passes the tracepoints, which look its process up in
# the traced set. The 500k-getppid loop, untraced, alone and while strec
# records a sleeping process (bpf, and ptrace for comparison).
if [ $have_bpf = 1 ] && [ "${BENCH_UNTRACED:-1}" = 1 ]; then
	echo
	echo "| untraced loop 500k getppid | wall s | cpu s | vs alone |"
	echo "| --- | ---: | ---: | ---: |"
	declare -A uwall=() ucpu=()
	for beside in alone strec-bpf strec-ptrace; do
		bg=""
		case $beside in
		strec-bpf) "$bin/strec" -q --backend=bpf -o "$work/bg.trc" -- sleep 3600 & bg=$! ;;
		strec-ptrace) "$bin/strec" -q --backend=ptrace -o "$work/bg.trc" -- sleep 3600 & bg=$! ;;
		esac
		# recording begins once the trace file is there
		for _ in $(seq 100); do
			[ -z "$bg" ] || [ -s "$work/bg.trc" ] && break
			sleep 0.1
		done
		: >"$work/samples"
		for ((r = 0; r < runs; r++)); do
			measure native "$bin/tp_loop 500000 getppid" >>"$work/samples"
		done
		if [ -n "$bg" ]; then
			kill "$(pgrep -P "$bg")" # the sleep strec runs: it ends the recording
			wait "$bg" 2>/dev/null
			rm -f "$work/bg.trc"
		fi
		uwall[$beside]=$(cut -d' ' -f1 "$work/samples" | median)
		ucpu[$beside]=$(cut -d' ' -f2 "$work/samples" | median)
		printf '| %s | %.2f | %.2f | %.2fx |\n' "$beside" "${uwall[$beside]}" "${ucpu[$beside]}" \
			"$(echo "scale=3; ${uwall[$beside]} / ${uwall[alone]}" | bc -l)"
	done
fi

# Offline decoding of the same recording of the heaviest workload: strep and
# strstat on strec's trace against perf trace -i / -s on perf's; then on a
# trace ten times as long (trc_repeat), to show their memory stays flat.
[ "${BENCH_DECODE:-1}" = 1 ] || exit 0
echo
echo "| decode (loop 500k getppid) | wall s | events/s | vs perf | peak RSS KiB |"
echo "| --- | ---: | ---: | ---: | ---: |"
(cd "$work" && "$bin/strec" -q --backend=ptrace -o big.trc -- "$bin/tp_loop" 500000 getppid >/dev/null)
"$bin/trc_repeat" "$work/big.trc" "$work/big10.trc" 10
events_of() { "$bin/strep" --info "$1" | awk '/^records:/ {print $2}'; }
events=$(events_of "$work/big.trc")
events10=$(events_of "$work/big10.trc")
run_of() { # median "wall rss" of a command line, output discarded
	# wall from the shell's clock: time's %e has 10 ms steps, too coarse
	# for strstat's tens of milliseconds
	local start end
	for ((r = 0; r < runs; r++)); do
		start=$EPOCHREALTIME
		/usr/bin/time -f "%M" -o "$work/t" bash -c "$1" >/dev/null 2>&1
		end=$EPOCHREALTIME
		echo "$(echo "$end - $start" | bc -l) $(cat "$work/t")"
	done | sort -g | awk '{w[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); print w[i], m[i]}'
}
# Each timed run also starts bash and time(1) (10-15 ms here, as much as a
# fifth of strstat's time): measured on `true` and taken off every time.
read -r harness _ < <(run_of true)
declare -A dec=() mem=() evs=()
add() {
	local wall
	read -r wall "mem[$1]" < <(run_of "$2")
	dec[$1]=$(echo "w = $wall - $harness; if (w < 0.001) w = 0.001; w" | bc -l)
	evs[$1]=$3
}
add strep "$bin/strep $work/big.trc" "$events"
add strep-json "$bin/strep --json $work/big.trc" "$events"
add strstat "$bin/strstat $work/big.trc" "$events"
if [ $have_perf = 1 ]; then
	(cd "$work" && perf trace record -q -o perf.data -- "$bin/tp_loop" 500000 getppid >/dev/null 2>&1)
	add perf-trace-i "perf trace -i $work/perf.data" "$events"
	add perf-trace-s "perf trace -s -i $work/perf.data" "$events"
fi
add "strep (10x trace)" "$bin/strep $work/big10.trc" "$events10"
add "strstat (10x trace)" "$bin/strstat $work/big10.trc" "$events10"
for k in strep strep-json strstat perf-trace-i perf-trace-s "strep (10x trace)" "strstat (10x trace)"; do
	[ -n "${dec[$k]:-}" ] || continue
	ref=${dec[perf-trace-i]:-0}
	case $k in strstat* | perf-trace-s) ref=${dec[perf-trace-s]:-0} ;; esac
	case $k in *10x*) ref=0 ;; esac
	ratio=-
	[ "$ref" != 0 ] && ratio=$(printf '%.2fx' "$(echo "scale=3; ${dec[$k]} / $ref" | bc -l)")
	rate=$(echo "scale=0; ${evs[$k]} / ${dec[$k]}" | bc -l)
	printf '| %s | %.3f | %s | %s | %d |\n' "$k" "${dec[$k]}" "$rate" "$ratio" "${mem[$k]}"
done
echo
echo "Events: trace records ($events, and $events10 in the 10x trace); perf's run has as many syscalls."
printf 'Wall times exclude the harness (bash and time(1) starting: %.3f s, timed on true).\n' "$harness"
