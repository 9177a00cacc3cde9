# Base: the one copy of what every other library needs — the command-line
# parser (args), the JSON codec (json) and the UTF-8 decoder (utf8). Plain C
# with no dependencies: the store, the core and the Lua bindings all link it,
# and it links none of them, so no two libraries depend on each other.
add_library(qk_base STATIC
  runtime/base/args.c
  runtime/base/env.c
  runtime/base/json.c
  runtime/base/utf8.c
  runtime/base/module.c)
target_include_directories(qk_base PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/runtime/base)
# module.c: the one loader of the program's shared modules (module.h), and
# where they are installed relative to the program (QK_MODULE_RELDIR, set in
# CMakeLists.txt). Position-independent like every library a module links.
target_compile_definitions(qk_base PRIVATE QK_MODULE_RELDIR="${QK_MODULE_RELDIR}")
set_target_properties(qk_base PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(qk_base PUBLIC m ${CMAKE_DL_LIBS})
