using System;
using System.Numerics;
using System.Runtime.Intrinsics.X86;
using DataMux.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Performance;

/// <summary>
/// The embedding block and an element-wise mux in one pass, for inference on the CPU in float32: for every group g and
/// position l, <c>(1/N) Σᵢ wᵢ ⊙ LayerNorm(token[idsᵢ,l] + position[l])</c> is accumulated straight into the
/// <c>[G, L, d]</c> result.
/// </summary>
/// <remarks>
/// The operators (lookup, position add, LayerNorm, product with wᵢ, mean over i) each read and write the whole
/// <c>[G·N, L, d]</c> tensor: at the paper's N = 40 that is 20 MiB five times over, for a result of 0.5 MiB. This pass
/// reads each looked-up row once, normalizes it in a buffer that stays in the L1 cache and adds it, scaled, into its
/// output row. On this project's 2-core AMD EPYC (paper preset, d = 768), repeated on warm caches: 2.0-2.6 ms against
/// 3.5-5.2 ms for the operators at N = 40, 2.8-3.1 ms against 5.4-6.1 ms at N = 20; inside a forward pass, where the
/// looked-up rows come from DRAM, 5.3-5.5 ms against 6.1-6.4 ms, and 0.99-1.06x for the whole model at N = 20 and 40
/// (examples/Throughput --levers). It also leaves out the operators' intermediates (peak activation memory at N = 40
/// 22 MiB instead of 80 MiB). It runs on the calling thread: a second .NET thread competed with libtorch's own worker,
/// which keeps spinning for a while after each operator, and gained nothing. Results match the operators within float32 rounding (the sums are taken in another order).
/// </remarks>
public static unsafe class FusedEmbeddingMix
{
    /// <summary>Process-wide switch (default on): off makes inference use the separate operators, to compare.</summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>
    /// The mixed embedding of <paramref name="ids"/> <c>[G·N, L]</c> as <c>[G, L, d]</c>, with per-index weights
    /// <paramref name="perIndex"/> <c>[N, d]</c> (null: all ones) for a mux of width <paramref name="hidden"/>; null
    /// when this pass cannot serve the call (training, gradients, other devices or types, shapes the modules would
    /// refuse), in which case the caller runs the modules, which say what is wrong.
    /// </summary>
    internal static Tensor? TryMix(TokenEmbedding embedding, Tensor ids, int n, int hidden, Tensor? perIndex)
    {
        var (tokens, positions, gamma, beta) = (embedding.TokenTable, embedding.PositionTable, embedding.NormWeight, embedding.NormBias);
        if (!Enabled || embedding.training || torch.is_grad_enabled() ||
            ids.device_type != DeviceType.CPU || ids.dtype != ScalarType.Int64 || ids.dim() != 2 ||
            !TensorMemory.IsContiguousFloatCpu(tokens) || !TensorMemory.IsContiguousFloatCpu(positions) ||
            !TensorMemory.IsContiguousFloatCpu(gamma) || !TensorMemory.IsContiguousFloatCpu(beta) ||
            (perIndex is not null && !TensorMemory.IsContiguousFloatCpu(perIndex)))
        {
            return null;
        }

        var (rows, length, width) = ((int)ids.size(0), (int)ids.size(1), (int)tokens.size(1));
        if (rows == 0 || rows % n != 0 || length > positions.size(0) || width != hidden ||
            positions.size(1) != width || gamma.numel() != width || beta.numel() != width ||
            (perIndex is not null && (perIndex.dim() != 2 || perIndex.size(0) != n || perIndex.size(1) != width)))
        {
            return null;
        }

        using var scope = torch.NewDisposeScope();
        var source = ids.contiguous();
        // LayerNorm's affine part folded into the per-index weights: aᵢ = γ ⊙ wᵢ / N, c = β ⊙ Σᵢ wᵢ / N.
        var weights = perIndex ?? ones(n, width, dtype: ScalarType.Float32);
        var scaled = (gamma.unsqueeze(0) * weights / n).contiguous();
        var shift = (beta * weights.sum(dim: 0) / n).contiguous();
        var output = empty(rows / n, length, width, dtype: ScalarType.Float32);
        Mix((long*)TensorMemory.Address(source), rows / n, n, length, width, tokens.size(0),
            TensorMemory.Floats(tokens), TensorMemory.Floats(positions), TensorMemory.Floats(scaled), TensorMemory.Floats(shift),
            (float)embedding.NormEpsilon, TensorMemory.Floats(output));
        return scope.MoveToOuter(output);
    }

    private static void Mix(long* ids, int groups, int n, int length, int width, long tableRows,
        float* tokens, float* positions, float* scaled, float* shift, float epsilon, float* output)
    {
        var row = new float[width];
        fixed (float* x = row)
        {
            for (var g = 0; g < groups; g++)
            {
                for (var l = 0; l < length; l++)
                {
                    var result = output + ((long)g * length + l) * width;
                    new ReadOnlySpan<float>(shift, width).CopyTo(new Span<float>(result, width));
                    for (var i = 0; i < n; i++)
                    {
                        var id = ids[((long)g * n + i) * length + l];
                        if ((ulong)id >= (ulong)tableRows)
                            throw new ArgumentOutOfRangeException(nameof(ids), id, $"Expected token ids in [0, {tableRows}), the embedding table's rows.");
                        // The next input's row is a DRAM read at an unrelated address: ask for it while this one is worked on.
                        if (i + 1 < n) Prefetch(tokens, ids[((long)g * n + i + 1) * length + l], tableRows, width);
                        Normalize(tokens + id * width, positions + (long)l * width, x, width, epsilon);
                        AddScaled(result, x, scaled + (long)i * width, width);
                    }
                }
            }
        }
    }

    // x = LayerNorm's standardization of token + position (no affine part): (v - mean) / sqrt(variance + eps).
    private static void Normalize(float* token, float* position, float* x, int width, float epsilon)
    {
        var lanes = Vector<float>.Count;
        var k = 0;
        var sum = Vector<float>.Zero;
        for (; k + lanes <= width; k += lanes)
        {
            var v = Vector.Load(token + k) + Vector.Load(position + k);
            v.Store(x + k);
            sum += v;
        }

        var total = Vector.Sum(sum);
        for (; k < width; k++) total += x[k] = token[k] + position[k];
        var mean = total / width;

        var meanVector = new Vector<float>(mean);
        var squares = Vector<float>.Zero;
        for (k = 0; k + lanes <= width; k += lanes)
        {
            var centered = Vector.Load(x + k) - meanVector;
            squares += centered * centered;
        }

        var variance = Vector.Sum(squares);
        for (; k < width; k++) variance += (x[k] - mean) * (x[k] - mean);
        var scale = 1f / MathF.Sqrt(variance / width + epsilon);

        var scaleVector = new Vector<float>(scale);
        for (k = 0; k + lanes <= width; k += lanes) ((Vector.Load(x + k) - meanVector) * scaleVector).Store(x + k);
        for (; k < width; k++) x[k] = (x[k] - mean) * scale;
    }

    private static void AddScaled(float* result, float* x, float* weights, int width)
    {
        var lanes = Vector<float>.Count;
        var k = 0;
        for (; k + lanes <= width; k += lanes) (Vector.Load(result + k) + Vector.Load(x + k) * Vector.Load(weights + k)).Store(result + k);
        for (; k < width; k++) result[k] += x[k] * weights[k];
    }

    private static void Prefetch(float* tokens, long id, long tableRows, int width)
    {
        if (!Sse.IsSupported || (ulong)id >= (ulong)tableRows) return;
        var start = tokens + id * width;
        for (var k = 0; k < width; k += 16) Sse.Prefetch0(start + k);
    }
}
