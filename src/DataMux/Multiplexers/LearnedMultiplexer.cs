using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Multiplexers;

/// <summary>
/// φᵢ(x) = x·Wᵢ + bᵢ, a trainable linear map per index, initialised with a Haar orthogonal Wᵢ (drawn from a generator
/// seeded with the seed) and zero bias, so training starts from the Orthogonal mux; combined by the mean over N.
/// </summary>
public sealed class LearnedMultiplexer : Multiplexer
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates the mux.</summary>
    /// <param name="n">Inputs per group.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="seed">Seed of the orthogonal initialisation.</param>
    public LearnedMultiplexer(int n, int hidden, int seed)
        : base(nameof(LearnedMultiplexer), n, hidden)
    {
        using (var generator = RandomTransforms.CreateGenerator(seed))
        using (var initial = RandomTransforms.HaarOrthogonal(n, hidden, generator))
        {
            weight = new Parameter(initial.clone());
        }

        bias = new Parameter(torch.zeros(n, hidden));
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>The per-index weights Wᵢ, <c>[N, d_in, d_out]</c>.</summary>
    public Parameter Weight => weight;

    /// <summary>The per-index biases bᵢ, <c>[N, d]</c>.</summary>
    public Parameter Bias => bias;

    /// <summary>Mixes <c>[G·N, L, d]</c> into <c>[G, L, d]</c>: mean over i of xᵢ·Wᵢ + bᵢ.</summary>
    public override Tensor forward(Tensor embedded)
    {
        using var grouped = ViewGroups(embedded, weight);
        using var summed = torch.einsum("gnld,nde->gle", grouped, weight);
        using var meanBias = bias.mean(new long[] { 0 });
        using var count = N.ToScalar(); // held: see HeldScalars
        return summed.div(count).add_(meanBias, HeldScalars.One);
    }
}
