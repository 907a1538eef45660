using DataMux.Backbones;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's encoder stage on a bare encoder, with the options that pick each of its paths.</summary>
internal static class EncoderStages
{
    /// <summary>Every path on: the native team when every layer is packed.</summary>
    public static readonly CpuEngineOptions Team = CpuEngineOptions.Default;

    /// <summary>The engine's layers one by one, with packed products.</summary>
    public static readonly CpuEngineOptions LayerByLayer = new() { EncoderTeam = false };

    /// <summary>The engine's layers one by one, with ordinary products (MKL attention still on).</summary>
    public static readonly CpuEngineOptions Unpacked = new() { PackedWeights = false, EncoderTeam = false };

    /// <summary>The stack through a stage compiled with <paramref name="options"/>, in inference mode.</summary>
    public static Tensor Run(TransformerEncoder encoder, CpuEngineOptions options, Tensor x, Tensor? mask)
    {
        using var stage = new EncoderStage(encoder, options);
        return Infer(stage, x, mask);
    }

    /// <summary>The stack through <paramref name="stage"/>, in inference mode.</summary>
    public static Tensor Infer(EncoderStage stage, Tensor x, Tensor? mask)
    {
        using var inference = inference_mode();
        return stage.Apply(x, mask);
    }

    /// <summary>The encoder's own module, in inference mode.</summary>
    public static Tensor Module(TransformerEncoder encoder, Tensor x, Tensor? mask)
    {
        using var inference = inference_mode();
        return encoder.forward(x, mask);
    }
}
