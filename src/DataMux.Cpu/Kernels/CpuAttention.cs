using System;
using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// Multi-head self-attention for inference on the CPU in float32, through the MKL inside libtorch: one batched matrix
/// product for all query-key scores, a softmax over rows with MKL's vector exponential, one batched product with the
/// values written straight into the <c>[B, L, d]</c> layout the output projection reads.
/// </summary>
/// <remarks>
/// libtorch 2.10's <c>scaled_dot_product_attention</c> on the CPU took 5.3-6.4 µs per token and layer with the
/// paper's 12 heads of 64 at 130-169 positions on this project's 2-core AMD EPYC; this path took 2.5-3.3 µs, and its
/// outputs were within 3e-7 of it. Used by the engine's encoder layer by layer (<see cref="CompiledLayer"/>) when
/// available and sequences have at least <see cref="MinimumLength"/> positions; the model itself (training included)
/// keeps the fused operator. Rows whose keys are all masked out take the fused operator too, so both paths give the
/// same answer there.
/// </remarks>
internal static unsafe class CpuAttention
{
    private const int RowMajor = 101, NoTranspose = 111, Transpose = 112;

    /// <summary>
    /// Shorter sequences keep the fused operator: at 34 positions (4 heads of 32) this path ran 0.95x its speed
    /// unmasked and 0.94x with padding masks, while at 130-169 positions it ran 1.9-2.5x (this project's 2-core AMD EPYC).
    /// </summary>
    public const int MinimumLength = 64;

    /// <summary>Bytes of attention scores held at once (a batch is processed in chunks of rows that fit).</summary>
    public const long ScoreBudgetBytes = 64L << 20;

    private static readonly delegate* unmanaged[Cdecl]<int, int*, int*, int*, int*, int*, float*, float**, int*, float**, int*, float*, float**, int*, int, int*, void> batchedProduct =
        (delegate* unmanaged[Cdecl]<int, int*, int*, int*, int*, int*, float*, float**, int*, float**, int*, float*, float**, int*, int, int*, void>)
        LibtorchExports.Find("cblas_sgemm_batch", out batchReason);

    private static readonly delegate* unmanaged[Cdecl]<int, float*, float*, void> exponential =
        (delegate* unmanaged[Cdecl]<int, float*, float*, void>)LibtorchExports.Find("vsExp", out exponentialReason);

    private static readonly string batchReason;
    private static readonly string exponentialReason;

    /// <summary>Whether the MKL functions this path needs exist in this process's libtorch.</summary>
    public static bool IsAvailable => batchedProduct != null && exponential != null;

    /// <summary>Why <see cref="IsAvailable"/> is false, in words; empty when available.</summary>
    public static string UnavailableReason => batchedProduct == null ? batchReason : exponentialReason;

    /// <summary>
    /// Attention of <paramref name="projected"/> <c>[B, L, 3d]</c> (queries, keys, values side by side, each split
    /// into <paramref name="heads"/> heads) as <c>[B, L, d]</c>, with <paramref name="mayAttend"/> null or a bool
    /// <c>[B, 1, 1, L]</c> (true where a key may be attended); null when this path cannot serve the call.
    /// </summary>
    internal static Tensor? TryAttend(Tensor projected, int heads, Tensor? mayAttend)
    {
        if (!IsAvailable ||
            projected.device_type != DeviceType.CPU || projected.dtype != ScalarType.Float32 || projected.dim() != 3 ||
            projected.size(2) % (3 * heads) != 0)
        {
            return null;
        }

        var (batch, length, width) = ((int)projected.size(0), (int)projected.size(1), (int)projected.size(2) / 3);
        if (batch == 0 || length < MinimumLength) return null;
        float[]? keyBias = null;
        if (mayAttend is not null)
        {
            // A key mask, [B, 1, 1, L], only: other masks broadcastable to [B, H, L, L] (by query, or full) with as many
            // elements would be misread as one.
            if (mayAttend.dtype != ScalarType.Bool || mayAttend.device_type != DeviceType.CPU || mayAttend.dim() != 4 ||
                mayAttend.size(0) != batch || mayAttend.size(1) != 1 || mayAttend.size(2) != 1 || mayAttend.size(3) != length)
            {
                return null;
            }

            keyBias = KeyBias(mayAttend.contiguous().bytes, batch, length);
            if (keyBias is null) return null;
        }

        // The scores are materialized, [rows, H, L, L]: a batch is taken in chunks that keep them under a budget, and a
        // sequence too long for even one row in it goes to the fused operator, whose kernel works in blocks.
        var scoreBytesPerRow = (long)heads * length * length * sizeof(float);
        if (scoreBytesPerRow > ScoreBudgetBytes) return null;
        var rowsPerChunk = (int)Math.Min(batch, ScoreBudgetBytes / scoreBytesPerRow);

        var input = projected.contiguous();
        var output = empty(batch, length, width);
        using var scores = empty(rowsPerChunk * heads, length, length);
        fixed (float* bias = keyBias)
        {
            for (var first = 0; first < batch; first += rowsPerChunk)
            {
                var rows = Math.Min(rowsPerChunk, batch - first);
                AttendRows(heads, length, width, TensorMemory.Floats(input) + (long)first * length * 3 * width, rows,
                    bias == null ? null : bias + (long)first * length, TensorMemory.Floats(scores),
                    TensorMemory.Floats(output) + (long)first * length * width);
            }
        }

        GC.KeepAlive(input);
        return output;
    }

    // Attention of `rows` batch rows: source [rows, L, 3d], scores [rows·H, L, L] (work space), result [rows, L, d].
    private static void AttendRows(int heads, int length, int width, float* source, int rows, float* keyBias, float* score, float* result)
    {
        var headWidth = width / heads;
        var count = rows * heads;
        var a = new IntPtr[count];
        var b = new IntPtr[count];
        var c = new IntPtr[count];

        // Scores: Q·Kᵀ/√dh for every (row, head), reading Q and K where the projection wrote them (row stride 3d).
        for (var i = 0; i < count; i++)
        {
            var row = source + (long)(i / heads) * length * 3 * width + (i % heads) * headWidth;
            a[i] = (IntPtr)row;
            b[i] = (IntPtr)(row + width);
            c[i] = (IntPtr)(score + (long)i * length * length);
        }

        Multiply(NoTranspose, Transpose, length, length, headWidth, 1f / MathF.Sqrt(headWidth), a, 3 * width, b, 3 * width, c, length);
        SoftmaxRows(score, (long)count * length, length, keyBias, heads * length);

        // Outputs: P·V, written at each head's columns of [rows, L, d].
        for (var i = 0; i < count; i++)
        {
            var (row, head) = (i / heads, i % heads);
            a[i] = (IntPtr)(score + (long)i * length * length);
            b[i] = (IntPtr)(source + (long)row * length * 3 * width + 2 * width + head * headWidth);
            c[i] = (IntPtr)(result + (long)row * length * width + head * headWidth);
        }

        Multiply(NoTranspose, NoTranspose, length, headWidth, length, 1f, a, length, b, 3 * width, c, width);
    }

    private static void Multiply(int transposeA, int transposeB, int m, int n, int k, float alpha,
        IntPtr[] a, int lda, IntPtr[] b, int ldb, IntPtr[] c, int ldc)
    {
        var (beta, groupSize) = (0f, a.Length);
        fixed (IntPtr* pa = a, pb = b, pc = c)
        {
            batchedProduct(RowMajor, &transposeA, &transposeB, &m, &n, &k, &alpha,
                (float**)pa, &lda, (float**)pb, &ldb, &beta, (float**)pc, &ldc, 1, &groupSize);
        }
    }

    // 0 where a key may be attended, -inf where not, per row of the batch; null when a row has no key left.
    internal static float[]? KeyBias(ReadOnlySpan<byte> keep, int batch, int length)
    {
        var bias = new float[batch * length];
        for (var row = 0; row < batch; row++)
        {
            var any = false;
            for (var key = row * length; key < (row + 1) * length; key++)
            {
                if (keep[key] != 0) any = true;
                else bias[key] = float.NegativeInfinity;
            }

            if (!any) return null;
        }

        return bias;
    }

    // Row-wise softmax in place: add the key bias (when masked) and subtract each row's maximum, one vector exponential
    // over everything, divide by the sums. Row r belongs to batch row r / rowsPerBias.
    private static void SoftmaxRows(float* data, long rows, int width, float* keyBias, int rowsPerBias)
    {
        for (long r = 0; r < rows; r++)
        {
            var row = new Span<float>(data + r * width, width);
            if (keyBias != null) Add(row, new ReadOnlySpan<float>(keyBias + r / rowsPerBias * width, width));
            var maximum = Maximum(row);
            Subtract(row, maximum);
        }

        const int chunk = 1 << 30;   // vsExp takes an int count
        var total = rows * width;
        for (long start = 0; start < total; start += chunk)
            exponential((int)Math.Min(chunk, total - start), data + start, data + start);

        for (long r = 0; r < rows; r++)
        {
            var row = new Span<float>(data + r * width, width);
            Scale(row, 1f / Sum(row));
        }
    }

    private static void Add(Span<float> row, ReadOnlySpan<float> values)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        for (; i + lanes <= row.Length; i += lanes) (new Vector<float>(row[i..]) + new Vector<float>(values[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] += values[i];
    }

    private static float Maximum(Span<float> row)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        var best = new Vector<float>(float.NegativeInfinity);
        for (; i + lanes <= row.Length; i += lanes) best = Vector.Max(best, new Vector<float>(row[i..]));
        var maximum = float.NegativeInfinity;
        for (var lane = 0; lane < lanes; lane++) maximum = MathF.Max(maximum, best[lane]);
        for (; i < row.Length; i++) maximum = MathF.Max(maximum, row[i]);
        return maximum;
    }

    private static void Subtract(Span<float> row, float value)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        var vector = new Vector<float>(value);
        for (; i + lanes <= row.Length; i += lanes) (new Vector<float>(row[i..]) - vector).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] -= value;
    }

    private static float Sum(Span<float> row)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        var sum = Vector<float>.Zero;
        for (; i + lanes <= row.Length; i += lanes) sum += new Vector<float>(row[i..]);
        var total = Vector.Sum(sum);
        for (; i < row.Length; i++) total += row[i];
        return total;
    }

    private static void Scale(Span<float> row, float factor)
    {
        var lanes = Vector<float>.Count;
        var i = 0;
        var vector = new Vector<float>(factor);
        for (; i + lanes <= row.Length; i += lanes) (new Vector<float>(row[i..]) * vector).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] *= factor;
    }
}
