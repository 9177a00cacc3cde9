/*
** ime_load.h — finds and loads the input-method module (ime_module.h) the
** first time the `ime` binding needs an engine. Looked for next to the
** running program (/proc/self/exe: the build folder, tests) and then in its
** lib folder relative to it (QK_MODULE_RELDIR, the installed layout; runtime/base/module.h);
** never through the library search path, so the module that runs is the
** one built with this program.
**
** Loaded once per process and kept (dlclose would unmap the engines that
** outlive every VM). A failure is remembered too, with its reason, so a
** kiosk without the module logs it once per VM and asks the disk once.
** Main-loop thread only.
*/
#ifndef QK_IME_LOAD_H
#define QK_IME_LOAD_H

#include <stddef.h>

#include "ime_module.h"

/* The module's table, or NULL with the reason (what was looked for and
** where, or the loader's message) in why. */
const qk_ime_module *qk_ime_module_load(char *why, size_t whylen);

#endif
