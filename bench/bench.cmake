# Benchmarks: built with the project, run by hand (bench/README.md); never pass/fail tests.
add_executable(qk_bare_kiosk bench/bare.c)
target_link_libraries(qk_bare_kiosk PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_TTF)
add_executable(qk_bench_startup bench/startup.c)
add_executable(qk_bench_frames bench/frames.c)

add_executable(qk_bench_text bench/text_bench.c)
target_link_libraries(qk_bench_text PRIVATE qk_runtime qk_platform)

file(GLOB QK_ROOM_BENCH ${CMAKE_CURRENT_SOURCE_DIR}/bench/*/bench.cmake)
foreach(f ${QK_ROOM_BENCH})
  include(${f})
endforeach()
