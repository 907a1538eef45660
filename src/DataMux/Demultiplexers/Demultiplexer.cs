using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Demultiplexers;

/// <summary>
/// Recovers one representation per input from the backbone's output for a multiplexed group. A demultiplexer
/// may need extra tokens in front of every input (index tokens, CLS): <see cref="AddPrefix"/> adds them before
/// the embedding, and <see cref="Sequence"/> / <see cref="Tokens"/> read them back after the backbone.
/// </summary>
public abstract class Demultiplexer : nn.Module
{
    /// <summary>Creates a demultiplexer for the given token layout and width.</summary>
    protected Demultiplexer(string name, TokenLayout layout, int hidden) : base(name)
    {
        Layout = layout;
        Hidden = hidden;
    }

    /// <summary>The special token ids (CLS, filler, index tokens).</summary>
    public TokenLayout Layout { get; }

    /// <summary>Inputs per group.</summary>
    public int N => Layout.N;

    /// <summary>Representation width d.</summary>
    public int Hidden { get; }

    /// <summary>Number of tokens <see cref="AddPrefix"/> puts in front of every input.</summary>
    public abstract int PrefixLength { get; }

    /// <summary>Adds the prefix: <c>[G·N, L]</c> -> <c>[G·N, PrefixLength + L]</c> (int64).</summary>
    public abstract Tensor AddPrefix(Tensor tokens);

    /// <summary>
    /// One representation per input for sentence tasks: <c>[G, P+L, d]</c> -> <c>[G·N, d]</c>. <paramref name="shortcut"/>
    /// is an <see cref="InputShortcut"/>'s pooled rows <c>[G·N, d]</c>, or null; only the index demux takes one.
    /// </summary>
    public abstract Tensor Sequence(Tensor hidden, Tensor? shortcut = null);

    /// <summary>
    /// One representation per input token for token tasks: <c>[G, P+L, d]</c> -> <c>[G·N, L, d]</c>.
    /// <paramref name="shortcut"/> is an <see cref="InputShortcut"/>'s rows <c>[G·N, L, d]</c>, or null; only the index
    /// demux takes one.
    /// </summary>
    public abstract Tensor Tokens(Tensor hidden, Tensor? shortcut = null);

    /// <summary>
    /// The prefix of the demuxes that read one CLS state per input: <paramref name="cls"/> (<c>[1, 1]</c>, the CLS id)
    /// in front of every row, <c>[G·N, L]</c> -> <c>[G·N, 1+L]</c>.
    /// </summary>
    protected Tensor PrependCls(Tensor tokens, Tensor cls)
    {
        DemultiplexerShapes.Groups(tokens, N, GetName());
        using var scope = torch.NewDisposeScope();
        var prefixes = cls.expand(tokens.shape[0], 1);
        return scope.MoveToOuter(torch.cat(new[] { prefixes, tokens }, 1));
    }

    /// <summary>Throws for a shortcut given to a demultiplexer that has no place for one.</summary>
    protected void RefuseShortcut(Tensor? shortcut)
    {
        if (shortcut is not null)
            throw new System.ArgumentException($"{GetName()} takes no input shortcut (only the index demux adds one).", nameof(shortcut));
    }
}
