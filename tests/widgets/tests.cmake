# Widget kit: behaviour driven by replay, and the question screen's look.
foreach(r buttons multi keyboard scroll countdown dialog)
  qk_replay_test(widgets_${r} tests/widgets/apps/kit tests/widgets/${r}.replay 1280x800)
endforeach()

qk_replay_test(widgets_question_landscape tests/widgets/apps/question tests/widgets/question.replay 1920x1080
  REF q=widgets_question_1920x1080.png)
qk_replay_test(widgets_question_portrait tests/widgets/apps/question tests/widgets/question.replay 1080x1920
  REF q=widgets_question_1080x1920.png)
qk_replay_test(widgets_question_small tests/widgets/apps/question tests/widgets/question.replay 800x480
  REF q=widgets_question_800x480.png)

qk_lua_test(widgets_theme tests/widgets/theme_test.lua)
