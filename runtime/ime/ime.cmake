# Chinese input for the on-screen keyboard: pinyin (libpinyin) and
# handwriting (zinnia with the Simplified Chinese model). Optional: without
# the libraries the runtime builds without the `ime` module and the keyboard
# offers only its other layouts.
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
  add_library(qk_ime STATIC
    runtime/ime/ime_data.c
    runtime/ime/ime_pinyin.c
    runtime/ime/ime_handwriting.c
    runtime/ime/ime_engines.c
    runtime/ime/api_ime.c)
  target_include_directories(qk_ime PUBLIC runtime/ime
    PRIVATE runtime runtime/core runtime/lua runtime/platform ${QK_ZINNIA_INCLUDE})
  # Where the data are, as the packages say (searched at run time, with the
  # usual locations and an environment override; see ime_data.c).
  pkg_get_variable(QK_PINYIN_PKGDATADIR libpinyin pkgdatadir)
  if(QK_PINYIN_PKGDATADIR)
    target_compile_definitions(qk_ime PRIVATE QK_PINYIN_PKGDATADIR="${QK_PINYIN_PKGDATADIR}")
  endif()
  if(CMAKE_LIBRARY_ARCHITECTURE)
    target_compile_definitions(qk_ime PRIVATE QK_MULTIARCH="${CMAKE_LIBRARY_ARCHITECTURE}")
  endif()
  # api_ime.c uses the runtime's helpers (qk_api_app, the log) and the
  # runtime's module table names qk_open_ime: the two static libraries refer
  # to each other, which CMake resolves by repeating them on the link line.
  target_link_libraries(qk_ime PUBLIC qk_base PkgConfig::LIBPINYIN ${QK_ZINNIA_LINK} PkgConfig::LUA qk_runtime)
  # What code linked with qk_ime sees: QK_HAVE_IME and the declaration of
  # qk_open_ime (force-included: app.c names it without an #include).
  target_compile_definitions(qk_ime INTERFACE QK_HAVE_IME)
  target_compile_options(qk_ime INTERFACE "SHELL:-include ${CMAKE_CURRENT_SOURCE_DIR}/runtime/ime/api_ime.h")
  message(STATUS "Chinese input: libpinyin ${LIBPINYIN_VERSION}, zinnia")
else()
  message(STATUS "Chinese input: off (needs libpinyin and zinnia development files)")
endif()
