using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Heads;

/// <summary>
/// Sentence classifier on one representation per input: Linear d→d, GELU, Linear d→classes, as the reference code's
/// head after its index demux (<c>dense_before_out_proj</c>, GELU, <c>out_proj</c>). <c>[R, d]</c> -> <c>[R, classes]</c>.
/// </summary>
public sealed class SequenceClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly Linear classifier;

    /// <summary>Creates the head.</summary>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="classes">Number of classes.</param>
    public SequenceClassificationHead(int hidden, int classes)
        : base(nameof(SequenceClassificationHead))
    {
        dense = Linear(hidden, hidden);
        classifier = Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>Logits <c>[R, classes]</c> for representations <c>[R, d]</c>.</summary>
    public override Tensor forward(Tensor representations)
    {
        using var pooled = dense.forward(representations);
        using var activated = functional.gelu(pooled);
        return classifier.forward(activated);
    }
}
