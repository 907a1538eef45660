using System;
using DataMux.Batching;
using DataMux.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Training;

/// <summary>
/// The retrieval objective of DataMUX's warm-up (the reference code's <c>RetrievalHeadIndexDemultiplexing</c>): at
/// every content position t of a multiplexed group one input rₜ is drawn uniformly from the N, and the model predicts
/// that input's token at t from the backbone's output: its own index demux on [p_rₜ ; hₜ] (p_i: the state at input i's
/// index slot; Linear 2d→d, GELU, LayerNorm), or its learned-keys demux on [k_rₜ ; hₜ] (MUX-PLMs), followed by this head's
/// Linear d→Vocabulary. The loss is the cross-entropy
/// over the user vocabulary, positions whose target is padding (filler rows' included) left out. It trains the backbone
/// and the demux to keep every input recoverable from the mix; fine-tuning then mixes it into the task's loss
/// (<see cref="TrainingOptions.RetrievalWeight"/>) and starts from the demux the warm-up trained. An input shortcut never
/// takes part: it would hand the answer over.
/// </summary>
/// <remarks>
/// The head is training state, not part of the model: inference never uses it, and its <c>d × Vocabulary</c> decoder would
/// otherwise travel with every saved model. The trainer's checkpoints and the warm-up cache carry it.
/// </remarks>
public sealed class RetrievalHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear decoder;

    /// <summary>Creates the head for a model of <paramref name="configuration"/>, initialised from its seed.</summary>
    /// <exception cref="NotSupportedException">The model's demultiplexer is neither <see cref="Demux.IndexEmbedding"/> nor <see cref="Demux.LearnedKeys"/>.</exception>
    public RetrievalHead(ModelConfiguration configuration)
        : base(nameof(RetrievalHead))
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.Demux is not (Demux.IndexEmbedding or Demux.LearnedKeys))
        {
            throw new NotSupportedException(
                $"The retrieval objective reads input i through its index slot (Demux.IndexEmbedding) or its learned key (Demux.LearnedKeys), but {configuration.ModelName} uses Demux.{configuration.Demux}.");
        }

        Configuration = configuration;
        // Its own seed, apart from the model's weights: the model's are drawn from Seed itself.
        using (Seeding.Scope(unchecked(configuration.Seed + 7919)))
        {
            decoder = Linear(configuration.Hidden, configuration.Vocabulary);
        }

        RegisterComponents();
    }

    /// <summary>The configuration of the models this head serves.</summary>
    public ModelConfiguration Configuration { get; }

    /// <summary>Logits over the vocabulary for the demux's representations of chosen pairs: <c>[K, d]</c> -> <c>[K, Vocabulary]</c>.</summary>
    public override Tensor forward(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.size(1) != Configuration.Hidden)
            throw new ArgumentException($"{nameof(RetrievalHead)} expects demultiplexed rows [K, {Configuration.Hidden}], but got shape {TokenChecks.Format(features.shape)}.", nameof(features));
        return decoder.forward(features);
    }

    /// <summary>
    /// Logits for the pairs <paramref name="pairs"/> <c>[K, 3]</c> (group, input, position) of the backbone's output
    /// <paramref name="hidden"/>, through <paramref name="model"/>'s index demux then this head.
    /// </summary>
    public Tensor Logits(IMultiplexedModel model, Tensor hidden, Tensor pairs)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        var demultiplexed = model.Parts.Demux switch
        {
            Demultiplexers.IndexEmbeddingDemultiplexer index => index.Pairs(hidden, pairs),
            Demultiplexers.LearnedKeysDemultiplexer keys => keys.Pairs(hidden, pairs),
            var other => throw new ArgumentException(
                $"The retrieval objective needs an index or learned-keys demux, but {model.Configuration.ModelName} has {other.GetName()}.", nameof(model)),
        };
        return scope.MoveToOuter(forward(demultiplexed));
    }

    /// <summary>
    /// Draws the retrieval targets of a grouped batch: for every group g and content position t an input rₜ uniform in
    /// [0, N) from <paramref name="generator"/>, and the token input rₜ has there. Pairs whose token is padding (also
    /// every filler row's) are left out, and of the others each is kept with probability <paramref name="fraction"/>
    /// (the reference code's <c>retrieval_percentage</c>; 1 keeps them all). Returns the kept pairs <c>[K, 3]</c> (group,
    /// input, position) and their target tokens <c>[K]</c>.
    /// </summary>
    public (Tensor Pairs, Tensor Targets) DrawTargets(MultiplexedBatch batch, Generator generator, double fraction = 1.0)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Expected a fraction of the positions in (0, 1].");
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(generator);
        if (batch.N != Configuration.N)
            throw new ArgumentException($"{nameof(RetrievalHead)} serves N = {Configuration.N}, but the batch is grouped by N = {batch.N}.", nameof(batch));

        using var scope = torch.NewDisposeScope();
        var (groups, n, length) = (batch.Groups, batch.N, batch.Tokens.size(1));
        var grouped = batch.Tokens.view(groups, n, length);
        var chosen = torch.randint(0, n, new long[] { groups, length }, generator: generator, dtype: ScalarType.Int64).to(grouped.device);
        var targets = grouped.gather(1, chosen.unsqueeze(1)).squeeze(1);                                       // [G, L]
        using var groupCount = groups.ToScalar(); // held: see HeldScalars
        using var positionCount = length.ToScalar();
        var groupIds = torch.arange(groupCount, dtype: ScalarType.Int64, device: grouped.device).unsqueeze(1).expand(groups, length);
        var positions = torch.arange(positionCount, dtype: ScalarType.Int64, device: grouped.device).unsqueeze(0).expand(groups, length);
        using var padding = ((long)Configuration.PaddingToken).ToScalar(); // held: see HeldScalars
        var kept = targets.ne(padding);
        if (fraction < 1)
        {
            using var share = fraction.ToScalar(); // held: see HeldScalars
            kept.logical_and_(torch.rand(new long[] { groups, length }, generator: generator).to(kept.device).lt(share));
        }

        var pairs = torch.stack(new[] { groupIds.masked_select(kept), chosen.masked_select(kept), positions.masked_select(kept) }, 1);
        return (scope.MoveToOuter(pairs), scope.MoveToOuter(targets.masked_select(kept)));
    }
}
