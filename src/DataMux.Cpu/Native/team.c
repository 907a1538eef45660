/*
 * Inference passes on a team of libtorch's own OpenMP threads (DataMux.Performance.NativeTeam):
 * - the encoder stack, whose threads meet once per layer (DataMux.Performance.EncoderTeam);
 * - the embedding block and an element-wise mux in one pass (DataMux.Performance.FusedEmbeddingMix);
 * - the index demux's per-token tail, sum + GELU + LayerNorm, in one pass (DataMux.Performance.FusedTokenDemux).
 *
 * The encoder:
 * Why: with libtorch's operators every product, LayerNorm, GELU and bias fill forks and joins the OpenMP threads,
 * about 20 meeting points per layer. A 2,600-row batch spreads that cost thinly; the few hundred rows of a multiplexed
 * batch do not (two threads ran a 169-row layer 1.75x faster than one, a 2,600-row layer 1.93x). Here the threads
 * share the pass in one of two ways, chosen by the caller for the batch:
 * - the row split: each thread owns a contiguous block of the batch's rows for the whole stack; every step except
 *   attention only reads and writes its own rows, so threads meet only where attention needs every row's keys and
 *   values (once per layer, after the query-key-value projection) and at the end of the pass;
 * - the pair split (two threads, small batches): each thread multiplies every row with its half of every weight
 *   (its heads, its feed-forward columns), and the threads meet four times per layer to add up the halves.
 * Products run single-threaded in each team thread through the MKL that libtorch links (packed weights, see
 * MklPackedGemm.cs); LayerNorm, GELU, softmax and the bias passes are the loops below.
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

/* One layer's parameters: packed projection weights (MKL layout), biases (NULL = none), LayerNorm affine parameters.
 * Every projection is packed in two pieces (DataMux.Performance.WeightSplit), so that two threads can share a product
 * by its weights as well as by its rows; piece 0 takes the larger half of the heads and of the feed-forward width
 * (heads - heads / 2 and feed_forward - feed_forward / 2); an empty piece is NULL.
 *   qkv:      by outputs, queries, keys and values of piece t's heads, so its product is [rows, 3 · heads(t) · head_width]:
 *             a row of the projection is [Q₀ K₀ V₀ | Q₁ K₁ V₁] (the "pair layout", qkv_column);
 *   output:   by inputs: piece t multiplies the context columns of piece t's heads;
 *   expand:   by outputs: piece t makes feed-forward columns [ff_first(t), ff_first(t) + ff_count(t));
 *   contract: by inputs: piece t multiplies those feed-forward columns. */
typedef struct {
    const void *qkv[2], *output[2], *expand[2], *contract[2];
    const float *qkv_bias, *output_bias, *expand_bias, *contract_bias; /* in the layer's own (unsplit) order */
    const float *norm1_weight, *norm1_bias, *norm2_weight, *norm2_bias;
    float norm1_eps, norm2_eps;
} dmx_layer;

enum { DMX_SPLIT_ROWS = 1, DMX_SPLIT_PAIR = 2 };

/* One forward pass of the stack. Buffers are the caller's (libtorch tensors), row-major. */
typedef struct {
    int layers, batch, length, hidden, heads, feed_forward;
    int split;             /* DMX_SPLIT_ROWS, or DMX_SPLIT_PAIR (used when the team has exactly two threads) */
    const dmx_layer *layer;
    const float *key_bias; /* [batch, length]: 0 where a key may be attended, -inf where not; NULL = no mask */
    float *x;              /* [batch * length, hidden], input and output */
    float *qkv[2];         /* [batch * length, 3 * hidden] each, pair layout: layers alternate, so one barrier per layer
                              suffices (row split); the pair split keeps its two partial sums in qkv[1] */
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

static void rows_part(const dmx_job *job, int thread, int team);
static void pair_part(const dmx_job *job, int thread);

static void region(void *argument) {
    const dmx_job *job = argument;
    int previous_threads = threads_local(1); /* MKL single-threaded in each team thread: the team is the parallelism */
    int team = omp_num_threads(); /* libgomp may give fewer threads than asked for */
    if (job->split == DMX_SPLIT_PAIR && team == 2) pair_part(job, omp_thread_num());
    else rows_part(job, omp_thread_num(), team);
    threads_local(previous_threads);
}

/* ---------------- element-wise passes ---------------- */

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

/* ---------------- the two pieces of every projection ---------------- */

/* Piece 0 takes the larger half of `count` heads or columns (WeightSplit.LargerHalf's rule), piece 1 the rest. */
static int piece_count(int count, int piece) { return piece == 0 ? count - count / 2 : count / 2; }
static int piece_first(int count, int piece) { return piece == 0 ? 0 : count - count / 2; }

static int pieces_heads(const dmx_job *job, int piece) { return piece_count(job->heads, piece); }
static int pieces_first_head(const dmx_job *job, int piece) { return piece_first(job->heads, piece); }
static int pieces_ff(const dmx_job *job, int piece) { return piece_count(job->feed_forward, piece); }
static int pieces_first_ff(const dmx_job *job, int piece) { return piece_first(job->feed_forward, piece); }

/* Column of head `head`'s queries (part 0), keys (1) or values (2) in a pair-layout projection row. */
static long qkv_column(const dmx_job *job, int part, int head) {
    const int head_width = job->hidden / job->heads, piece = head >= pieces_heads(job, 0);
    const int local = head - pieces_first_head(job, piece);
    return (long)3 * pieces_first_head(job, piece) * head_width + ((long)part * pieces_heads(job, piece) + local) * head_width;
}

/* qkv[r, piece's columns] = bias + x[r] · piece, for `rows` rows (qkv rows are 3 · hidden wide). */
static void project_qkv(const dmx_job *job, const dmx_layer *p, int piece, int rows, const float *x, float *qkv) {
    const int width = job->hidden, head_width = width / job->heads, heads = pieces_heads(job, piece);
    const int first = pieces_first_head(job, piece), columns = 3 * heads * head_width;
    if (heads == 0 || rows == 0) return;
    float *out = qkv + qkv_column(job, 0, first);
    for (int r = 0; r < rows; r++)
        for (int part = 0; part < 3; part++) {
            float *destination = out + (long)r * 3 * width + (long)part * heads * head_width;
            if (p->qkv_bias) memcpy(destination, p->qkv_bias + (long)part * width + (long)first * head_width, sizeof(float) * heads * head_width);
            else memset(destination, 0, sizeof(float) * heads * head_width);
        }
    compute(ROW_MAJOR, NO_TRANS, PACKED, rows, columns, width, x, width, p->qkv[piece], columns, 1.f, out, 3 * width);
}

/* expanded[r, piece's columns] = bias + x[r] · piece (expanded rows are feed_forward wide). */
static void project_expand(const dmx_job *job, const dmx_layer *p, int piece, int rows, const float *x, float *expanded) {
    const int width = job->hidden, ff = job->feed_forward, columns = pieces_ff(job, piece), first = pieces_first_ff(job, piece);
    if (columns == 0 || rows == 0) return;
    float *out = expanded + first;
    for (int r = 0; r < rows; r++) {
        if (p->expand_bias) memcpy(out + (long)r * ff, p->expand_bias + first, sizeof(float) * columns);
        else memset(out + (long)r * ff, 0, sizeof(float) * columns);
    }
    compute(ROW_MAJOR, NO_TRANS, PACKED, rows, columns, width, x, width, p->expand[piece], columns, 1.f, out, ff);
}

/* sum = accumulate · sum + source[:, first, first + inputs) · packed, for `rows` rows of d = hidden outputs: a piece by
 * inputs (the output projection's share of some heads, the contraction's share of some feed-forward columns). */
static void project_share(const dmx_job *job, const void *packed, int rows, const float *source, int source_width, int first,
                          int inputs, float accumulate, float *sum) {
    const int width = job->hidden;
    if (rows == 0) return;
    if (inputs == 0) { if (accumulate == 0.f) memset(sum, 0, sizeof(float) * rows * width); return; }
    compute(ROW_MAJOR, NO_TRANS, PACKED, rows, width, inputs, source + first, source_width, packed, width, accumulate, sum, width);
}

/* sum = accumulate · sum + context[:, piece's heads] · piece (the output projection's share of those heads). */
static void project_output(const dmx_job *job, const dmx_layer *p, int piece, int rows, const float *context, float accumulate, float *sum) {
    const int head_width = job->hidden / job->heads;
    project_share(job, p->output[piece], rows, context, job->hidden, pieces_first_head(job, piece) * head_width,
                  pieces_heads(job, piece) * head_width, accumulate, sum);
}

/* sum = accumulate · sum + expanded[:, piece's columns] · piece. */
static void project_contract(const dmx_job *job, const dmx_layer *p, int piece, int rows, const float *expanded, float accumulate, float *sum) {
    project_share(job, p->contract[piece], rows, expanded, job->feed_forward, pieces_first_ff(job, piece),
                  pieces_ff(job, piece), accumulate, sum);
}

/* ---------------- attention ---------------- */

/* Attention of heads [first_head, first_head + heads) for query rows [first, first + count) of sequence `sequence`,
 * from the pair-layout projection `qkv`, into those heads' context columns. */
static void attend(const dmx_job *job, const float *qkv, int first_head, int heads, int sequence, int first, int count, float *scores) {
    const int length = job->length, width = job->hidden, head_width = width / job->heads;
    const int stride = 3 * width;
    const float *base = qkv + (long)sequence * length * stride;
    const float *a[64], *b[64];
    float *c[64];
    int transpose_none = NO_TRANS, transpose = TRANS, m = count, n = length, k = head_width, lda = stride, ldb = stride, ldc = length;
    float alpha = 1.f / sqrtf((float)head_width), beta = 0.f;
    for (int h = 0; h < heads; h++) {
        a[h] = base + (long)first * stride + qkv_column(job, 0, first_head + h);
        b[h] = base + qkv_column(job, 1, first_head + h);
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
        b[h] = base + qkv_column(job, 2, first_head + h);
        c[h] = job->context + ((long)sequence * length + first) * width + (long)(first_head + h) * head_width;
    }
    batched(ROW_MAJOR, &transpose_none, &transpose_none, &m, &pv_n, &pv_k, &one, a, &pv_lda, b, &pv_ldb, &beta, c, &pv_ldc, 1, &heads);
}

/* ---------------- the row split: each thread owns a block of rows for the whole stack ---------------- */

static void rows_part(const dmx_job *job, int thread, int team) {
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
        for (int piece = 0; piece < 2; piece++) project_qkv(job, p, piece, rows, x, qkv_all + first * 3 * width);
        DMX_MARK(0);
        team_barrier(team); /* every row's keys and values are ready */
        DMX_MARK(1);
        if (rows == 0) continue;

        /* This thread's query rows, sequence by sequence. */
        for (long row = first; row < last;) {
            int sequence = (int)(row / length), offset = (int)(row % length);
            long count = (last - row) < (length - offset) ? (last - row) : (length - offset);
            if (count > score_rows) count = score_rows;
            attend(job, qkv_all, 0, job->heads, sequence, offset, (int)count, scores);
            row += count;
        }
        DMX_MARK(2);

        /* x = LayerNorm(x + context · Woutᵀ + b): the products accumulate onto the residual. */
        add_bias_rows(x, rows, width, p->output_bias);
        for (int piece = 0; piece < 2; piece++) project_output(job, p, piece, rows, context, 1.f, x);
        layer_norm_rows(x, rows, width, p->norm1_weight, p->norm1_bias, p->norm1_eps);
        DMX_MARK(3);

        /* x = LayerNorm(x + GELU(x · W1ᵀ + b1) · W2ᵀ + b2). */
        for (int piece = 0; piece < 2; piece++) project_expand(job, p, piece, rows, x, expanded);
        DMX_MARK(4);
        gelu(expanded, (long)rows * ff);
        DMX_MARK(5);
        add_bias_rows(x, rows, width, p->contract_bias);
        for (int piece = 0; piece < 2; piece++) project_contract(job, p, piece, rows, expanded, 1.f, x);
        layer_norm_rows(x, rows, width, p->norm2_weight, p->norm2_bias, p->norm2_eps);
        DMX_MARK(6);
    }
}

/* ---------------- the pair split: two threads share every product by its weights ----------------
 * Why: with a few hundred rows split between two threads, each thread's products have under about 128 rows, and MKL's
 * one-thread products ran 10% slower per row at 85 rows than at 169 with both threads busy (examples/Throughput/Probes).
 * Here thread t multiplies all rows with piece t of every weight: the queries, keys and values of its heads (attention
 * of those heads needs no other thread), then its heads' share of the output projection, a partial sum; the threads
 * meet, and each adds both partial sums, the bias and the residual to half of the rows and normalizes them; they meet
 * again, and the feed-forward block goes the same way (piece t of the expansion's columns, GELU, their share of the
 * contraction). Four meetings per layer instead of one. */

VECTOR_CLONES static void add_partial_sums(float *x, const float *first, const float *second, const float *bias, int width) {
    if (bias) for (int i = 0; i < width; i++) x[i] += (first[i] + second[i]) + bias[i];
    else for (int i = 0; i < width; i++) x[i] += first[i] + second[i];
}

static void settle_rows(const dmx_job *job, const float *partial, const float *bias, const float *weight, const float *norm_bias,
                        float eps, int thread) {
    const long rows_total = (long)job->batch * job->length, width = job->hidden;
    const long first = rows_total * thread / 2, last = rows_total * (thread + 1) / 2;
    for (long r = first; r < last; r++)
        add_partial_sums(job->x + r * width, partial + r * width, partial + (rows_total + r) * width, bias, (int)width);
    layer_norm_rows(job->x + first * width, (int)(last - first), (int)width, weight, norm_bias, eps);
}

static void pair_part(const dmx_job *job, int thread) {
    const int rows = job->batch * job->length, width = job->hidden, length = job->length;
    const int heads = pieces_heads(job, thread), first_head = pieces_first_head(job, thread);
    float *qkv = job->qkv[0], *partial = job->qkv[1]; /* partial sums: thread t's at rows [t · rows, (t + 1) · rows) */
    float *mine = partial + (long)thread * rows * width;
    float *scores = job->scores + job->scores_per_thread * thread;
    const int score_rows = heads > 0 ? (int)(job->scores_per_thread / ((long)heads * length)) : length;

    for (int l = 0; l < job->layers; l++) {
        const dmx_layer *p = &job->layer[l];
        project_qkv(job, p, thread, rows, job->x, qkv);
        DMX_MARK(0);
        for (int sequence = 0; sequence < job->batch && heads > 0; sequence++)
            for (int query = 0; query < length; query += score_rows) {
                int count = length - query < score_rows ? length - query : score_rows;
                attend(job, qkv, first_head, heads, sequence, query, count, scores);
            }
        DMX_MARK(2);
        project_output(job, p, thread, rows, job->context, 0.f, mine);
        DMX_MARK(3);
        gomp_barrier(); /* both partial sums are ready */
        DMX_MARK(1);
        settle_rows(job, partial, p->output_bias, p->norm1_weight, p->norm1_bias, p->norm1_eps, thread);
        DMX_MARK(3);
        gomp_barrier(); /* every row is normalized (and the partial sums are read) */
        DMX_MARK(1);
        project_expand(job, p, thread, rows, job->x, job->expanded);
        DMX_MARK(4);
        /* GELU of this thread's columns only */
        for (int r = 0; r < rows; r++)
            gelu(job->expanded + (long)r * job->feed_forward + pieces_first_ff(job, thread), pieces_ff(job, thread));
        DMX_MARK(5);
        project_contract(job, p, thread, rows, job->expanded, 0.f, mine);
        DMX_MARK(6);
        gomp_barrier();
        DMX_MARK(1);
        settle_rows(job, partial, p->contract_bias, p->norm2_weight, p->norm2_bias, p->norm2_eps, thread);
        DMX_MARK(6);
        gomp_barrier(); /* the next layer's products read every row */
        DMX_MARK(1);
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

/* Takes the next `chunk` of `total` items from a counter the threads share: [*first, *last), or 0 when none are left. */
static int take_chunk(long *next, long chunk, long total, long *first, long *last) {
    *first = __atomic_fetch_add(next, chunk, __ATOMIC_RELAXED);
    if (*first >= total) return 0;
    *last = *first + chunk < total ? *first + chunk : total;
    return 1;
}

/* One output row: the shift plus every input's scaled, standardized row at that position. */
static void mix_cell(dmx_mix_job *job, long cell, float *x) {
    const long width = job->width;
    long g = cell / job->length, l = cell % job->length;
    float *result = job->output + cell * width;
    memcpy(result, job->shift, sizeof(float) * width);
    int64_t standardized = -1; /* the id whose standardized row x holds */
    for (int i = 0; i < job->n; i++) {
        long at = ((long)g * job->n + i) * job->length + l;
        int64_t id = job->ids[at];
        if ((uint64_t)id >= (uint64_t)job->table_rows) {
            __atomic_store_n(&job->bad_id, at, __ATOMIC_RELAXED);
            continue;
        }
        /* Consecutive inputs with the same id at this position share one standardized row: in the index demux's
         * prefix every input but one has the filler token there (N - 1 of N rows at N + 1 of the positions). */
        if (id != standardized) {
            /* The next input's row is a DRAM read at an unrelated address: ask for it while this one is worked on. */
            if (i + 1 < job->n) {
                int64_t next = job->ids[at + job->length];
                if (next != id && (uint64_t)next < (uint64_t)job->table_rows)
                    for (long k = 0; k < width; k += 16) __builtin_prefetch(job->tokens + next * width + k);
            }
            add_rows(job->tokens + id * width, job->positions + l * width, x, (int)width);
            layer_norm_rows(x, 1, (int)width, NULL, NULL, job->eps); /* the affine part is folded into scaled, shift */
            standardized = id;
        }
        add_scaled(result, x, job->scaled + (long)i * width, (int)width);
    }
}

/* The cells (group, position) are dealt out in small chunks to whichever thread asks next, not in equal halves: a cell
 * costs one lookup per distinct id, so the index demux's prefix cells (one or two distinct ids among N) are far cheaper
 * than content cells (N ids), and at N = 40 the first half of the positions holds all 41 prefix cells. */
typedef struct {
    dmx_mix_job *job;
    long next_cell; /* the first cell no thread has taken yet */
    long chunk;     /* cells taken at a time */
} dmx_mix_share;

static void mix_region(void *argument) {
    dmx_mix_share *share = argument;
    const long cells = (long)share->job->groups * share->job->length;
    float x[DMX_MIX_MAX_WIDTH] __attribute__((aligned(64))); /* the caller refuses wider embeddings */
    for (long first, last; take_chunk(&share->next_cell, share->chunk, cells, &first, &last);)
        for (long cell = first; cell < last; cell++) mix_cell(share->job, cell, x);
}

/* ---------------- the index demux's per-token tail in one pass ---------------- */

/* output[g, i, t] = LayerNorm(GELU(index_part[g, i] + content[g, t] (+ shortcut[g, i, t]))): the operators would build
 * the [G, N, L, d] sum, then read and write it again for GELU and twice more for LayerNorm; here each output row is
 * written once, while the [·, d] inputs it comes from stay in the cache. */
typedef struct {
    const float *index_part; /* [groups, n, width]: W_p · p_i */
    const float *content;    /* [groups, length, width]: W_h · h_t + b */
    const float *shortcut;   /* [groups, n, length, width]: an input shortcut's rows, or NULL */
    const float *weight, *bias; /* LayerNorm's affine parameters, [width] */
    int groups, n, length, width;
    float eps;
    float *output;           /* [groups, n, length, width] */
} dmx_demux_job;

typedef struct {
    dmx_demux_job *job;
    long next_row; /* the first output row no thread has taken yet */
} dmx_demux_share;

enum { DMX_DEMUX_CHUNK = 32 }; /* output rows taken at a time: 96 KiB at d = 768, small enough to even out the threads */

static void demux_region(void *argument) {
    dmx_demux_share *share = argument;
    const dmx_demux_job *job = share->job;
    const long rows = (long)job->groups * job->n * job->length, width = job->width;
    for (long first, last; take_chunk(&share->next_row, DMX_DEMUX_CHUNK, rows, &first, &last);)
        for (long row = first; row < last; row++) {
            long t = row % job->length, gi = row / job->length, g = gi / job->n; /* gi = g · n + i */
            float *out = job->output + row * width;
            add_rows(job->index_part + gi * width, job->content + (g * job->length + t) * width, out, (int)width);
            if (job->shortcut)
                for (long k = 0; k < width; k++) out[k] += job->shortcut[row * width + k];
            gelu(out, width);
            layer_norm_rows(out, 1, (int)width, job->weight, job->bias, job->eps);
        }
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


/* Runs the stack on up to `team` threads (libgomp may give fewer; the rows are split among those it gives, and the pair
 * split runs only on exactly two). `job->scores` holds `team` blocks of `scores_per_thread` floats, at least heads * length
 * each: attention takes as many query rows at a time as fit. Returns 0, or an error code:
 * -1 not initialised, -2 bad arguments. */
EXPORT int dmx_team_forward(const dmx_job *job, int team) {
    if (!compute) return -1;
    if (!job || team < 1 || job->layers < 1 || job->batch < 1 || job->length < 1 ||
        job->heads < 1 || job->heads > 64 || job->hidden % job->heads != 0 || job->feed_forward < 1 ||
        (job->split != DMX_SPLIT_ROWS && job->split != DMX_SPLIT_PAIR) ||
        (job->split == DMX_SPLIT_PAIR && (job->heads < 2 || job->feed_forward < 2)))
        return -2;
    long rows = (long)job->batch * job->length;
    if (team > rows) team = (int)rows;
    if (job->scores_per_thread < (long)job->heads * job->length) return -2;
    gomp_parallel(region, (void *)job, (unsigned)team, 0);
    return 0;
}

/* Runs the index demux's per-token tail on up to `team` threads. Returns 0, -1 not initialised, -2 bad arguments. */
EXPORT int dmx_team_demux_tokens(dmx_demux_job *job, int team) {
    if (!gomp_parallel) return -1;
    if (!job || team < 1 || job->groups < 1 || job->n < 1 || job->length < 1 || job->width < 1 || !job->index_part ||
        !job->content || !job->weight || !job->bias || !job->output)
        return -2;
    long chunks = ((long)job->groups * job->n * job->length + DMX_DEMUX_CHUNK - 1) / DMX_DEMUX_CHUNK;
    if (team > chunks) team = (int)chunks;
    dmx_demux_share share = {job, 0};
    gomp_parallel(demux_region, &share, (unsigned)team, 0);
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
    /* About 64 row lookups per chunk: a content cell looks up N rows. */
    dmx_mix_share share = {job, 0, job->n >= 64 ? 1 : 64 / job->n};
    gomp_parallel(mix_region, &share, (unsigned)team, 0);
    return 0;
}
