using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// The index demux's per-token tail in one pass, for inference on the CPU in float32:
/// <c>LayerNorm(GELU(W_p·pᵢ + W_h·hₜ + b))</c> for every group g, input i and token t, written straight into the
/// <c>[G, N, L, d]</c> result from the <c>[G, N, d]</c> and <c>[G, L, d]</c> halves of the projection (plus an input
/// shortcut's row for (g, i, t) where the model has one).
/// </summary>
/// <remarks>
/// The operators (broadcast sum, GELU, LayerNorm) each read and write the whole <c>[G, N, L, d]</c> tensor, 15 MiB
/// at the paper preset (d = 768, L = 128) for N = 20 and 40: the sum is written once, GELU reads and writes it, and
/// LayerNorm reads it twice and writes it again. This pass writes each output row once, computed from two rows that
/// stay in the cache. The rows are dealt out in chunks to libtorch's own OpenMP threads (<see cref="NativeTeam"/>).
/// Results match the operators within float32 rounding: GELU and LayerNorm are the encoder team's loops, which follow
/// libtorch's CPU kernels.
/// </remarks>
internal static unsafe class FusedTokenDemux
{
    /// <summary>Whether the native pass can run here (the team library is built and loaded); false: the operators run.</summary>
    public static bool IsAvailable => NativeTeam.IsAvailable;

    /// <summary>Why <see cref="IsAvailable"/> is false, in words; empty when available.</summary>
    public static string UnavailableReason => NativeTeam.UnavailableReason;

    /// <summary>
    /// <c>LayerNorm(GELU(indexPart[g, i] + content[g, t]))</c> as <c>[G, N, L, d]</c>, with <paramref name="indexPart"/>
    /// <c>[G, N, d]</c>, <paramref name="content"/> <c>[G, L, d]</c> and LayerNorm parameters <paramref name="weight"/>,
    /// <paramref name="bias"/> <c>[d]</c>, and an input shortcut's rows <paramref name="shortcut"/> <c>[G, N, L, d]</c>
    /// added to the sum when given; null when this pass cannot serve the call (other devices or types, other
    /// shapes), in which case the caller runs the operators.
    /// </summary>
    internal static Tensor? TryApply(Tensor indexPart, Tensor content, Tensor? shortcut, Tensor weight, Tensor bias, double epsilon)
    {
        if (!NativeTeam.IsAvailable ||
            !TensorMemory.IsFloatCpu(indexPart) || !TensorMemory.IsFloatCpu(content) ||
            (shortcut is not null && !TensorMemory.IsFloatCpu(shortcut)) ||
            !TensorMemory.IsContiguousFloatCpu(weight) || !TensorMemory.IsContiguousFloatCpu(bias) ||
            indexPart.dim() != 3 || content.dim() != 3)
        {
            return null;
        }

        var (groups, n, width) = (indexPart.size(0), indexPart.size(1), indexPart.size(2));
        var length = content.size(1);
        if (groups < 1 || n < 1 || length < 1 || width < 1 || content.size(0) != groups || content.size(2) != width ||
            weight.numel() != width || bias.numel() != width ||
            (shortcut is not null && (shortcut.dim() != 4 || shortcut.size(0) != groups || shortcut.size(1) != n || shortcut.size(2) != length || shortcut.size(3) != width)))
        {
            return null;
        }

        using var scope = torch.NewDisposeScope();
        // The halves come from products, so these are no-ops there; a strided view would otherwise be read wrongly.
        var (index, tokens, rows) = (indexPart.contiguous(), content.contiguous(), shortcut?.contiguous());
        var output = empty(groups, n, length, width, dtype: ScalarType.Float32);
        var job = new Job
        {
            IndexPart = TensorMemory.Floats(index), Content = TensorMemory.Floats(tokens), Shortcut = rows is null ? null : TensorMemory.Floats(rows),
            Weight = TensorMemory.Floats(weight), Bias = TensorMemory.Floats(bias),
            Groups = (int)groups, N = (int)n, Length = (int)length, Width = (int)width, Epsilon = (float)epsilon,
            Output = TensorMemory.Floats(output),
        };
        NativeTeam.Check(NativeTeam.DemuxTokens(&job, torch.get_num_threads()), "token demux pass");
        return scope.MoveToOuter(output);
    }

    // dmx_demux_job in team.c.
    [StructLayout(LayoutKind.Sequential)]
    private struct Job
    {
        public float* IndexPart, Content, Shortcut, Weight, Bias;
        public int Groups, N, Length, Width;
        public float Epsilon;
        public float* Output;
    }
}
