# The runtime, one library per folder, named after it, each depending only
# on the ones below it (nothing depends back up):
#
#   quizkiosk (runtime/main.c, runtime/cli.c: the table of commands)
#     qk_runtime   runtime/       the command's own parts: the supervisor
#       qk_app     runtime/app    the composition root: loop, VM lifecycle, replay and tool runners
#         qk_lua   runtime/lua    the Lua host and the C modules of the Lua API
#           qk_core      runtime/core      text, drawing, log, paths, replay files, watchdog
#             qk_platform runtime/platform the only SDL user
#           qk_sync_client runtime/sync    the fleet's commands and kiosk calls, forwarding to
#                                          the quizkiosk-sync module (qk_sync, libpq; sync.cmake)
#           qk_store     runtime/store     results database (store.cmake)
#             qk_prize   runtime/prize     the prize code's arithmetic (libsodium; prize.cmake)
#     qk_base  runtime/base  under all of them: the argument parser, the JSON
#                            codec, UTF-8, the environment (base.cmake)
#     qk_importlib  runtime/import: the question-bank importers' C side, the
#                   quizkiosk-import module loaded by import/new/check (importlib.cmake)
#   modules (runtime/base/module.h): quizkiosk-sync (libpq), quizkiosk-xlsx
#   (libxlsxwriter, runtime/store/store.cmake), quizkiosk-import (libzip, expat)
#   quizkiosk-audio (SDL2_mixer, runtime/audio/audio.cmake: qk_audio, used by
#   qk_app, loads it on an app's first sound)
#   qk_ime  runtime/ime   the input-method engines: a module loaded with dlopen
#                         by qk_lua when a keyboard first needs them (ime.cmake)

# libsystemd: sd_notify for the unit's Type=notify and WatchdogSec= (watchdog.c).
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
find_package(Threads REQUIRED)

# Platform: SDL2, SDL2_ttf, SDL2_image behind runtime/platform/platform.h.
# SDL2_image (and libtiff, libwebp, libjpeg, libstdc++ ... behind it) is a
# module of its own, ${QK_IMAGE_MODULE_FILE} (image_module.h), loaded with the
# first image decoded or screenshot written, so a start without an image
# does not map them.
add_library(qk_platform STATIC
  runtime/platform/sdl_platform.c
  runtime/platform/sdl_raster.c
  runtime/platform/font_file.c
  runtime/platform/sdl_shapes.c
  runtime/platform/image_probe.c
  runtime/platform/image_load.c
  runtime/platform/sdl_watch.c)
target_include_directories(qk_platform PUBLIC runtime/platform)
target_compile_definitions(qk_platform PRIVATE QK_IMAGE_MODULE_FILE="${QK_IMAGE_MODULE_FILE}")
target_link_libraries(qk_platform PUBLIC PkgConfig::SDL2 PkgConfig::SDL2_TTF qk_base m)
add_library(qk_image_module MODULE runtime/platform/image_module.c)
set_target_properties(qk_image_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-image SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_link_libraries(qk_image_module PRIVATE PkgConfig::SDL2 PkgConfig::SDL2_IMG)
install(TARGETS qk_image_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})
add_dependencies(qk_platform qk_image_module) # everything that draws images or screenshots loads it

# Core: plain C on top of the platform layer, no Lua.
add_library(qk_core STATIC
  runtime/core/watchdog.c
  runtime/core/textlayout.c
  runtime/core/replay.c
  runtime/core/log.c
  runtime/core/paths.c
  runtime/core/fonts.c
  runtime/core/text.c
  runtime/core/draw.c
  runtime/core/draw_frame.c
  runtime/core/draw_stroke.c)
target_include_directories(qk_core PUBLIC runtime/core)
target_compile_definitions(qk_core PRIVATE
  QK_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
  QK_INSTALL_DATADIR="${QK_DATADIR}")
target_link_libraries(qk_core PUBLIC qk_base qk_platform PkgConfig::UNIBREAK PkgConfig::SYSTEMD Threads::Threads m)
# fontconfig is the module ${QK_FONTMATCH_MODULE_FILE}
# (fontmatch_module.h), loaded by fonts.c only when its match cache cannot
# answer, so a start the cache answers does not map them.
target_compile_definitions(qk_core PRIVATE QK_FONTMATCH_MODULE_FILE="${QK_FONTMATCH_MODULE_FILE}")
add_library(qk_fontmatch_module MODULE runtime/core/fontmatch_module.c)
set_target_properties(qk_fontmatch_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-fontconfig SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_include_directories(qk_fontmatch_module PRIVATE runtime/core)
target_link_libraries(qk_fontmatch_module PRIVATE PkgConfig::FONTCONFIG ${CMAKE_DL_LIBS})
install(TARGETS qk_fontmatch_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})
add_dependencies(qk_core qk_fontmatch_module) # every font lookup may load it

# libqrencode: the QR matrix of gfx.qr (runtime/lua/api_qr.c), in the module
# ${QK_QR_MODULE_FILE} (runtime/lua/qr_module.h), loaded with the first code
# drawn: only the trade fair's prize screen draws one. Linked into the
# program it cost ~0.2 ms of CPU at every start (open, mmap, page faults;
# an empty program with and without it, 1,000 interleaved starts each:
# bench/README.md, "perf-launch"), more than the dynamic loader's own
# count of cycles (LD_DEBUG=statistics: ~0.01 ms) shows.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
add_library(qk_qr_module MODULE runtime/lua/qr_module.c)
set_target_properties(qk_qr_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-qr SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_link_libraries(qk_qr_module PRIVATE PkgConfig::QRENCODE)
install(TARGETS qk_qr_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})

# Lua: the sandboxed host and the C modules of the Lua API. What they need
# of the program comes in through runtime/lua/services.h. The `ime` module's
# engines are loaded at run time (ime_load.c); only their interface header
# (runtime/ime/ime_module.h) is shared.
add_library(qk_lua STATIC
  runtime/lua/host.c
  runtime/lua/pattern_guard.c
  runtime/lua/api_util.c
  runtime/lua/api_gfx.c
  runtime/lua/api_kiosk.c
  runtime/lua/content_text.c
  runtime/lua/api_json.c
  runtime/lua/api_store.c
  runtime/lua/api_ime.c
  runtime/lua/api_audio.c
  runtime/lua/api_qr.c
  runtime/lua/api_prize.c
  runtime/lua/ime_load.c
  runtime/lua/json.c)
target_include_directories(qk_lua PUBLIC runtime/lua PRIVATE runtime/ime)
target_compile_definitions(qk_lua PRIVATE
  QK_IME_MODULE_FILE="${QK_IME_MODULE_FILE}"
  QK_QR_MODULE_FILE="${QK_QR_MODULE_FILE}")
target_link_libraries(qk_lua PUBLIC qk_core qk_store qk_sync_client PkgConfig::LUA m)
add_dependencies(qk_lua qk_qr_module) # gfx.qr loads it

# The kiosk's script library as Lua bytecode, compiled when the program is
# built (runtime/lua/kit_bytecode.h): starting a VM loads the widget kit
# without parsing its source again; a kit file edited after the build (its
# hash differs) loads from source. Apps are never compiled: they stay text.
add_executable(qk_kit_compile runtime/lua/kit_compile.c)
target_link_libraries(qk_kit_compile PRIVATE PkgConfig::LUA PkgConfig::SODIUM)
file(GLOB_RECURSE QK_KIT_SOURCES CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_SOURCE_DIR}/scripts
  ${CMAKE_CURRENT_SOURCE_DIR}/scripts/kiosk/*.lua)
list(SORT QK_KIT_SOURCES)
list(TRANSFORM QK_KIT_SOURCES PREPEND ${CMAKE_CURRENT_SOURCE_DIR}/scripts/ OUTPUT_VARIABLE QK_KIT_SOURCE_PATHS)
add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/kit_bytecode_table.c
  COMMAND qk_kit_compile ${CMAKE_CURRENT_BINARY_DIR}/kit_bytecode_table.c ${CMAKE_CURRENT_SOURCE_DIR}/scripts ${QK_KIT_SOURCES}
  DEPENDS qk_kit_compile ${QK_KIT_SOURCE_PATHS}
  COMMENT "Compiling the kiosk's script library to Lua bytecode" VERBATIM)
target_sources(qk_lua PRIVATE runtime/lua/kit_bytecode.c ${CMAKE_CURRENT_BINARY_DIR}/kit_bytecode_table.c)
target_link_libraries(qk_lua PRIVATE PkgConfig::SODIUM)

# App: the composition root (runtime/app/app_int.h says which file does what).
add_library(qk_app STATIC
  runtime/app/app.c
  runtime/app/loop.c
  runtime/app/vm.c
  runtime/app/services.c
  runtime/app/vclock.c
  runtime/app/replay_run.c
  runtime/app/tool.c
  runtime/app/error_screen.c
  runtime/app/staff.c
  runtime/app/store_open.c
  runtime/app/fleet.c)
target_include_directories(qk_app PUBLIC runtime/app)
target_link_libraries(qk_app PUBLIC qk_lua qk_core qk_store qk_sync_client qk_platform qk_audio)

# The command's own parts besides main.c and its table of commands (cli.c,
# which names commands main.c declares); linking it brings the whole runtime.
add_library(qk_runtime STATIC
  runtime/supervise.c)
target_include_directories(qk_runtime PUBLIC runtime)
target_link_libraries(qk_runtime PUBLIC qk_app)

add_executable(quizkiosk runtime/main.c runtime/cli.c)
target_compile_definitions(quizkiosk PRIVATE QK_VERSION="${PROJECT_VERSION}")
target_link_libraries(quizkiosk PRIVATE qk_runtime)
install(TARGETS quizkiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The modules it loads when needed (runtime/base/module.h), built with it.
add_dependencies(quizkiosk qk_sync_module qk_xlsx_module qk_audio_module qk_sounds)
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/import/tool.cmake) # import / new / check
