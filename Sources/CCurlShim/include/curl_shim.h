/* A small bridge to libcurl, loaded with dlopen() at first use (issue 14: the remote cache's https://
 * client). Nothing here links libcurl or needs its headers: the few curl_easy_* entry points are
 * looked up with dlsym(), and the option numbers, which libcurl keeps stable across versions, are
 * spelled out in curl_shim.c. */
#ifndef SWIFTWRAP_CURL_SHIM_H
#define SWIFTWRAP_CURL_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Loads `library` (e.g. "libcurl.so.4") unless a libcurl is already loaded, and initialises it.
 * Returns 0, or -1 with a message in `error`. Thread-safe; a failure leaves nothing loaded. */
int swc_curl_load(const char *library, char *error, size_t error_size);

/* One client: one libcurl easy handle, so connections are kept alive between its requests. Needs a
 * loaded library. NULL when libcurl cannot make a handle. Requests on one client are serialised. */
typedef struct swc_curl_client swc_curl_client;
swc_curl_client *swc_curl_client_new(void);
void swc_curl_client_free(swc_curl_client *client);

typedef struct {
    const char *url;              /* complete URL */
    const char *bearer_token;     /* NULL: no Authorization header */
    const char *ca_file;          /* NULL: libcurl's default CA bundle */
    const unsigned char *body;    /* PUT body, or NULL for GET */
    size_t body_size;
    int is_put;
    long connect_timeout_ms;
    long total_timeout_ms;
    size_t max_body_size;         /* larger response bodies are an error */
} swc_curl_request;

typedef struct {
    int curl_code;                /* CURLcode: 0 = a complete HTTP answer */
    long status;                  /* HTTP status when curl_code == 0 */
    int body_too_large;           /* the response body exceeded max_body_size */
    unsigned char *body;          /* malloc()ed response body (free with swc_curl_free); may be NULL */
    size_t body_size;
    char message[256];            /* libcurl's error text when curl_code != 0 */
} swc_curl_response;

void swc_curl_perform(swc_curl_client *client, const swc_curl_request *request, swc_curl_response *response);
void swc_curl_free(void *pointer);

#ifdef __cplusplus
}
#endif
#endif
