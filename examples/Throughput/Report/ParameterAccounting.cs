using System.Linq;
using DataMux;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Report;

/// <summary>
/// Parameters and buffers of a model split into what grows with N — the mux's transforms, the N index-token rows of
/// the embedding table, the prefix's extra position rows, the demux's buffers (the index prefix) and any per-index
/// demux weights (the learned keys) — and the backbone (encoder) they are compared with. The contextual mux's and the
/// learned-keys demux's shared layers do not grow with N and are left out of the growing part.
/// </summary>
internal sealed record ParameterCounts(long Backbone, long Embedding, long Total, long Mux, long IndexTokens, long PrefixPositions, long DemuxGrowing)
{
    public long GrowsWithN => Mux + IndexTokens + PrefixPositions + DemuxGrowing;

    public double PercentOfBackbone => 100.0 * GrowsWithN / Backbone;

    public static ParameterCounts Of(IMultiplexedModel model)
    {
        var c = model.Configuration;
        var parts = model.Parts;
        long Count(nn.Module m) => m.parameters().Sum(p => p.numel()) + m.buffers().Sum(b => b.numel());
        var prefix = parts.Demux.PrefixLength;
        // Index demux's shared MLP (Linear 2d->d, LayerNorm) does not grow with N; its prefix buffer does. The learned-keys
        // demux's two blocks do not either; its N keys do. The Mlp demux is per index throughout.
        var demuxGrowing = parts.Demux.buffers().Sum(b => b.numel()) + c.Demux switch
        {
            Demux.IndexEmbedding => 0,
            Demux.LearnedKeys => (long)c.N * c.Hidden,
            _ => parts.Demux.parameters().Sum(p => p.numel()),
        };
        // The contextual mux's two attention layers do not grow with N; its N Gaussian vectors do.
        var muxGrowing = c.Mux == DataMux.Mux.Contextual ? (long)c.N * c.Hidden : Count(parts.Mux);
        return new ParameterCounts(
            Backbone: Count(parts.Encoder),
            Embedding: Count(parts.Embedding),
            Total: Count((nn.Module)model),
            Mux: muxGrowing,
            IndexTokens: c.Demux == Demux.IndexEmbedding ? (long)c.N * c.Hidden : 0,
            PrefixPositions: (long)prefix * c.Hidden,
            DemuxGrowing: demuxGrowing);
    }
}
