/* A guest written in C: exports the calculator functions and calls back into the host's logger. */
#include "hyperlight_guest.h"

HL_IMPORT(env, log) void host_log(const char *message, uint32_t length);
HL_IMPORT(env, now_ticks) int64_t host_now_ticks(void);

HL_EXPORT(add) int32_t add(int32_t a, int32_t b) { return a + b; }

HL_EXPORT(fib) int64_t fib(int32_t n) {
    int64_t a = 0, b = 1;
    for (int32_t i = 0; i < n; i++) {
        int64_t next = a + b;
        a = b;
        b = next;
    }
    return a;
}

/* greet(name) -> "Hello, <name>!" in guest memory, logged through the host on the way. */
HL_EXPORT(greet) hl_return_area *greet(const uint8_t *name, uint32_t length) {
    static const char prefix[] = "Hello, ";
    uint32_t total = (uint32_t)(sizeof prefix - 1) + length + 1;
    uint8_t *out = hl_alloc(total, 1);
    memcpy(out, prefix, sizeof prefix - 1);
    memcpy(out + sizeof prefix - 1, name, length);
    out[total - 1] = '!';
    host_log((const char *)out, total);
    return hl_return(out, total);
}

/* checksum(bytes) -> the sum of the bytes, a simple proof that the data arrived intact. */
HL_EXPORT(checksum) uint32_t checksum(const uint8_t *data, uint32_t length) {
    uint32_t sum = 0;
    for (uint32_t i = 0; i < length; i++)
        sum += data[i];
    return sum;
}

/* elapsed() -> how many host ticks passed while the guest computed fib(40). */
HL_EXPORT(elapsed_ticks) int64_t elapsed_ticks(void) {
    int64_t start = host_now_ticks();
    volatile int64_t sink = fib(40);
    (void)sink;
    return host_now_ticks() - start;
}
