# cmake -DNAMES=file -DIN=strec.bash -DOUT=file -P fill.cmake: puts the
# syscall names and classes (one per line in NAMES) into the completion.
file(STRINGS ${NAMES} words)
list(JOIN words " " words)
file(READ ${IN} text)
string(REPLACE "@STREC_SYSCALL_WORDS@" "${words}" text "${text}")
file(WRITE ${OUT} "${text}")
