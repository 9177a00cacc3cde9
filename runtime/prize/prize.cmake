# The prize code (issue 15): deriving, reading and checking the codes
# (runtime/prize/prize_code.c). Plain C on libsodium, one job; the store
# (runtime/store/prize.c) keeps the key and the record of issued codes.
# Included by runtime/store/store.cmake, which finds libsodium.
add_library(qk_prize STATIC runtime/prize/prize_code.c)
target_include_directories(qk_prize PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/prize)
# Position-independent: qk_store, which links it, goes into modules.
set_target_properties(qk_prize PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(qk_prize PRIVATE PkgConfig::SODIUM)
