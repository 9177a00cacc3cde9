# quizkiosk import / new / check (runtime/import/tool.c). The C side of the
# formats (zip, XML, encodings: luaopen_importlib) is import-formats' library
# target qk_importlib, built from runtime/import/importlib.cmake when that
# file exists; the tool registers `importlib` in its VM when it does.
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/import/importlib.cmake OPTIONAL)
target_sources(quizkiosk PRIVATE runtime/import/tool.c)
target_include_directories(quizkiosk PRIVATE runtime/import)
if(TARGET qk_importlib)
  target_compile_definitions(quizkiosk PRIVATE QK_HAVE_IMPORTLIB)
  target_link_libraries(quizkiosk PRIVATE qk_importlib)
endif()
