# Storage faults for tests: the faultfs LD_PRELOAD shim (see faultfs.c for
# its FAULTFS_* variables) and its self-test. Built without sanitizers, so
# it can sit in front of libasan in the ASan build (the scripts that use it
# there set ASAN_OPTIONS=verify_asan_link_order=0).
add_library(qk_faultfs MODULE tests/faults/faultfs.c)
target_link_libraries(qk_faultfs PRIVATE ${CMAKE_DL_LIBS})
foreach(prop COMPILE_OPTIONS LINK_OPTIONS)
  get_target_property(opts qk_faultfs ${prop})
  if(opts)
    list(FILTER opts EXCLUDE REGEX "sanitize")
    set_target_properties(qk_faultfs PROPERTIES ${prop} "${opts}")
  endif()
endforeach()

add_executable(qk_faultfs_probe tests/faults/probe.c)

add_test(NAME faults_shim COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/faults/selftest.sh
  $<TARGET_FILE:qk_faultfs> $<TARGET_FILE:qk_faultfs_probe> ${CMAKE_CURRENT_BINARY_DIR}/faults-selftest)
set_tests_properties(faults_shim PROPERTIES TIMEOUT 60)
