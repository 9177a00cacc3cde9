# The runtime core: platform layer (the only SDL user), core, Lua host, program.

# libsystemd: sd_notify for the unit's Type=notify and WatchdogSec= (watchdog.c).
pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
find_package(Threads REQUIRED)

# Core: plain C, no SDL. Unit-testable on its own.
add_library(qk_core STATIC
  runtime/core/watchdog.c
  runtime/core/textlayout.c
  runtime/core/replay.c
  runtime/core/log.c
  runtime/core/paths.c
  runtime/core/fonts.c)
target_include_directories(qk_core PUBLIC runtime/core runtime/platform)
target_compile_definitions(qk_core PRIVATE
  QK_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}"
  QK_INSTALL_DATADIR="${QK_DATADIR}")
target_link_libraries(qk_core PUBLIC qk_base PkgConfig::UNIBREAK PkgConfig::FONTCONFIG PkgConfig::SYSTEMD Threads::Threads m)

# Platform: SDL2, SDL2_ttf, SDL2_image behind runtime/platform/platform.h.
add_library(qk_platform STATIC
  runtime/platform/sdl_platform.c
  runtime/platform/sdl_raster.c
  runtime/platform/sdl_shapes.c
  runtime/platform/image_probe.c
  runtime/platform/sdl_watch.c)
target_include_directories(qk_platform PUBLIC runtime/platform)
target_link_libraries(qk_platform PUBLIC PkgConfig::SDL2 PkgConfig::SDL2_TTF PkgConfig::SDL2_IMG m)

# Lua host and the C modules of the Lua API, plus the parts of the core
# that drive them (text engine, drawing, the app loop).
add_library(qk_runtime STATIC
  runtime/core/text.c
  runtime/core/draw.c
  runtime/core/draw_frame.c
  runtime/core/app.c
  runtime/lua/host.c
  runtime/lua/pattern_guard.c
  runtime/lua/api_util.c
  runtime/lua/api_gfx.c
  runtime/lua/api_kiosk.c
  runtime/lua/api_json.c
  runtime/lua/api_store.c
  runtime/lua/json.c)
target_include_directories(qk_runtime PUBLIC runtime runtime/core runtime/lua runtime/platform)
target_link_libraries(qk_runtime PUBLIC qk_core qk_store PkgConfig::LUA m)
target_link_libraries(qk_runtime PUBLIC qk_sync) # fleet: sync thread, central leaderboard, fleet commands
target_link_libraries(qk_runtime PUBLIC $<TARGET_NAME_IF_EXISTS:qk_ime>) # Chinese input when built: QK_HAVE_IME (runtime/ime/ime.cmake)

add_executable(quizkiosk runtime/main.c runtime/cli.c runtime/supervise.c)
target_compile_definitions(quizkiosk PRIVATE QK_VERSION="${PROJECT_VERSION}")
target_link_libraries(quizkiosk PRIVATE qk_runtime qk_platform)
install(TARGETS quizkiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/import/tool.cmake) # import / new / check
