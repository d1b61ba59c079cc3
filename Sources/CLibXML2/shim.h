#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>

/// `xmlFree` is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

#endif
