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

# The staff screen's volume row at the four sizes (a page of its own at
# 800x480, reached from the dashboard's "声音 · Sound"), with references.
foreach(size 1280x800 1080x1920 3840x2160)
  qk_replay_test(audio_staff_${size} tests/audio/apps/cues tests/audio/staff_sound.replay ${size} PIN 2468
    REF staff_sound=audio_staff_sound_${size}.png staff_muted=audio_staff_muted_${size}.png
    EXTRA --kiosk-id 前台-1)
endforeach()
qk_replay_test(audio_staff_800x480 tests/audio/apps/cues tests/audio/staff_sound_short.replay 800x480 PIN 2468
  REF staff_dashboard=audio_staff_dashboard_800x480.png staff_sound=audio_staff_sound_800x480.png
      staff_muted=audio_staff_muted_800x480.png
  EXTRA --kiosk-id 前台-1)
