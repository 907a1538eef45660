using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// Index-embedding demux (the paper's best). Every input gets an N+1 token prefix: slot i holds input i's index
/// token εᵢ, the other index slots the shared filler, slot N the CLS token. After the backbone the state pᵢ at slot i
/// identifies input i, and a shared MLP on [pᵢ ; h] (Linear 2d→d, GELU, LayerNorm) recovers input i's view of h:
/// h = the CLS state for <see cref="Sequence"/>, every content token hₜ for <see cref="Tokens"/>.
/// </summary>
/// <remarks>
/// The Linear on a concatenation equals W_p·pᵢ + W_h·h + b, with W = [W_p | W_h] the halves of the one 2d→d weight
/// (so the state dict holds a plain Linear). Both halves are applied once, to <c>[G, N, d]</c> and <c>[G, L, d]</c>,
/// and broadcast-added: the <c>[G, N, L, 2d]</c> concatenation is never built.
/// </remarks>
public sealed class IndexEmbeddingDemultiplexer : Demultiplexer
{
    private readonly Tensor prefix;
    private readonly Linear project;
    private readonly LayerNorm norm;

    /// <summary>Creates the demux for <paramref name="layout"/> (N and the special ids) and width <paramref name="hidden"/>.</summary>
    public IndexEmbeddingDemultiplexer(TokenLayout layout, int hidden)
        : base(nameof(IndexEmbeddingDemultiplexer), layout, hidden)
    {
        var n = layout.N;
        var ids = new long[n * (n + 1)];
        for (var i = 0; i < n; i++)
        {
            for (var slot = 0; slot < n; slot++) ids[i * (n + 1) + slot] = slot == i ? layout.Index(i) : layout.Filler;
            ids[i * (n + 1) + n] = layout.Cls;
        }

        prefix = torch.tensor(ids, new long[] { n, n + 1 });
        project = Linear(2 * hidden, hidden);
        norm = LayerNorm(hidden);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <inheritdoc/>
    public override int PrefixLength => N + 1;

    /// <summary>Prepends the index prefix: row g·N+i gets prefix row i. <c>[G·N, L]</c> -> <c>[G·N, N+1+L]</c>.</summary>
    public override Tensor AddPrefix(Tensor tokens)
    {
        var groups = DemultiplexerShapes.Groups(tokens, N, GetName());
        using var scope = torch.NewDisposeScope();
        // Concatenate in the grouped view [G, N, ·] so the broadcast prefix is copied once, straight into the result.
        var prefixes = prefix.unsqueeze(0).expand(groups, N, PrefixLength);
        var grouped = tokens.view(groups, N, tokens.size(1));
        var prefixed = torch.cat(new[] { prefixes, grouped }, 2).view(groups * N, PrefixLength + tokens.size(1));
        return scope.MoveToOuter(prefixed);
    }

    /// <summary>
    /// One representation per input from the CLS slot: <c>[G, N+1+L, d]</c> -> <c>[G·N, d]</c> (row g·N+i), with an
    /// <see cref="InputShortcut"/>'s pooled rows <c>[G·N, d]</c> added before the GELU when given.
    /// </summary>
    public override Tensor Sequence(Tensor hidden, Tensor? shortcut = null)
    {
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.size(0);
        var indices = IndexPart(hidden);                                            // [G, N, d]
        var cls = functional.linear(hidden.select(1, N), ContentWeight, project.bias); // [G, d]
        var mixed = indices.add_(cls.unsqueeze(1), HeldScalars.One);
        if (shortcut is not null) mixed.add_(DemultiplexerShapes.Shortcut(shortcut, groups, N, null, Hidden, GetName()), HeldScalars.One);
        var result = norm.forward(functional.gelu(mixed)).reshape(groups * N, Hidden);
        return scope.MoveToOuter(result);
    }

    /// <summary>
    /// One representation per input token: <c>[G, N+1+L, d]</c> -> <c>[G·N, L, d]</c> (row g·N+i), with an
    /// <see cref="InputShortcut"/>'s rows <c>[G·N, L, d]</c> added before the GELU when given.
    /// </summary>
    public override Tensor Tokens(Tensor hidden, Tensor? shortcut = null)
    {
        var length = DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        using var scope = torch.NewDisposeScope();
        var groups = hidden.size(0);
        var indices = IndexPart(hidden);                                                         // [G, N, d]
        var content = functional.linear(hidden.narrow(1, PrefixLength, length), ContentWeight, project.bias); // [G, L, d]
        var rows = shortcut is null ? null : DemultiplexerShapes.Shortcut(shortcut, groups, N, length, Hidden, GetName()); // [G, N, L, d]
        var normalized = norm.forward(functional.gelu(Sum(indices.unsqueeze(2).add(content.unsqueeze(1), HeldScalars.One), rows))); // [G, N, L, d]
        var result = normalized.reshape(groups * N, length, Hidden);
        return scope.MoveToOuter(result);
    }

    /// <summary>
    /// The demux's representation of chosen (group, input, content position) pairs: <c>LayerNorm(GELU(W_p·pᵢ + W_h·hₜ + b))</c>
    /// for each row of <paramref name="pairs"/> <c>[K, 3]</c> int64, from the backbone's output <paramref name="hidden"/>
    /// <c>[G, N+1+L, d]</c> -> <c>[K, d]</c>. The retrieval objective reads the demux through this (its head is this
    /// demux followed by a Linear over the vocabulary), so that a warm-up trains the demux the task then uses.
    /// </summary>
    public Tensor Pairs(Tensor hidden, Tensor pairs)
    {
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        DemultiplexerShapes.Pairs(pairs, GetName());
        using var scope = torch.NewDisposeScope();
        var (group, instance, position) = (pairs.select(1, 0), pairs.select(1, 1), pairs.select(1, 2));
        using var prefix = ((long)PrefixLength).ToScalar(); // held: see HeldScalars
        var indexStates = hidden.index(new TensorIndex[] { TensorIndex.Tensor(group), TensorIndex.Tensor(instance) });                          // [K, d]
        var tokenStates = hidden.index(new TensorIndex[] { TensorIndex.Tensor(group), TensorIndex.Tensor(position.add(prefix, HeldScalars.One)) }); // [K, d]
        var projected = functional.linear(indexStates, project.weight!.narrow(1, 0, Hidden))
            .add_(functional.linear(tokenStates, ContentWeight, project.bias), HeldScalars.One);
        return scope.MoveToOuter(norm.forward(functional.gelu(projected)));
    }

    private static Tensor Sum(Tensor sum, Tensor? rows) => rows is null ? sum : sum.add_(rows, HeldScalars.One);

    /// <summary>W_p·pᵢ for every index slot: <c>[G, N, d]</c> (no bias; it is added with the content half).</summary>
    private Tensor IndexPart(Tensor hidden) => functional.linear(hidden.narrow(1, 0, N), project.weight!.narrow(1, 0, Hidden));

    /// <summary>W_h, the half of the projection that applies to the CLS or content state.</summary>
    private Tensor ContentWeight => project.weight!.narrow(1, Hidden, Hidden);
}
