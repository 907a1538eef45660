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
