# quizkiosk import / new / check (runtime/import/tool.c) and the C side of the
# formats it offers the Lua modules as `importlib` (zip, XML, encodings:
# runtime/import/importlib.cmake, target qk_importlib).
include(${CMAKE_CURRENT_SOURCE_DIR}/runtime/import/importlib.cmake)
target_sources(quizkiosk PRIVATE runtime/import/tool.c)
target_include_directories(quizkiosk PRIVATE runtime/import)
target_link_libraries(quizkiosk PRIVATE qk_importlib)
