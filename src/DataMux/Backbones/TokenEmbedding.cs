using System;
using DataMux.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Backbones;

/// <summary>
/// The embedding block the mux is applied after (as in the reference code): token embedding plus a learned
/// position embedding over positions <c>[0, P+L)</c>, then LayerNorm and dropout.
/// <c>[B, T]</c> int64 -> <c>[B, T, d]</c>. <see cref="Reembed"/> runs the mixed sequence through the same block
/// again, as the reference code feeds the mux's output to its backbone (<c>inputs_embeds</c>).
/// </summary>
public sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    // The standard deviation of the tables' initial rows (the reference code's initializer_range).
    private const double InitialStd = 0.02;

    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly LayerNorm norm;
    private readonly FastDropout dropout;
    private readonly int rows; // the token table's rows, for the id check

    /// <summary>Creates the embedding for every id of <paramref name="layout"/> (user ids and special tokens).</summary>
    /// <param name="layout">The token layout; the table has <see cref="TokenLayout.EmbeddingRows"/> rows.</param>
    /// <param name="maxPositions">Longest prefixed sequence: MaxLength + the demultiplexer's prefix length.</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="dropout">Dropout probability in training, in [0, 1).</param>
    public TokenEmbedding(TokenLayout layout, int maxPositions, int hidden, double dropout)
        : base(nameof(TokenEmbedding))
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (maxPositions < 1) throw new ArgumentOutOfRangeException(nameof(maxPositions), maxPositions, "Expected at least 1 position.");
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected a width of at least 1.");
        if (dropout < 0 || dropout >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Expected a dropout probability in [0, 1).");
        MaxPositions = maxPositions;
        rows = layout.EmbeddingRows;
        tokens = Embedding(rows, hidden);
        positions = Embedding(maxPositions, hidden);
        // N(0, 0.02²) as the reference code (RoBERTa's initializer_range) draws them, not nn.Embedding's N(0, 1): the
        // re-embedding adds the position rows to the mix, whose elements are about 1/√(d·N), and rows of scale 1 drowned it
        // (a retrieval warm-up at N = 4 then stayed at chance for 800 steps). The first LayerNorm is blind to the scale.
        using (torch.no_grad())
        {
            init.normal_(tokens.weight!, 0, InitialStd);
            init.normal_(positions.weight!, 0, InitialStd);
        }
        norm = LayerNorm(hidden);
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>Number of positions the position table covers.</summary>
    public int MaxPositions { get; }

    /// <summary>The device the tables are on: where a model built on this embedding expects its token ids.</summary>
    public Device Device
    {
        get
        {
            // Every read of a module's weight makes a new tensor handle; this one is released here, not by a finalizer.
            using var table = tokens.weight!;
            return table.device;
        }
    }

    // The tables and the norm's parameters, for PlainStart, which copies a plain model's embedding into a multiplexed one.
    internal Tensor TokenTable => tokens.weight!;

    internal Tensor PositionTable => positions.weight!;

    internal Tensor NormWeight => norm.weight!;

    internal Tensor NormBias => norm.bias!;

    /// <summary>Embeds <c>[B, T]</c> token ids (<c>T &lt;= MaxPositions</c>) into <c>[B, T, d]</c>.</summary>
    public override Tensor forward(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.dim() != 2 || ids.size(1) < 1 || ids.size(1) > MaxPositions)
        {
            throw new ArgumentException(
                $"{nameof(TokenEmbedding)} expects token ids of shape [rows, positions] with 1 <= positions <= {MaxPositions}, " +
                $"but got shape {TokenChecks.Format(ids.shape)}.", nameof(ids));
        }

        if (ids.dtype != ScalarType.Int64 && ids.dtype != ScalarType.Int32)
        {
            throw new ArgumentException($"{nameof(TokenEmbedding)} expects integer token ids (int64 or int32), but got {ids.dtype}.", nameof(ids));
        }

        using var scope = torch.NewDisposeScope();
        // libtorch's own answer to an id past the table is "index out of range in self"; this one names the range.
        // item<long>, not ToInt64: that one reads through a Scalar nothing holds, which the finalizer can free during
        // the call (libtorch then aborts the process: 2 in 7.5 million calls under forced collections; see HeldScalars).
        var (smallest, largest) = (ids.min().to(ScalarType.Int64).item<long>(), ids.max().to(ScalarType.Int64).item<long>());
        if (smallest < 0 || largest >= rows)
        {
            throw new ArgumentOutOfRangeException(nameof(ids), smallest < 0 ? smallest : largest,
                $"{nameof(TokenEmbedding)} expects token ids in [0, {rows}) (the table's rows: the vocabulary and the special ids), but got ids from {smallest} to {largest}.");
        }

        var embedded = tokens.forward(ids).add_(Positions(ids.size(1)), HeldScalars.One);
        return scope.MoveToOuter(dropout.forward(norm.forward(embedded)));
    }

    /// <summary>
    /// The block again, on the mux's output <c>[G, T, d]</c> (<c>T &lt;= MaxPositions</c>): the same position
    /// embedding added, then the same LayerNorm and dropout, as the reference code runs the mixed sequence through its
    /// backbone's embedding layer (<c>inputs_embeds</c>). The encoder then sees every position at the scale of a single
    /// input whatever N and the mux's scale are, with its position information restated after the mix.
    /// </summary>
    public Tensor Reembed(Tensor mixed)
    {
        ArgumentNullException.ThrowIfNull(mixed);
        using var table = tokens.weight!;
        if (mixed.dim() != 3 || mixed.size(1) < 1 || mixed.size(1) > MaxPositions || mixed.size(2) != table.size(1))
        {
            throw new ArgumentException(
                $"{nameof(TokenEmbedding)}.{nameof(Reembed)} expects a mixed sequence of shape [G, positions, {table.size(1)}] with 1 <= positions <= {MaxPositions}, " +
                $"but got shape {TokenChecks.Format(mixed.shape)}.", nameof(mixed));
        }

        using var scope = torch.NewDisposeScope();
        var summed = mixed.add(Positions(mixed.size(1)), HeldScalars.One);
        return scope.MoveToOuter(dropout.forward(norm.forward(summed)));
    }

    /// <summary>
    /// The embeddings of positions 0..<paramref name="count"/>-1: the table's first rows, sliced instead of looked up
    /// through an index tensor.
    /// </summary>
    private Tensor Positions(long count) => positions.weight!.narrow(0, 0, count);
}
