# quizkiosk import / new / check (runtime/import/tool.c) and the C side of the
# formats it offers the Lua modules as `importlib` (zip, XML, encodings:
# runtime/import/importlib.cmake, target qk_importlib).
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/import/importlib.cmake)
target_sources(quizkiosk PRIVATE runtime/import/tool.c)
target_include_directories(quizkiosk PRIVATE runtime/import)
# importlib itself is the import module, loaded when a command runs: only
# its header (importlib_module.h) and Lua's are needed here.
target_compile_definitions(quizkiosk PRIVATE QK_IMPORT_MODULE_FILE="${QK_IMPORT_MODULE_FILE}")
add_dependencies(quizkiosk qk_import_module)
