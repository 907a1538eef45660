using System;
using DataMux.Cpu;
using TorchSharp;

namespace Throughput.Cli;

/// <summary>
/// Applies the process-wide CPU settings the options ask for and prints each one's state; maps the engine's levers on
/// the command line to the <see cref="CpuEngineOptions"/> every model is compiled with (what each compiled engine then
/// runs, and why, is its report).
/// </summary>
internal static class RuntimeSwitches
{
    public static CpuEngineOptions Apply(BenchmarkOptions options)
    {
        // Before anything calls into MKL: its kernel choice is made once, on the first call.
        var dispatch = options.MklFix ? MklCpuDispatch.TryEnable() : "off (--no-mkl-fix): MKL runs its generic code path on AMD CPUs";
        if (options.Threads > 0) torch.set_num_threads(options.Threads);
        // Keeps freed activation buffers in the heap, as QuickStart does (there it removed a 2x slow-process effect).
        var keepBuffers = !options.AllocatorDefaults && AllocatorTuning.TryKeepLargeBuffers();
        Console.WriteLine($"DataMux throughput: preset {options.Preset}, task {options.Task}");
        Console.WriteLine($"CPU: {MklCpuDispatch.ModelName} ({Environment.ProcessorCount} logical), torch threads {torch.get_num_threads()}, MKL vendor fix: {dispatch}");
        var engine = EngineOptions(options);
        Console.WriteLine($"CPU engine (DataMux.Cpu.CpuEngine.Compile) options: {engine}");
        Console.WriteLine($"glibc large-buffer tuning: {(keepBuffers ? "on" : options.AllocatorDefaults ? "off (--allocator-defaults)" : "unavailable")}");
        Console.WriteLine($"OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}; forward only, inference mode, warm-up {options.Warmup}, median of {options.Runs} interleaved rounds, each case >= {options.Slice:F1}s per round");
        return engine;
    }

    /// <summary>The engine's options from the command line's lever switches (every lever on unless switched off).</summary>
    public static CpuEngineOptions EngineOptions(BenchmarkOptions options) => new()
    {
        FusedEmbeddingMix = !options.UnfusedEmbedding,
        PackedWeights = options.PackedWeights,
        EncoderTeam = !options.NoTeam,
        PairSplit = !options.NoPairSplit,
        CpuAttention = !options.FusedAttention,
        FusedTokenDemux = !options.UnfusedTokenDemux,
    };
}
