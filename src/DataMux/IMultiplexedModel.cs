using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>
/// What every generated model implements besides <c>Module&lt;Tensor, Tensor&gt;</c>: its configuration and its
/// parts, so that trainers and benchmarks work on any generated model.
/// </summary>
public interface IMultiplexedModel
{
    /// <summary>The attribute values the model was generated from.</summary>
    ModelConfiguration Configuration { get; }

    /// <summary>The model's submodules in call order (for per-component timing and inspection).</summary>
    ModelParts Parts { get; }

    /// <summary>Maps token ids <c>[rows, length]</c> (int64) to logits: <c>[rows, Classes]</c> or <c>[rows, length, Labels]</c>.</summary>
    Tensor forward(Tensor tokens);
}

/// <summary>The submodules of a generated model, in call order.</summary>
/// <param name="Embedding">Token and position embedding.</param>
/// <param name="Mux">The multiplexer.</param>
/// <param name="Encoder">The backbone.</param>
/// <param name="Demux">The demultiplexer.</param>
/// <param name="Head">The task head.</param>
public sealed record ModelParts(
    Backbones.TokenEmbedding Embedding,
    Multiplexers.Multiplexer Mux,
    Backbones.TransformerEncoder Encoder,
    Demultiplexers.Demultiplexer Demux,
    nn.Module<Tensor, Tensor> Head);
