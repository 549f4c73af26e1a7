#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
/* xmlFree is a C global: Swift 6 rejects touching it directly. */
static inline void swiftwrap_xmlFree(void *p) { xmlFree(p); }
