# Fleet benches (bench/README.md "Fleet"): run by hand with bench/fleet/run.sh.
add_executable(qk_bench_fleet_tap bench/fleet/tap_bench.c)
target_link_libraries(qk_bench_fleet_tap PRIVATE qk_sync qk_store)
target_compile_definitions(qk_bench_fleet_tap PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
