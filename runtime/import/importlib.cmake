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
target_link_libraries(qk_importlib PUBLIC PkgConfig::LUA PkgConfig::LIBZIP PkgConfig::EXPAT)
