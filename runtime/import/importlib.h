/*
** importlib.h — what the question-bank importers need from C and cannot do
** well in Lua: reading zip archives (libzip), parsing XML (expat), converting
** legacy encodings (glibc iconv) and pulling the text out of a .docx. The
** format modules themselves are Lua (scripts/kiosk/import/, one file each).
**
** luaopen_importlib pushes one table; a host that imports question banks
** registers it as the global `importlib` (qk_api_module {"importlib",
** luaopen_importlib}). Kiosk apps never get it: it reads files by path.
**
** Every function returns nil, message on bad input (a damaged zip, broken
** XML, an undecodable byte) and never raises for it; a message names the
** place (entry, line and column, byte offset). Only a wrong argument type
** or running out of Lua memory raises, and then no C-owned memory is lost
** (C resources live in userdata with a finalizer until they are released).
**
**   importlib.zip_list(path)            -> { "name", ... } in archive order
**   importlib.zip_read(path, entry [, max_bytes])
**                                       -> the entry's bytes (string)
**       Entries larger than max_bytes (default and ceiling QK_IMPORT_MAX_ENTRY)
**       are refused before anything is inflated, and the inflated length is
**       checked against the declared one (zip bombs, lying headers).
**   importlib.xml_parse(text [, opts])  -> root element
**       A node is { name = "w:p", attr = { ["w:val"] = "1", ... },
**       [1..n] = child node or text string }. Names are kept as written,
**       prefix included ("w:t", "qti-choice-interaction"); namespaces are
**       not resolved, xmlns declarations are ordinary attributes. Entities
**       and CDATA arrive as text; adjacent text is one string. Whitespace-only
**       text next to child elements (indentation) is dropped unless
**       opts.keep_ws; whitespace that is an element's whole content is kept.
**       Comments and processing instructions are dropped. Documents that
**       declare entities (<!ENTITY ...>) are refused.
**       opts.max_depth (default 256, ceiling 1000) and opts.max_nodes
**       (default 4,000,000) bound the work; text over 256 MiB is refused.
**       Streaming: with opts.each = "row" and opts.fn = function(node),
**       every element named "row" (or "x:row": any prefix) is handed to fn
**       when it closes and is NOT kept in the tree, so a 10,000-row sheet
**       never sits in memory whole. fn's errors end the parse: nil, message.
**       If fn returns false the parse stops early and xml_parse returns the
**       (unfinished) tree so far.
**   importlib.decode(bytes, encoding)   -> UTF-8 string
**       encoding: "UTF-8" (a leading BOM is dropped, the rest validated),
**       "GBK", "GB18030" or any other name glibc iconv knows. Errors name the
**       byte offset: "invalid GB18030 at byte 1234".
**   importlib.docx_text(path)           -> text of word/document.xml
**       One line per paragraph (table cells too, each paragraph a line),
**       tabs as "\t", line breaks as new lines. Deleted revisions, field
**       codes and fallback copies of text boxes are left out. Automatic list
**       numbering is written out as Word shows it ("1.", "A.", "（一）")
**       from word/numbering.xml (set on the paragraph or by its list
**       style in word/styles.xml), followed by a space; bullets give
**       nothing.
*/
#ifndef QK_IMPORTLIB_H
#define QK_IMPORTLIB_H

#include <lua.h>

/* Largest zip entry or XML text the importers accept (bytes). */
#define QK_IMPORT_MAX_ENTRY (64u * 1024u * 1024u)

int luaopen_importlib(lua_State *L);

#endif
