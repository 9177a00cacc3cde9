/*
** api_ime.h — the open function of the `ime` Lua module (api_ime.c). The
** build force-includes this header into code linked with qk_ime (see
** ime.cmake), so the runtime's module table can name qk_open_ime under
** QK_HAVE_IME without including anything from this folder.
*/
#ifndef QK_API_IME_H
#define QK_API_IME_H

struct lua_State;
struct qk_api_decl;
int qk_open_ime(struct lua_State *L);
/* The module's declaration (api.h): functions and the session's methods. */
extern const struct qk_api_decl qk_api_ime;

#endif
