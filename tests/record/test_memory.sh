#!/bin/bash
# Captured memory: a read's output buffer, openat's path as a string, and
# -s truncating buffers with the real size kept.
. "$(dirname "$0")/lib.sh"

file=$WORK/known.txt
# 40 bytes with characters trcfacts escapes.
printf 'strec memory test\tline 1\n"quoted" \\ end\n' >"$file"
size=$(stat -c %s "$file")
expect_eq "test file size" 40 "$size"
escaped=$(escape_data <"$file")

for variant in full s16; do
	opts=()
	[ $variant = s16 ] && opts=(-s 16)
	PIPE_OUT=1 same_as_native $variant "${opts[@]}" -- cat "$file"
	facts $variant
	F=$WORK/$variant.facts
	# The path is a NUL-terminated string captured whole at entry, whatever -s.
	expect_grep "$variant: openat's path as a string" \
		"^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string len=${#file} full_len=${#file} data=\"$file\"$" "$F"
	fd=$(awk -v f="data=\"$file\"" '$1 == "mem" && $3 == "openat" && $NF == f { want = 1; next } want && $1 == "syscall" { sub("ret=", "", $4); print $4; exit }' "$F")
	expect_ge "$variant: openat result" 3 "$fd"
	read_re="^syscall [0-9]+ read ret=$size args=$(printf '0x%x' "${fd:-99}"),"
	expect_grep "$variant: the file's read" "$read_re" "$F"
	if [ $variant = full ]; then
		expect_eq "read buffer" "flags=- len=$size full_len=$size data=\"$escaped\"" \
			"$(exit_mem "$F" "$read_re")"
		expect_grep "header capture size" '^header .* capture_size=4096 ' "$F"
	else
		expect_eq "read buffer cut at 16 bytes" \
			"flags=truncated len=16 full_len=$size data=\"strec memory tes\"" \
			"$(exit_mem "$F" "$read_re")"
		expect_grep "header capture size" '^header .* capture_size=16 ' "$F"
		# Long paths are not cut by -s.
		expect_grep "long paths whole" '^mem [0-9]+ openat stop=entry arg=1 item=0 flags=string len=(1[7-9]|[2-9][0-9]|[0-9]{3,}) ' "$F"
		expect_no_grep "strings never cut" 'flags=truncated[|](unreadable[|])?string ' "$F"
	fi
	# cat's write of the same bytes is captured at entry.
	expect_grep "$variant: the write's buffer" \
		"^mem [0-9]+ write stop=entry arg=1 item=0 flags=$([ $variant = full ] && echo "-" || echo truncated) len=$([ $variant = full ] && echo $size || echo 16) full_len=$size " "$F"
done

# An argv beyond the recorder's 32,768 entries is marked cut, and strep
# prints it as strace prints a cut array (-v: all it has, then "...").
# shellcheck disable=SC2046
record argv_cap -- /bin/true $(seq 1 33000)
facts argv_cap
expect_grep "argv: 32768 pointers, marked cut" \
	'^mem [0-9]+ execve stop=entry arg=1 item=0 flags=truncated len=262144 full_len=262152 ' \
	"$WORK/argv_cap.facts"
expect_eq "argv: 32768 strings" 32768 \
	"$(awk '$1 == "mem" && $3 == "execve" && $5 == "arg=1" && $6 != "item=0"' "$WORK/argv_cap.facts" | wc -l)"
"$BIN/strep" -v -e trace=execve "$WORK/argv_cap.trc" >"$WORK/argv_cap.v" 2>&1
expect_grep "strep -v: the cut array" '\["/bin/true", "1", "2", .*, "32766", "32767", \.\.\.\], 0x' "$WORK/argv_cap.v"
"$BIN/strep" -e trace=execve "$WORK/argv_cap.trc" >"$WORK/argv_cap.txt" 2>&1
expect_grep "strep: 32 entries" '\["/bin/true", "1", .*, "30", "31", \.\.\.\], 0x' "$WORK/argv_cap.txt"

# An input the call rewrites, in a struct read whole (an fd_set, 128 bytes)
# that ends where the mapping ends: what is readable of it at entry is the
# input (the bpf engine's second reading at the exit, after the call wrote
# the results, got no more, and must not replace it).
mkdir "$WORK/io"
record io -- "$BIN/tp_fam_io" "$WORK/io"
expect_eq "tp_fam_io: exit status" 0 "$REC_RC"
"$BIN/strep" -e trace=select "$WORK/io.trc" >"$WORK/io.select" 2>&1
expect_grep "select's sets before the page's end: the input" \
	'select\(([0-9]+), \[([0-9]+)\], \[\2\], \[\2\], \{tv_sec=0, tv_usec=0\}\) += 1 ' "$WORK/io.select"

finish
