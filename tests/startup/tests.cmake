# Start-up (issue 11 goal 2): the kiosk library's build-time bytecode.
add_executable(qk_kit_bytecode_test tests/startup/kit_bytecode_test.c)
target_link_libraries(qk_kit_bytecode_test PRIVATE qk_runtime)
add_test(NAME core_kit_bytecode COMMAND qk_kit_bytecode_test ${CMAKE_CURRENT_SOURCE_DIR}/scripts)
set_tests_properties(core_kit_bytecode PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 60)
