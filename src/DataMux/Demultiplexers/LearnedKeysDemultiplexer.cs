using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// MUX-PLMs' demux (the reference code's <c>index_pos</c>, princeton-nlp/datamux-pretraining): a learned key kᵢ of width
/// d per index takes the place of the index prefix, so every input carries only a CLS token in front (prefix 1 instead
/// of N+1) and the backbone runs on N fewer positions. Input i's view of a state h is <see cref="LearnedKeysBlock"/>'s,
/// with h the CLS state for <see cref="Sequence"/> and every content state hₜ for <see cref="Tokens"/>
/// (<see cref="LearnedKeysImageDemultiplexer"/> is the same demux for image models).
/// </summary>
/// <remarks>
/// Sentence tasks: the reference puts CLS at the first position of every input (it overwrites the tokenizer's CLS) and
/// classifies from the mixed state at position 0; here CLS is prepended, since user ids carry no CLS, and read the same
/// way. The keys start at N(0, 1), as the reference draws them (<c>torch.randn</c>). Differences: the reference's task
/// path applies its first block's dropout where its name says LayerNorm (<c>getattr(..., "dropout_1")</c> bound to
/// <c>layernorm_cur</c>); we apply the LayerNorm, as its retrieval path does. Its retrieval head runs a second 2-layer
/// block (<c>dense_2</c>) the task never uses; ours reads the task's own demux (<see cref="Pairs"/>), so that a warm-up
/// trains what the task then uses. The <c>[G, N, L, 2d]</c> concatenation is never built (see <see cref="LearnedKeysBlock"/>).
/// </remarks>
public sealed class LearnedKeysDemultiplexer : Demultiplexer
{
    private readonly Tensor prefix;
    private readonly Parameter keys;
    private readonly Linear project;
    private readonly LayerNorm norm;
    private readonly Linear output;
    private readonly LayerNorm output_norm;

    /// <summary>Creates the demux for <paramref name="layout"/> (N and the special ids) and width <paramref name="hidden"/>.</summary>
    public LearnedKeysDemultiplexer(TokenLayout layout, int hidden)
        : base(nameof(LearnedKeysDemultiplexer), layout, hidden)
    {
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected a width Hidden >= 1.");
        prefix = torch.tensor(new[] { layout.Cls }, new long[] { 1, 1 });
        keys = new Parameter(torch.randn(layout.N, hidden));
        project = Linear(2 * hidden, hidden);
        norm = LayerNorm(hidden);
        output = Linear(hidden, hidden);
        output_norm = LayerNorm(hidden);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <inheritdoc/>
    public override int PrefixLength => 1;

    /// <summary>The keys kᵢ, <c>[N, d]</c>.</summary>
    public Parameter Keys => keys;

    /// <summary>Prepends the CLS token: <c>[G·N, L]</c> -> <c>[G·N, 1+L]</c>.</summary>
    public override Tensor AddPrefix(Tensor tokens) => PrependCls(tokens, prefix);

    /// <summary>One representation per input from the CLS state: <c>[G, 1+L, d]</c> -> <c>[G·N, d]</c> (row g·N+i).</summary>
    public override Tensor Sequence(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.size(0);
        var cls = LearnedKeysBlock.StatePart(hidden.select(1, 0), project, Hidden);          // [G, d]
        var summed = KeyPart().unsqueeze(0).add(cls.unsqueeze(1), HeldScalars.One);          // [G, N, d]
        return scope.MoveToOuter(Block(summed).reshape(groups * N, Hidden));
    }

    /// <summary>One representation per input token: <c>[G, 1+L, d]</c> -> <c>[G·N, L, d]</c> (row g·N+i).</summary>
    public override Tensor Tokens(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        var length = DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.size(0);
        var content = LearnedKeysBlock.StatePart(hidden.narrow(1, PrefixLength, length), project, Hidden); // [G, L, d]
        var summed = KeyPart().view(1, N, 1, Hidden).add(content.unsqueeze(1), HeldScalars.One);              // [G, N, L, d]
        return scope.MoveToOuter(Block(summed).reshape(groups * N, length, Hidden));
    }

    /// <summary>
    /// The demux's representation of chosen (group, input, content position) pairs, <paramref name="pairs"/> <c>[K, 3]</c>
    /// int64, from the backbone's output <paramref name="hidden"/> <c>[G, 1+L, d]</c> -> <c>[K, d]</c>: the same computation
    /// as <see cref="Tokens"/> for those pairs only. The retrieval objective reads the demux through this.
    /// </summary>
    public Tensor Pairs(Tensor hidden, Tensor pairs)
    {
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        DemultiplexerShapes.Pairs(pairs, GetName());
        using var scope = torch.NewDisposeScope();
        var (group, instance, position) = (pairs.select(1, 0), pairs.select(1, 1), pairs.select(1, 2));
        using var prefixLength = ((long)PrefixLength).ToScalar(); // held: see HeldScalars
        var tokenStates = hidden.index(new TensorIndex[] { TensorIndex.Tensor(group), TensorIndex.Tensor(position.add(prefixLength, HeldScalars.One)) }); // [K, d]
        var summed = KeyPart().index_select(0, instance).add_(LearnedKeysBlock.StatePart(tokenStates, project, Hidden), HeldScalars.One);
        return scope.MoveToOuter(Block(summed));
    }

    private Tensor KeyPart() => LearnedKeysBlock.KeyPart(keys, project, Hidden);

    private Tensor Block(Tensor summed) => LearnedKeysBlock.Apply(summed, norm, output, output_norm);
}
