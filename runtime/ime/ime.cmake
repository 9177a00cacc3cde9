# Chinese input for the on-screen keyboard: pinyin (libpinyin) and
# handwriting (zinnia with the Simplified Chinese model). Optional: without
# the libraries the program is built without the engines' module, and the
# `ime` Lua module says the engines are unavailable, so the keyboard offers
# only its other layouts.
#
# The engines are a shared module (${QK_IME_MODULE_FILE}) that the `ime` Lua
# binding loads with dlopen the first time a keyboard needs it
# (runtime/lua/ime_load.c): libpinyin, zinnia, Berkeley DB, libstdc++ and
# GLib are not mapped by a kiosk that never shows a Chinese keyboard. It is
# built next to the program (so the build folder and the tests find it) and
# installed in ${CMAKE_INSTALL_LIBDIR}/quizkiosk, which the program finds
# relative to itself.
pkg_check_modules(LIBPINYIN IMPORTED_TARGET libpinyin)
pkg_check_modules(ZINNIA IMPORTED_TARGET zinnia)
set(QK_ZINNIA_LINK "")
if(ZINNIA_FOUND)
  set(QK_ZINNIA_LINK PkgConfig::ZINNIA)
else()
  # Some distributions ship zinnia.h and libzinnia without a .pc file.
  find_path(QK_ZINNIA_INCLUDE zinnia.h)
  find_library(QK_ZINNIA_LIB zinnia)
  if(QK_ZINNIA_INCLUDE AND QK_ZINNIA_LIB)
    set(QK_ZINNIA_LINK ${QK_ZINNIA_LIB} stdc++)
  endif()
endif()

if(LIBPINYIN_FOUND AND QK_ZINNIA_LINK)
  # The engines' code, compiled once: the module is made of it, and the C
  # tests and benchmarks of the engines link it directly.
  add_library(qk_ime_engines OBJECT
    runtime/ime/ime_data.c
    runtime/ime/ime_pinyin.c
    runtime/ime/ime_handwriting.c
    runtime/ime/ime_engines.c)
  set_target_properties(qk_ime_engines PROPERTIES POSITION_INDEPENDENT_CODE ON C_VISIBILITY_PRESET hidden)
  target_include_directories(qk_ime_engines PUBLIC runtime/ime PRIVATE ${QK_ZINNIA_INCLUDE})
  # Where the data are, as the packages say (searched at run time, with the
  # usual locations and an environment override; see ime_data.c).
  pkg_get_variable(QK_PINYIN_PKGDATADIR libpinyin pkgdatadir)
  if(QK_PINYIN_PKGDATADIR)
    target_compile_definitions(qk_ime_engines PRIVATE QK_PINYIN_PKGDATADIR="${QK_PINYIN_PKGDATADIR}")
  endif()
  if(CMAKE_LIBRARY_ARCHITECTURE)
    target_compile_definitions(qk_ime_engines PRIVATE QK_MULTIARCH="${CMAKE_LIBRARY_ARCHITECTURE}")
  endif()
  target_link_libraries(qk_ime_engines PUBLIC PkgConfig::LIBPINYIN ${QK_ZINNIA_LINK})

  add_library(qk_ime MODULE runtime/ime/ime_module.c)
  set_target_properties(qk_ime PROPERTIES PREFIX "" OUTPUT_NAME "${QK_IME_MODULE_NAME}"
    C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
  target_link_libraries(qk_ime PRIVATE qk_ime_engines)
  # The program finds it relative to itself (QK_MODULE_RELDIR).
  install(TARGETS qk_ime LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})
  # Built whenever the program is, though nothing links it.
  add_dependencies(quizkiosk qk_ime)
  message(STATUS "Chinese input: libpinyin ${LIBPINYIN_VERSION}, zinnia (module ${QK_IME_MODULE_FILE})")
else()
  message(STATUS "Chinese input: off (needs libpinyin and zinnia development files)")
endif()
