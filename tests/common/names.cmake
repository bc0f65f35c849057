# Included from tests/common/CMakeLists.txt: errno and signal name tables.
add_executable(test_names ${CMAKE_CURRENT_LIST_DIR}/test_names.c)
target_link_libraries(test_names PRIVATE strec_common)
add_test(NAME common.names COMMAND test_names)
