using System;
using DataMux.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DataMux.Demultiplexers;

/// <summary>
/// A path around the backbone for every input's own tokens: a second embedding table whose rows are added, per input,
/// to the index demux's projection before its GELU and LayerNorm. The mix makes the backbone carry N inputs in one
/// representation; with the shortcut it no longer has to carry what each input's tokens are (each input's demultiplexed
/// representation gets them unmixed), only what the context makes of them. For token tasks every token's row is added
/// at its position; for sentence tasks the mean of the input's non-padding rows (a bag of its tokens) is added to its
/// CLS representation. Rows start at N(0, 0.02²), so the demux starts as without it. <c>[G·N, L]</c> ids ->
/// <c>[G·N, L, d]</c> (tokens) or <c>[G·N, d]</c> (pooled). Not part of the DataMUX reference method: an option of this
/// library (<c>[Multiplexed(InputShortcut = true)]</c>).
/// </summary>
public sealed class InputShortcut : nn.Module<Tensor, Tensor>
{
    private readonly Embedding table;
    private readonly bool pooled;
    private readonly long paddingToken;

    /// <summary>Creates the shortcut for the ids of <paramref name="layout"/> and width <paramref name="hidden"/>.</summary>
    /// <param name="layout">The token layout (its table has <see cref="TokenLayout.EmbeddingRows"/> rows).</param>
    /// <param name="hidden">Representation width d.</param>
    /// <param name="pooled">True for sentence tasks: one mean row per input over its non-padding tokens.</param>
    public InputShortcut(TokenLayout layout, int hidden, bool pooled)
        : base(nameof(InputShortcut))
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Expected a width of at least 1.");
        table = Embedding(layout.EmbeddingRows, hidden);
        using (torch.no_grad()) init.normal_(table.weight!, 0, 0.02);
        this.pooled = pooled;
        paddingToken = layout.PaddingToken;
        Rows = layout.EmbeddingRows;
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <summary>Rows of the table (the ids it takes are below this).</summary>
    public int Rows { get; }

    /// <summary>Whether <see cref="forward"/> pools every input's rows into one (sentence tasks).</summary>
    public bool Pooled => pooled;

    /// <summary>The table, <c>[Rows, d]</c>.</summary>
    public Tensor Table => table.weight!;

    /// <summary>Every input's token rows <c>[G·N, L, d]</c>, or their mean over non-padding tokens <c>[G·N, d]</c> when pooled.</summary>
    public override Tensor forward(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.dim() != 2 || tokens.dtype != ScalarType.Int64)
            throw new ArgumentException($"{nameof(InputShortcut)} expects grouped token ids [G·N, L] of int64, but got {tokens.dtype} of shape {TokenChecks.Format(tokens.shape)}.", nameof(tokens));
        using var scope = torch.NewDisposeScope();
        var rows = table.forward(tokens);
        if (!pooled) return scope.MoveToOuter(rows);
        using var padding = paddingToken.ToScalar(); // held: see HeldScalars
        using var one = 1.0.ToScalar();
        var kept = tokens.ne(padding).unsqueeze(-1).to(rows.dtype);                      // [G·N, L, 1]
        var counts = kept.sum(1).clamp_min(one);                                           // filler rows: all padding
        return scope.MoveToOuter(rows.mul(kept).sum(1).div_(counts));
    }
}
