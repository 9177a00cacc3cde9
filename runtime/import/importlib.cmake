# importlib: zip (libzip), XML (expat), encodings (glibc iconv) and .docx text
# for the question-bank importers (scripts/kiosk/import). A library of its
# own so the import command (runtime/import/tool.cmake) and the tests link it
# without the kiosk. tool.cmake includes this file; the guard keeps a second
# include harmless.
include_guard(GLOBAL)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT  REQUIRED IMPORTED_TARGET expat)

add_library(qk_importlib STATIC
  runtime/import/importlib.c
  runtime/import/xmltree.c
  runtime/import/zipfile.c
  runtime/import/decode.c
  runtime/import/docx.c)
target_include_directories(qk_importlib PUBLIC runtime/import)
set_target_properties(qk_importlib PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(qk_importlib PUBLIC PkgConfig::LUA PkgConfig::LIBZIP PkgConfig::EXPAT)

# The program reaches it through a module of its own (importlib_module.h),
# loaded by `import`, `new` and `check` only: a kiosk never maps libzip,
# expat and what they pull in. The tests of the formats link qk_importlib.
add_library(qk_import_module MODULE runtime/import/importlib_module.c)
set_target_properties(qk_import_module PROPERTIES PREFIX "" OUTPUT_NAME quizkiosk-import SUFFIX "${CMAKE_SHARED_MODULE_SUFFIX}"
  C_VISIBILITY_PRESET hidden LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}")
target_link_libraries(qk_import_module PRIVATE qk_importlib)
install(TARGETS qk_import_module LIBRARY DESTINATION ${QK_MODULE_INSTALL_DIR})
