using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.EndToEnd.Tests;

/// <summary>
/// A backbone as a user would write one for <see cref="BackboneAttribute"/>: no attention, two blocks that each apply a
/// position-wise feed-forward (so a position can form token-and-position features), then add a Linear of the mean over
/// positions to every position (so the CLS slot hears the content), each with a residual and LayerNorm.
/// <c>[G, S, d]</c> -> <c>[G, S, d]</c>.
/// </summary>
public sealed class MixerEncoder : Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> expand = new();
    private readonly ModuleList<Linear> contract = new();
    private readonly ModuleList<Linear> pool = new();
    private readonly ModuleList<LayerNorm> norm = new();

    /// <summary>Builds two blocks of width <paramref name="hidden"/>.</summary>
    public MixerEncoder(int hidden) : base(nameof(MixerEncoder))
    {
        for (var i = 0; i < 2; i++)
        {
            expand.Add(Linear(hidden, 2 * hidden));
            contract.Add(Linear(2 * hidden, hidden));
            pool.Add(Linear(hidden, hidden));
            norm.Add(LayerNorm(hidden));
        }

        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var h = x;
        for (var i = 0; i < 2; i++)
        {
            var local = h.add(contract[i].forward(functional.gelu(expand[i].forward(h))));
            var pooled = pool[i].forward(local.mean(new long[] { 1 }, keepdim: true));
            h = norm[i].forward(local.add(pooled));
        }

        return scope.MoveToOuter(h);
    }
}

/// <summary>A backbone that breaks its contract: it drops the last position.</summary>
public sealed class ShorteningEncoder : Module<Tensor, Tensor>
{
    /// <summary>Builds it (nothing to learn).</summary>
    public ShorteningEncoder() : base(nameof(ShorteningEncoder)) { }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => x.narrow(1, 0, x.size(1) - 1).clone();
}
