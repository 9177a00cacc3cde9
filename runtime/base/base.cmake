# Base: the one copy of what every other library needs — the command-line
# parser (args), the JSON codec (json) and the UTF-8 decoder (utf8). Plain C
# with no dependencies: the store, the core and the Lua bindings all link it,
# and it links none of them, so no two libraries depend on each other.
add_library(qk_base STATIC
  runtime/base/args.c
  runtime/base/env.c
  runtime/base/json.c
  runtime/base/utf8.c)
target_include_directories(qk_base PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/base)
target_link_libraries(qk_base PUBLIC m)
