/*
** image_module.c — the image module's one exported symbol (image_module.h),
** built into QK_IMAGE_MODULE_FILE, the only file that links SDL2_image.
*/
#include <SDL_image.h>

#include "image_module.h"

static SDL_Surface *load_typed(SDL_RWops *src, int freesrc, const char *type) {
  return IMG_LoadTyped_RW(src, freesrc, type);
}

static int save_png(SDL_Surface *s, const char *file) { return IMG_SavePNG(s, file); }

__attribute__((visibility("default"))) const qk_image_module qk_image_module_v1 = {
  .abi = QK_IMAGE_MODULE_ABI,
  .load_typed = load_typed,
  .save_png = save_png,
  .quit = IMG_Quit,
};
