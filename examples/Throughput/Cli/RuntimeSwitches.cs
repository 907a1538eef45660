using System;
using DataMux.Performance;
using TorchSharp;

namespace Throughput.Cli;

/// <summary>Sets the runtime's process-wide switches from the options (the levers' off switches) and prints each one's state.</summary>
internal static class RuntimeSwitches
{
    public static void Apply(BenchmarkOptions options)
    {
        // Before anything calls into MKL: its kernel choice is made once, on the first call.
        var dispatch = options.MklFix ? MklCpuDispatch.TryEnable() : "off (--no-mkl-fix): MKL runs its generic code path on AMD CPUs";
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        // Keeps freed activation buffers in the heap, as QuickStart does (there it removed a 2x slow-process effect).
        var keepBuffers = !options.AllocatorDefaults && AllocatorTuning.TryKeepLargeBuffers();
        Console.WriteLine($"DataMux throughput: preset {options.Preset}, task {options.Task}");
        Console.WriteLine($"CPU: {MklCpuDispatch.ModelName} ({Environment.ProcessorCount} logical), torch threads {torch.get_num_threads()}, MKL vendor fix: {dispatch}");
        CpuAttention.Enabled = !options.FusedAttention;
        Console.WriteLine($"Attention in inference: {(options.FusedAttention ? "libtorch's scaled_dot_product_attention (--fused-attention)" : CpuAttention.IsAvailable ? "DataMux.Performance.CpuAttention (MKL batched products)" : $"libtorch's scaled_dot_product_attention ({CpuAttention.UnavailableReason})")}");
        EncoderTeam.Enabled = !options.NoTeam;
        EncoderTeam.PairSplit = !options.NoPairSplit;
        Console.WriteLine($"Encoder in inference: {(options.NoTeam ? "layer by layer on libtorch's operators (--no-team)" : EncoderTeam.IsAvailable ? "DataMux.Performance.EncoderTeam (one native pass; needs packed weights)" : $"layer by layer ({EncoderTeam.UnavailableReason})")}");
        if (!options.NoTeam && EncoderTeam.IsAvailable)
            Console.WriteLine(options.NoPairSplit
                ? "Encoder team split: rows for every batch (--no-pair-split)"
                : $"Encoder team split: rows; by weights (pair split) for two-thread teams under {EncoderTeam.PairSplitBelowRowsPerThread} rows per thread");
        FusedEmbeddingMix.Enabled = !options.UnfusedEmbedding;
        Console.WriteLine($"Embedding + element-wise mux in inference: {(options.UnfusedEmbedding ? "separate operators (--unfused-embedding)" : "DataMux.Performance.FusedEmbeddingMix (one pass)")}");
        FusedTokenDemux.Enabled = !options.UnfusedTokenDemux;
        Console.WriteLine($"Index demux over tokens in inference: {(options.UnfusedTokenDemux ? "sum, GELU and LayerNorm as operators (--unfused-token-demux)" : FusedTokenDemux.IsAvailable ? "DataMux.Performance.FusedTokenDemux (one pass)" : $"operators ({FusedTokenDemux.UnavailableReason})")}");
        Console.WriteLine($"glibc large-buffer tuning: {(keepBuffers ? "on" : options.AllocatorDefaults ? "off (--allocator-defaults)" : "unavailable")}");
        Console.WriteLine($"OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}; forward only, inference mode, warm-up {options.Warmup}, median of {options.Runs} interleaved rounds, each case >= {options.Slice:F1}s per round");
    }
}
