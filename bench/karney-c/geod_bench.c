/*
 * In-process timing of Karney's C implementation of geodesics (geod_inverse / geod_direct from PROJ's
 * geodesic.h, Debian libproj-dev), on the same input files as `geoincidents geod` and the C# benchmark.
 *
 * Build: gcc -O2 -o geod_bench geod_bench.c -lproj -lm
 * Usage: geod_bench inverse|direct FILE [repeats]
 *   FILE: one problem per line, GeodSolve order (inverse: lat1 lon1 lat2 lon2; direct: lat1 lon1 azi1 s12).
 * Prints: "<problem> <n> problems x <repeats>: <best rate> /s (best of repeats), checksum <sum>".
 */
#include <geodesic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[1], "inverse") && strcmp(argv[1], "direct"))) {
    fprintf(stderr, "usage: %s inverse|direct FILE [repeats]\n", argv[0]);
    return 2;
  }
  int inverse = strcmp(argv[1], "inverse") == 0;
  int repeats = argc > 3 ? atoi(argv[3]) : 5;
  FILE *f = fopen(argv[2], "r");
  if (!f) { perror(argv[2]); return 2; }
  size_t cap = 1 << 20, n = 0;
  double *v = malloc(cap * 4 * sizeof(double));
  double a, b, c, d;
  while (fscanf(f, "%lf %lf %lf %lf", &a, &b, &c, &d) == 4) {
    if (n == cap) { cap *= 2; v = realloc(v, cap * 4 * sizeof(double)); }
    v[4 * n] = a; v[4 * n + 1] = b; v[4 * n + 2] = c; v[4 * n + 3] = d;
    n++;
  }
  fclose(f);

  struct geod_geodesic g;
  geod_init(&g, 6378137, 1 / 298.257223563);
  double best = 0, checksum = 0;
  for (int r = 0; r < repeats; r++) {
    double sum = 0, t0 = now();
    for (size_t i = 0; i < n; i++) {
      double x, y, z;
      if (inverse)
        geod_inverse(&g, v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3], &x, &y, &z);
      else
        geod_direct(&g, v[4 * i], v[4 * i + 1], v[4 * i + 2], v[4 * i + 3], &x, &y, &z);
      sum += x + y + z;
    }
    double rate = n / (now() - t0);
    if (rate > best) best = rate;
    checksum = sum;
  }
  printf("%s %zu problems x %d: %.0f /s (best of %d), checksum %.6f\n", argv[1], n, repeats, best, repeats, checksum);
  free(v);
  return 0;
}
