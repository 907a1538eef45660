using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Heads;

/// <summary>Per-token classifier: Linear d→labels. <c>[R, L, d]</c> -> <c>[R, L, labels]</c>.</summary>
public sealed class TokenClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear classifier;

    /// <summary>Creates the head.</summary>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="labels">Number of labels.</param>
    public TokenClassificationHead(int hidden, int labels)
        : base(nameof(TokenClassificationHead))
    {
        classifier = Linear(hidden, labels);
        RegisterComponents();
    }

    /// <summary>Logits <c>[R, L, labels]</c> for token representations <c>[R, L, d]</c>.</summary>
    public override Tensor forward(Tensor representations) => classifier.forward(representations);
}
