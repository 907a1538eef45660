/*
 * Inference passes on a team of libtorch's own OpenMP threads (DataMux.Performance.NativeTeam):
 * - the encoder stack, whose threads meet once per layer (DataMux.Performance.EncoderTeam);
 * - the embedding block and an element-wise mux in one pass (DataMux.Performance.FusedEmbeddingMix).
 *
 * The encoder:
 * Why: with libtorch's operators every product, LayerNorm, GELU and bias fill forks and joins the OpenMP threads,
 * about 20 meeting points per layer. A 2,600-row batch spreads that cost thinly; the few hundred rows of a multiplexed
 * batch do not (two threads ran a 169-row layer 1.75x faster than one, a 2,600-row layer 1.93x). Here each thread
 * owns a contiguous block of the batch's rows for the whole stack: every step except attention only reads and writes
 * its own rows, so threads meet only where attention needs every row's keys and values (once per layer, after the
 * query-key-value projection) and at the end of the pass. Products run single-threaded in each team thread through the MKL that
 * libtorch links (packed weights, see MklPackedGemm.cs); LayerNorm, GELU, softmax and the bias passes are the loops below.
 *
 * Arithmetic matches the TransformerEncoderLayer's inference path (post-LayerNorm, exact GELU, softmax over keys with
 * padded keys at -inf) to float32 rounding; tests compare both.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))
/* The loops below are compiled for AVX-512, AVX2 + FMA and plain x86-64; the loader picks the best the CPU has. */
#define VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2,fma", "default")))
/* Sums and maxima are vectorized where marked with `omp simd` (compiled with -fopenmp-simd: no OpenMP runtime), which
 * lets the compiler reorder those additions only: float32 sums in a different order than libtorch's, not faster maths. */

/* examples/Throughput/Probes/encoder_pass.c defines DMX_MARK(phase) to time the phases of run_part; here it is nothing. */
#ifndef DMX_MARK
#define DMX_MARK(phase)
#endif

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, PACKED = 151 };

typedef void (*compute_fn)(int, int, int, int, int, int, const float *, int, const void *, int, float, float *, int);
typedef void (*batch_fn)(int, const int *, const int *, const int *, const int *, const int *, const float *,
                         const float **, const int *, const float **, const int *, const float *, float **, const int *,
                         int, const int *);
typedef void (*vector_fn)(int, const float *, float *);
typedef int (*threads_local_fn)(int);

/* One layer's parameters: packed projection weights (MKL layout), biases (NULL = none), LayerNorm affine parameters. */
typedef struct {
    const void *qkv, *output, *expand, *contract;
    const float *qkv_bias, *output_bias, *expand_bias, *contract_bias;
    const float *norm1_weight, *norm1_bias, *norm2_weight, *norm2_bias;
    float norm1_eps, norm2_eps;
} dmx_layer;

/* One forward pass of the stack. Buffers are the caller's (libtorch tensors), row-major. */
typedef struct {
    int layers, batch, length, hidden, heads, feed_forward;
    const dmx_layer *layer;
    const float *key_bias; /* [batch, length]: 0 where a key may be attended, -inf where not; NULL = no mask */
    float *x;              /* [batch * length, hidden], input and output */
    float *qkv[2];         /* [batch * length, 3 * hidden] each: layers alternate, so one barrier per layer suffices */
    float *context;        /* [batch * length, hidden] */
    float *expanded;       /* [batch * length, feed_forward] */
    float *scores;         /* [team, scores_per_thread]: each thread's attention scores, at least heads * length each */
    long scores_per_thread;
} dmx_job;

static compute_fn compute;
static batch_fn batched;
static vector_fn vs_exp;
static threads_local_fn threads_local;

/* ---------------- the team: libtorch's own OpenMP threads ----------------
 * The team is an OpenMP parallel region of the libgomp that libtorch loads (its functions are handed over by the caller),
 * so the threads are the ones libtorch's operators use: no second pool competing for the cores, and no threads of ours
 * to manage. Threads meet at libgomp's barrier, which spins briefly before it sleeps. */

typedef void (*gomp_parallel_fn)(void (*)(void *), void *, unsigned, unsigned);
typedef void (*gomp_barrier_fn)(void);
typedef int (*omp_int_fn)(void);

static gomp_parallel_fn gomp_parallel;
static gomp_barrier_fn gomp_barrier;
static omp_int_fn omp_thread_num, omp_num_threads;

static void team_barrier(int team) {
    if (team > 1) gomp_barrier();
}

static void run_part(const dmx_job *job, int thread, int team);

static void region(void *job) {
    int previous_threads = threads_local(1); /* MKL single-threaded in each team thread: the team is the parallelism */
    run_part(job, omp_thread_num(), omp_num_threads());
    threads_local(previous_threads);
}

/* ---------------- element-wise passes ---------------- */

VECTOR_CLONES static void fill_rows(float *destination, int rows, int width, const float *bias) {
    for (int r = 0; r < rows; r++) {
        float *row = destination + (long)r * width;
        if (bias) for (int i = 0; i < width; i++) row[i] = bias[i];
        else memset(row, 0, sizeof(float) * width);
    }
}

VECTOR_CLONES static void add_bias_rows(float *destination, int rows, int width, const float *bias) {
    if (!bias) return;
    for (int r = 0; r < rows; r++) {
        float *row = destination + (long)r * width;
        for (int i = 0; i < width; i++) row[i] += bias[i];
    }
}

/* LayerNorm over each row, in place; two passes over the row (mean, then centred variance) as libtorch does. */
VECTOR_CLONES static void layer_norm_rows(float *x, int rows, int width, const float *weight, const float *bias, float eps) {
    for (int r = 0; r < rows; r++) {
        float *row = x + (long)r * width;
        float sum = 0.f;
#pragma omp simd reduction(+ : sum)
        for (int i = 0; i < width; i++) sum += row[i];
        float mean = sum / width, squares = 0.f;
#pragma omp simd reduction(+ : squares)
        for (int i = 0; i < width; i++) {
            float centred = row[i] - mean;
            squares += centred * centred;
        }
        float scale = 1.f / sqrtf(squares / width + eps);
        for (int i = 0; i < width; i++) {
            float normalized = (row[i] - mean) * scale;
            row[i] = normalized * (weight ? weight[i] : 1.f) + (bias ? bias[i] : 0.f);
        }
    }
}

/* exp(y) for y <= 0 (Cephes' single-precision scheme: 2^n times a polynomial on [-ln2/2, ln2/2]), written so that the
 * compiler vectorizes it; relative error about 1e-7. */
static inline float exp_nonpositive(float y) {
    y = y < -87.f ? -87.f : y;
    /* n = round(y / ln 2) by the add-and-subtract-2^23 trick: plain arithmetic, so the loop vectorizes */
    float n = (y * 1.44269504088896341f + 12582912.f) - 12582912.f;
    float r = y - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.f;
    int32_t bits = ((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

/* Exact GELU, x · Φ(x) = x/2 · (1 + erf(x/√2)), in place, with erf as libtorch's vectorized CPU kernel computes it
 * (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
VECTOR_CLONES static void gelu(float *x, long count) {
    for (long i = 0; i < count; i++) {
        float z = x[i] * (float)M_SQRT1_2, a = fabsf(z);
        float t = 1.f / (0.3275911f * a + 1.f);
        float r = 1.061405429f;
        r = r * t - 1.453152027f;
        r = r * t + 1.421413741f;
        r = r * t - 0.284496736f;
        r = r * t + 0.254829592f;
        float erf_abs = 1.f - r * t * exp_nonpositive(-z * z);
        x[i] = 0.5f * x[i] * (1.f + (z < 0.f ? -erf_abs : erf_abs));
    }
}

VECTOR_CLONES static void shift_by_maximum(float *row, int width, const float *key_bias) {
    float maximum = -INFINITY;
    if (key_bias) for (int i = 0; i < width; i++) row[i] += key_bias[i];
#pragma omp simd reduction(max : maximum)
    for (int i = 0; i < width; i++) maximum = row[i] > maximum ? row[i] : maximum;
    for (int i = 0; i < width; i++) row[i] -= maximum;
}

VECTOR_CLONES static void normalize_row(float *row, int width) {
    float sum = 0.f;
#pragma omp simd reduction(+ : sum)
    for (int i = 0; i < width; i++) sum += row[i];
    float inverse = 1.f / sum;
    for (int i = 0; i < width; i++) row[i] *= inverse;
}

/* ---------------- one thread's share of a pass ---------------- */

/* Attention of query rows [first, first + count) of sequence `sequence`, all heads, into context rows. */
static void attend(const dmx_job *job, const float *qkv, int sequence, int first, int count, float *scores) {
    const int heads = job->heads, length = job->length, width = job->hidden, head_width = width / heads;
    const int stride = 3 * width;
    const float *base = qkv + (long)sequence * length * stride;
    const float *a[64], *b[64];
    float *c[64];
    int transpose_none = NO_TRANS, transpose = TRANS, m = count, n = length, k = head_width, lda = stride, ldb = stride, ldc = length;
    float alpha = 1.f / sqrtf((float)head_width), beta = 0.f;
    for (int h = 0; h < heads; h++) {
        a[h] = base + (long)first * stride + h * head_width;
        b[h] = base + width + h * head_width;
        c[h] = scores + (long)h * count * length;
    }
    batched(ROW_MAJOR, &transpose_none, &transpose, &m, &n, &k, &alpha, a, &lda, b, &ldb, &beta, c, &ldc, 1, &heads);

    const float *key_bias = job->key_bias ? job->key_bias + (long)sequence * length : NULL;
    long total = (long)heads * count * length;
    for (long r = 0; r < (long)heads * count; r++) shift_by_maximum(scores + r * length, length, key_bias);
    for (long start = 0; start < total; start += INT_MAX / 2) {
        long n_exp = total - start < INT_MAX / 2 ? total - start : INT_MAX / 2;
        vs_exp((int)n_exp, scores + start, scores + start);
    }
    for (long r = 0; r < (long)heads * count; r++) normalize_row(scores + r * length, length);

    float one = 1.f;
    int pv_n = head_width, pv_k = length, pv_lda = length, pv_ldb = stride, pv_ldc = width;
    for (int h = 0; h < heads; h++) {
        a[h] = scores + (long)h * count * length;
        b[h] = base + 2 * width + h * head_width;
        c[h] = job->context + ((long)sequence * length + first) * width + h * head_width;
    }
    batched(ROW_MAJOR, &transpose_none, &transpose_none, &m, &pv_n, &pv_k, &one, a, &pv_lda, b, &pv_ldb, &beta, c, &pv_ldc, 1, &heads);
}

static void run_part(const dmx_job *job, int thread, int team) {
    const long rows_total = (long)job->batch * job->length;
    const long first = rows_total * thread / team, last = rows_total * (thread + 1) / team;
    const int rows = (int)(last - first), width = job->hidden, ff = job->feed_forward, length = job->length;
    float *x = job->x + first * width;
    float *context = job->context + first * width;
    float *expanded = job->expanded + first * ff;
    float *scores = job->scores + job->scores_per_thread * thread;
    const int score_rows = (int)(job->scores_per_thread / ((long)job->heads * length)); /* query rows per attention call */

    for (int l = 0; l < job->layers; l++) {
        const dmx_layer *p = &job->layer[l];
        float *qkv_all = job->qkv[l & 1];
        float *qkv = qkv_all + first * 3 * width;
        if (rows > 0) {
            fill_rows(qkv, rows, 3 * width, p->qkv_bias);
            compute(ROW_MAJOR, NO_TRANS, PACKED, rows, 3 * width, width, x, width, p->qkv, 3 * width, 1.f, qkv, 3 * width);
        }
        DMX_MARK(0);
        team_barrier(team); /* every row's keys and values are ready */
        DMX_MARK(1);
        if (rows == 0) continue;

        /* This thread's query rows, sequence by sequence. */
        for (long row = first; row < last;) {
            int sequence = (int)(row / length), offset = (int)(row % length);
            long count = (last - row) < (length - offset) ? (last - row) : (length - offset);
            if (count > score_rows) count = score_rows;
            attend(job, qkv_all, sequence, offset, (int)count, scores);
            row += count;
        }
        DMX_MARK(2);

        /* x = LayerNorm(x + context · Woutᵀ + b): the product accumulates onto the residual. */
        add_bias_rows(x, rows, width, p->output_bias);
        compute(ROW_MAJOR, NO_TRANS, PACKED, rows, width, width, context, width, p->output, width, 1.f, x, width);
        layer_norm_rows(x, rows, width, p->norm1_weight, p->norm1_bias, p->norm1_eps);
        DMX_MARK(3);

        /* x = LayerNorm(x + GELU(x · W1ᵀ + b1) · W2ᵀ + b2). */
        fill_rows(expanded, rows, ff, p->expand_bias);
        compute(ROW_MAJOR, NO_TRANS, PACKED, rows, ff, width, x, width, p->expand, ff, 1.f, expanded, ff);
        DMX_MARK(4);
        gelu(expanded, (long)rows * ff);
        DMX_MARK(5);
        add_bias_rows(x, rows, width, p->contract_bias);
        compute(ROW_MAJOR, NO_TRANS, PACKED, rows, width, ff, expanded, ff, p->contract, width, 1.f, x, width);
        layer_norm_rows(x, rows, width, p->norm2_weight, p->norm2_bias, p->norm2_eps);
        DMX_MARK(6);
    }
}

/* ---------------- the embedding block and an element-wise mux in one pass ---------------- */

/* output[g, l] = shift + Σᵢ scaled[i] ⊙ standardize(tokens[ids[g·N + i, l]] + positions[l]): LayerNorm's affine part is
 * folded into scaled (γ ⊙ wᵢ / N) and shift (β ⊙ Σᵢ wᵢ / N) by the caller. Each looked-up row is read once and
 * standardized in a buffer that stays in the L1 cache. */
enum { DMX_MIX_MAX_WIDTH = 8192 }; /* one standardized row lives on the thread's stack */

typedef struct {
    const int64_t *ids; /* [groups · n, length] */
    int groups, n, length, width;
    long table_rows;
    const float *tokens, *positions, *scaled, *shift;
    float eps;
    float *output;       /* [groups, length, width] */
    long bad_id;         /* out: -1, or the flat index of an id outside [0, table_rows) */
} dmx_mix_job;

VECTOR_CLONES static void add_rows(const float *a, const float *b, float *sum, int width) {
    for (int k = 0; k < width; k++) sum[k] = a[k] + b[k];
}

VECTOR_CLONES static void add_scaled(float *result, const float *x, const float *weights, int width) {
    for (int k = 0; k < width; k++) result[k] += x[k] * weights[k];
}

static void mix_part(dmx_mix_job *job, int thread, int team) {
    const long cells = (long)job->groups * job->length, width = job->width;
    float x[DMX_MIX_MAX_WIDTH] __attribute__((aligned(64))); /* the caller refuses wider embeddings */
    for (long cell = cells * thread / team; cell < cells * (thread + 1) / team; cell++) {
        long g = cell / job->length, l = cell % job->length;
        float *result = job->output + cell * width;
        memcpy(result, job->shift, sizeof(float) * width);
        for (int i = 0; i < job->n; i++) {
            long at = ((long)g * job->n + i) * job->length + l;
            int64_t id = job->ids[at];
            if ((uint64_t)id >= (uint64_t)job->table_rows) {
                __atomic_store_n(&job->bad_id, at, __ATOMIC_RELAXED);
                continue;
            }
            /* The next input's row is a DRAM read at an unrelated address: ask for it while this one is worked on. */
            if (i + 1 < job->n) {
                int64_t next = job->ids[at + job->length];
                if ((uint64_t)next < (uint64_t)job->table_rows)
                    for (long k = 0; k < width; k += 16) __builtin_prefetch(job->tokens + next * width + k);
            }
            add_rows(job->tokens + id * width, job->positions + l * width, x, (int)width);
            layer_norm_rows(x, 1, (int)width, NULL, NULL, job->eps); /* the affine part is folded into scaled, shift */
            add_scaled(result, x, job->scaled + (long)i * width, (int)width);
        }
    }
}

static void mix_region(void *job) {
    mix_part(job, omp_thread_num(), omp_num_threads());
}

/* ---------------- exports ---------------- */

/* Hands over the MKL and libgomp functions (resolved from libtorch by the caller). Returns 0, or -1 when one is missing. */
EXPORT int dmx_team_init(void *compute_packed, void *sgemm_batch, void *exp_function, void *set_threads_local,
                         void *parallel, void *barrier, void *thread_num, void *num_threads) {
    if (!compute_packed || !sgemm_batch || !exp_function || !set_threads_local || !parallel || !barrier ||
        !thread_num || !num_threads)
        return -1;
    compute = (compute_fn)compute_packed;
    batched = (batch_fn)sgemm_batch;
    vs_exp = (vector_fn)exp_function;
    threads_local = (threads_local_fn)set_threads_local;
    gomp_parallel = (gomp_parallel_fn)parallel;
    gomp_barrier = (gomp_barrier_fn)barrier;
    omp_thread_num = (omp_int_fn)thread_num;
    omp_num_threads = (omp_int_fn)num_threads;
    return 0;
}


/* Runs the stack on up to `team` threads (libgomp may give fewer; the rows are split among those it gives).
 * `job->scores` holds `team` blocks of `scores_per_thread` floats, at least heads * length each: attention takes as
 * many query rows at a time as fit. Returns 0, or an error code:
 * -1 not initialised, -2 bad arguments. */
EXPORT int dmx_team_forward(const dmx_job *job, int team) {
    if (!compute) return -1;
    if (!job || team < 1 || job->layers < 1 || job->batch < 1 || job->length < 1 ||
        job->heads < 1 || job->heads > 64 || job->hidden % job->heads != 0 || job->feed_forward < 1)
        return -2;
    long rows = (long)job->batch * job->length;
    if (team > rows) team = (int)rows;
    if (job->scores_per_thread < (long)job->heads * job->length) return -2;
    gomp_parallel(region, (void *)job, (unsigned)team, 0);
    return 0;
}

/* Runs the embedding + mix pass on up to `team` threads. Returns 0 (check job->bad_id), -1 not initialised, -2 bad arguments. */
EXPORT int dmx_team_embed_mix(dmx_mix_job *job, int team) {
    if (!gomp_parallel) return -1;
    if (!job || team < 1 || job->groups < 1 || job->n < 1 || job->length < 1 || job->width < 1 ||
        job->width > DMX_MIX_MAX_WIDTH || job->table_rows < 1)
        return -2;
    long cells = (long)job->groups * job->length;
    if (team > cells) team = (int)cells;
    job->bad_id = -1;
    gomp_parallel(mix_region, job, (unsigned)team, 0);
    return 0;
}
