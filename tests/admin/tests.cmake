# The staff screen (scripts/kiosk/admin).
add_test(NAME admin_screen COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/admin/admin.sh $<TARGET_FILE:quizkiosk>
  ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(admin_screen PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)
