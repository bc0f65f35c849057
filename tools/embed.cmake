# cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake: the bytes of
# IN as a NUL-terminated C string named NAME (strstat --html's page).
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" hex "${hex}")
get_filename_component(name ${IN} NAME)
file(WRITE ${OUT} "/* ${name}, embedded by tools/embed.cmake */\n"
                  "extern const char ${NAME}[];\n"
                  "const char ${NAME}[] = {\n${hex}0};\n")
