using System.Collections.Generic;
using System.Linq;
using DataMux;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>
/// Lets the benchmark keep every configuration alive at once (needed to interleave them) without holding a
/// 12-layer backbone per configuration: the encoder, the embedding tables and the head of every model are pointed
/// at the storage of one donor model. Weight values do not change the cost of a forward pass; memory does.
/// </summary>
internal static class WeightSharing
{
    public static void ShareBackbone(IMultiplexedModel donor, IMultiplexedModel model)
    {
        using var noGrad = torch.no_grad();
        Share(donor.Parts.Encoder, model.Parts.Encoder);
        Share(donor.Parts.Head, model.Parts.Head);
        Share(donor.Parts.Embedding, model.Parts.Embedding);
    }

    private static void Share(nn.Module donor, nn.Module target)
    {
        var source = donor.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in target.named_parameters())
        {
            if (!source.TryGetValue(name, out var shared)) continue;
            if (shared.shape.SequenceEqual(parameter.shape))
            {
                parameter.set_(shared);
            }
            else if (shared.dim() == 2 && parameter.dim() == 2 && shared.shape[1] == parameter.shape[1] && shared.shape[0] >= parameter.shape[0])
            {
                // Embedding tables differ only in their number of special-token / position rows: share a prefix.
                parameter.set_(shared.narrow(0, 0, parameter.shape[0]));
            }
        }
    }
}
