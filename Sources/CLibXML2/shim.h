#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, and its headers then include the system's ICU headers, which clash with
// the ICU copy inside Foundation in any Swift module that sees both. Nothing here uses the ICU-specific fields
// of xmlCharEncodingHandler (only pointers to it cross the boundary), so the ICU headers are kept out.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

#endif
