/*
** image_load.c — qk_image_module_get (image_module.h): the image module
** through the one module loader, the first time an image is decoded or a
** screenshot written. Without the module those fail with the reason.
*/
#include <stdio.h>

#include "image_module.h"
#include "module.h"

#ifndef QK_IMAGE_MODULE_FILE
#define QK_IMAGE_MODULE_FILE "quizkiosk-image.so"
#endif

static const qk_image_module *loaded;

const qk_image_module *qk_image_module_get(char *why, size_t whylen) {
  if (loaded) return loaded;
  loaded = qk_module_load(QK_IMAGE_MODULE_FILE, QK_IMAGE_MODULE_SYMBOL, QK_IMAGE_MODULE_ABI, "images", why, whylen);
  if (!loaded) SDL_SetError("%s", why);
  return loaded;
}

const qk_image_module *qk_image_module_if_loaded(void) { return loaded; }
