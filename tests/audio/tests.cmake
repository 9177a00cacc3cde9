# Sound (runtime/audio, issue 15): the cue app's replay (every cue logged
# and recorded headless, the sandbox's refusals), expect_sound's failures,
# the synthesiser, the lazy-loaded module and the staff screen's volume row.
qk_replay_test(audio_cues tests/audio/apps/cues tests/audio/cues.replay 1280x800)
add_test(NAME audio_expect_sound COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/audio/expect_sound.sh
  $<TARGET_FILE:quizkiosk> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(audio_expect_sound PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 120)

add_executable(qk_synth_test tests/audio/synth_test.c)
target_link_libraries(qk_synth_test PRIVATE qk_synth)
add_test(NAME audio_synth COMMAND qk_synth_test ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(audio_synth PROPERTIES ENVIRONMENT "${QK_TEST_ENV}")

# SDL2_mixer is loaded on the first sound, never at the first frame (issue 11).
add_test(NAME audio_lazy_libs COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/audio/lazy_audio.sh $<TARGET_FILE:quizkiosk>
  ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(audio_lazy_libs PROPERTIES ENVIRONMENT "${QK_TEST_ENV}" TIMEOUT 180)
