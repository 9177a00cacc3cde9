# bench/ime: Chinese input latency (pinyin keystroke → candidates, handwriting
# recognition). Run: build/qk_ime_bench tests/ime/strokes [PASSES]
if(TARGET qk_ime)
  add_executable(qk_ime_bench bench/ime/ime_bench.c)
  target_link_libraries(qk_ime_bench PRIVATE qk_ime_engines qk_base) # qk_base: the environment (QUIZKIOSK_PINYIN_DATA, ...)
endif()
