# Included from tests/common/CMakeLists.txt: the filter unit test.
add_executable(test_filter ${CMAKE_CURRENT_LIST_DIR}/test_filter.c)
target_link_libraries(test_filter PRIVATE strec_common)
add_test(NAME common.filter COMMAND test_filter)
