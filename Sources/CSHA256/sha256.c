/* SHA-256 as specified in FIPS 180-4 (§4.1.2, §4.2.2, §5.1.1, §5.3.3, §6.2).
 *
 * Two block functions compress whole 64-byte blocks into the state:
 *   blocks_portable  plain C, any platform;
 *   blocks_shani     x86-64 SHA extensions (SHA-NI), chosen at run time when the CPU has them.
 * Both give identical results; the tests check each against the FIPS vectors and sha256sum. */
#include "csha256.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

/* K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes (§4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes (§5.3.3). */
static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* §6.2.2, one block at a time: message schedule W, then 64 rounds over the working variables a..h. */
static void blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    for (; blocks > 0; blocks--, data += 64) {
        uint32_t w[64];
        for (int t = 0; t < 16; t++) w[t] = load_be32(data + 4 * t);
        for (int t = 16; t < 64; t++) {
            uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);   /* σ0 */
            uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);    /* σ1 */
            w[t] = s1 + w[t - 7] + s0 + w[t - 16];
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);                          /* Σ1 */
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = h + S1 + ch + K[t] + w[t];
            uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);                          /* Σ0 */
            uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + maj;
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#if defined(__x86_64__)
#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* The same compression with the SHA extensions. sha256rnds2 runs two rounds on a state held as two
 * registers, ABEF and CDGH (names list lanes from highest to lowest), with W+K for those two rounds
 * in the low 64 bits of its third operand. sha256msg1/msg2 compute four new schedule words from the
 * previous sixteen, kept as four registers of four words. */
SHANI_TARGET static void blocks_shani(uint32_t state[8], const uint8_t *data, size_t blocks) {
    /* Byte order within each 32-bit word: the message is big-endian. */
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    /* state[0..3] loads as DCBA and state[4..7] as HGFE; rearrange into ABEF and CDGH. */
    __m128i dcba = _mm_loadu_si128((const __m128i_u *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i_u *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_start = abef, cdgh_start = cdgh;
        /* w[i & 3] holds schedule words W[4i .. 4i+3] (the four newest groups). */
        __m128i w[4];
        for (int i = 0; i < 4; i++)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i_u *)(data + 16 * i)), byteswap);

#pragma clang loop unroll(full)
        for (int i = 0; i < 16; i++) {
            /* Rounds 4i .. 4i+3. After the first pair, cdgh holds the new ABEF and abef the new CDGH;
             * the second pair swaps them back. */
            __m128i wk = _mm_add_epi32(w[i & 3], _mm_loadu_si128((const __m128i_u *)&K[4 * i]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));

            /* W[4i+16 .. 4i+19] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], replacing W[4i .. 4i+3].
             * msg1 adds the σ0 terms, alignr picks W[t-7], msg2 adds the σ1 terms. */
            if (i < 12) {
                __m128i next = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
                w[i & 3] = _mm_sha256msg2_epu32(next, w[(i + 3) & 3]);
            }
        }
        abef = _mm_add_epi32(abef, abef_start);
        cdgh = _mm_add_epi32(cdgh, cdgh_start);
    }

    /* Back from ABEF and CDGH to DCBA and HGFE. */
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i_u *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i_u *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* SHA (CPUID leaf 7, EBX bit 29) plus the SSSE3 and SSE4.1 instructions the function above uses. */
static int cpu_has_shani(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & bit_SSSE3) || !(ecx & bit_SSE4_1)) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & bit_SHA) != 0;
}
#endif

/* 0: not yet asked, 1: no SHA-NI, 2: SHA-NI. CPUID runs once (it can be slow under a hypervisor). */
static int shani_support;

int csha256_accelerated(void) {
#if defined(__x86_64__)
    int known = __atomic_load_n(&shani_support, __ATOMIC_RELAXED);
    if (known == 0) {
        known = cpu_has_shani() ? 2 : 1;
        __atomic_store_n(&shani_support, known, __ATOMIC_RELAXED);
    }
    return known == 2;
#else
    (void)shani_support;
    return 0;
#endif
}

static void compress(csha256_ctx *ctx, const uint8_t *data, size_t blocks) {
#if defined(__x86_64__)
    if (ctx->use_shani) {
        blocks_shani(ctx->state, data, blocks);
        return;
    }
#endif
    blocks_portable(ctx->state, data, blocks);
}

void csha256_init_portable(csha256_ctx *ctx) {
    memcpy(ctx->state, H0, sizeof H0);
    ctx->length = 0;
    ctx->used = 0;
    ctx->use_shani = 0;
}

void csha256_init(csha256_ctx *ctx) {
    csha256_init_portable(ctx);
    ctx->use_shani = csha256_accelerated();
}

void csha256_update(csha256_ctx *ctx, const void *data, size_t size) {
    if (size == 0) return;
    const uint8_t *p = data;
    ctx->length += size;
    /* Complete a buffered partial block first. */
    if (ctx->used > 0) {
        size_t take = 64 - ctx->used;
        if (take > size) take = size;
        memcpy(ctx->buffer + ctx->used, p, take);
        ctx->used += take;
        p += take;
        size -= take;
        if (ctx->used < 64) return;
        compress(ctx, ctx->buffer, 1);
        ctx->used = 0;
    }
    /* Whole blocks straight from the input, in one call. */
    size_t blocks = size / 64;
    if (blocks > 0) {
        compress(ctx, p, blocks);
        p += blocks * 64;
        size -= blocks * 64;
    }
    if (size > 0) {
        memcpy(ctx->buffer, p, size);
        ctx->used = size;
    }
}

/* §5.1.1 padding: a 1 bit, zeros up to 56 bytes mod 64, then the message length in bits as 64-bit
 * big-endian. */
void csha256_final(csha256_ctx *ctx, uint8_t digest[32]) {
    uint64_t bits = ctx->length * 8;
    ctx->buffer[ctx->used++] = 0x80;
    if (ctx->used > 56) {
        memset(ctx->buffer + ctx->used, 0, 64 - ctx->used);
        compress(ctx, ctx->buffer, 1);
        ctx->used = 0;
    }
    memset(ctx->buffer + ctx->used, 0, 56 - ctx->used);
    store_be32(ctx->buffer + 56, (uint32_t)(bits >> 32));
    store_be32(ctx->buffer + 60, (uint32_t)bits);
    compress(ctx, ctx->buffer, 1);
    for (int i = 0; i < 8; i++) store_be32(digest + 4 * i, ctx->state[i]);
}
