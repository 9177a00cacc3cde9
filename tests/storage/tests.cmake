# Storage that fails or crawls mid-exam (faults.sh says what it checks).
# Needs the fault shim (tests/faults) and the `hold` replay rendezvous.
add_test(NAME storage_faults COMMAND ${CMAKE_COMMAND} -E env ${QK_TEST_ENV}
  sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/storage/faults.sh $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR}
     ${CMAKE_CURRENT_BINARY_DIR}/storage-faults $<TARGET_FILE:qk_faultfs>)
set_tests_properties(storage_faults PROPERTIES TIMEOUT 300)
