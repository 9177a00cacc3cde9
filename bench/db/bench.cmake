# bench/db: the results-database figures (bench/db/run.sh). Built with
# QK_BENCH like the rest of bench/; never pass/fail tests.
add_executable(qk_db_gen bench/db/gen.c)
target_link_libraries(qk_db_gen PRIVATE qk_store PkgConfig::SQLITE)
add_executable(qk_db_bench bench/db/dbbench.c)
target_link_libraries(qk_db_bench PRIVATE qk_store PkgConfig::SQLITE)
target_compile_definitions(qk_db_bench PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
