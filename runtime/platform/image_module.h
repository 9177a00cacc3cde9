/*
** image_module.h — image decoding and PNG writing (SDL2_image) as a loadable
** module, QK_IMAGE_MODULE_FILE. SDL2_image on Debian 12 links libtiff (with
** libjbig, libdeflate and libLerc, which pulls libstdc++), libwebp and
** libjpeg: nine libraries the dynamic linker resolved at every start,
** ~1.9 ms of CPU before main() (measured on the bare program, bench/README.md),
** while most first screens show no image. sdl_raster.c loads the module
** through the one module loader (runtime/base/module.h) the first time an
** image is decoded, sdl_platform.c the first time a screenshot is written.
**
** The module exports one symbol, QK_IMAGE_MODULE_SYMBOL: a const
** qk_image_module whose abi is QK_IMAGE_MODULE_ABI; any other abi is
** refused. Bump it when an entry changes. Errors are SDL's (SDL_GetError):
** the module and the program share the one libSDL2.
*/
#ifndef QK_IMAGE_MODULE_H
#define QK_IMAGE_MODULE_H

#include <SDL.h>

#define QK_IMAGE_MODULE_ABI 1
#define QK_IMAGE_MODULE_SYMBOL "qk_image_module_v1"

typedef struct {
  int abi; /* QK_IMAGE_MODULE_ABI */
  /* IMG_LoadTyped_RW: decodes src as type ("PNG", "JPG", ...); frees src when freesrc. */
  SDL_Surface *(*load_typed)(SDL_RWops *src, int freesrc, const char *type);
  /* IMG_SavePNG: 0 or -1. */
  int (*save_png)(SDL_Surface *s, const char *file);
  /* IMG_Quit, when the platform closes. */
  void (*quit)(void);
} qk_image_module;

/* The module's table, loaded on first call; NULL with the reason in why
** (SDL's error is set to it too). qk_image_module_if_loaded: the table if
** it was loaded, else NULL, without loading it (for the platform's close). */
const qk_image_module *qk_image_module_get(char *why, size_t whylen);
const qk_image_module *qk_image_module_if_loaded(void);

#endif
