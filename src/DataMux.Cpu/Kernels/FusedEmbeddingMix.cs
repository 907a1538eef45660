using System;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Cpu;

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
/// 22 MiB instead of 80 MiB). The output rows are dealt out in small chunks to libtorch's own OpenMP threads
/// (<see cref="NativeTeam"/>), whichever asks next: the index demux's prefix rows cost a fraction of a content row, so
/// equal halves left one thread waiting at N = 40. A second .NET thread, tried before libtorch's threads, competed with
/// libtorch's worker, which keeps spinning for a while after each operator, and gained nothing. Results match the operators within float32 rounding (the sums are taken in another order).
/// </remarks>
internal static unsafe class FusedEmbeddingMix
{
    /// <summary>The widest embedding the pass takes (one standardized row is kept on each thread's stack); wider ones run the operators.</summary>
    public const int MaximumWidth = 8192;

    /// <summary>
    /// The mixed embedding of <paramref name="ids"/> <c>[G·N, L]</c> as <c>[G, L, d]</c>, from the embedding block's
    /// token table, position table and LayerNorm (<paramref name="norm"/>), with per-index weights
    /// <paramref name="perIndex"/> <c>[N, d]</c> (null: all ones) for a mux of width <paramref name="hidden"/>; null
    /// when this pass cannot serve the call (other devices or types, shapes the modules would refuse), in which case
    /// the caller runs the modules, which say what is wrong.
    /// </summary>
    public static Tensor? TryMix(Tensor tokens, Tensor positions, LayerNorm norm, Tensor ids, int n, int hidden, Tensor? perIndex)
    {
        // Opened first: every read of a module's weight makes a new tensor handle, which the scope releases.
        using var scope = torch.NewDisposeScope();
        var (gamma, beta) = (norm.weight, norm.bias);
        if (!NativeTeam.IsAvailable || gamma is null || beta is null ||
            ids.device_type != DeviceType.CPU || ids.dtype != ScalarType.Int64 || ids.dim() != 2 ||
            !TensorMemory.IsContiguousFloatCpu(tokens) || !TensorMemory.IsContiguousFloatCpu(positions) ||
            !TensorMemory.IsContiguousFloatCpu(gamma) || !TensorMemory.IsContiguousFloatCpu(beta) ||
            (perIndex is not null && !TensorMemory.IsContiguousFloatCpu(perIndex)))
        {
            return null;
        }

        var (rows, length, width) = ((int)ids.size(0), (int)ids.size(1), (int)tokens.size(1));
        if (rows == 0 || length == 0 || rows % n != 0 || length > positions.size(0) || width != hidden || width > MaximumWidth ||
            positions.size(1) != width || gamma.numel() != width || beta.numel() != width ||
            (perIndex is not null && (perIndex.dim() != 2 || perIndex.size(0) != n || perIndex.size(1) != width)))
        {
            return null;
        }

        var source = ids.contiguous();
        // LayerNorm's affine part folded into the per-index weights: aᵢ = γ ⊙ wᵢ / N, c = β ⊙ Σᵢ wᵢ / N.
        var weights = perIndex ?? ones(n, width, dtype: ScalarType.Float32);
        using var count = n.ToScalar(); // held: see HeldScalars
        var scaled = (gamma.unsqueeze(0) * weights).div_(count).contiguous();
        var shift = (beta * weights.sum(dim: 0)).div_(count).contiguous();
        var output = empty(rows / n, length, width, dtype: ScalarType.Float32);
        var job = new Job
        {
            Ids = (long*)TensorMemory.Address(source), Groups = rows / n, N = n, Length = length, Width = width,
            TableRows = tokens.size(0), Tokens = TensorMemory.Floats(tokens), Positions = TensorMemory.Floats(positions),
            Scaled = TensorMemory.Floats(scaled), Shift = TensorMemory.Floats(shift), Epsilon = (float)norm.eps,
            Output = TensorMemory.Floats(output),
        };
        NativeTeam.Check(NativeTeam.EmbedMix(&job, torch.get_num_threads()), "embedding + mux pass");
        if (job.BadId >= 0)
        {
            var id = source.view(-1)[job.BadId].item<long>();
            throw new ArgumentOutOfRangeException(nameof(ids), id, $"Expected token ids in [0, {job.TableRows}), the embedding table's rows.");
        }

        return scope.MoveToOuter(output);
    }

    // dmx_mix_job in team.c.
    [StructLayout(LayoutKind.Sequential)]
    private struct Job
    {
        public long* Ids;
        public int Groups, N, Length, Width;
        public long TableRows;
        public float* Tokens, Positions, Scaled, Shift;
        public float Epsilon;
        public float* Output;
        public long BadId;
    }
}
