using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Demultiplexers;

/// <summary>
/// No demultiplexing (<see cref="Demux.None"/>), for one input per backbone pass (N = 1): every input gets a single CLS
/// token in front, as in BERT; <see cref="Sequence"/> reads the CLS state, <see cref="Tokens"/> the content states, as
/// they come out of the backbone. With <see cref="Multiplexers.PlainMultiplexer"/> it makes the plain Transformer, the
/// paper's baseline B1. No parameters.
/// </summary>
public sealed class PlainDemultiplexer : Demultiplexer
{
    private readonly Tensor prefix;

    /// <summary>Creates the demux for <paramref name="layout"/> (whose N must be 1) and width <paramref name="hidden"/>.</summary>
    public PlainDemultiplexer(TokenLayout layout, int hidden)
        : base(nameof(PlainDemultiplexer), layout, hidden)
    {
        if (layout.N != 1)
            throw new System.ArgumentException($"{nameof(PlainDemultiplexer)} reads one input per backbone pass, so N must be 1, but the layout has N = {layout.N}.", nameof(layout));
        prefix = torch.tensor(new[] { layout.Cls }, new long[] { 1, 1 });
        RegisterComponents();
        this.DetachFromDisposeScopes();
    }

    /// <inheritdoc/>
    public override int PrefixLength => 1;

    /// <summary>Prepends the CLS token: <c>[rows, L]</c> -> <c>[rows, 1+L]</c>.</summary>
    public override Tensor AddPrefix(Tensor tokens) => PrependCls(tokens, prefix);

    /// <summary>The CLS state of every input: <c>[rows, 1+L, d]</c> -> <c>[rows, d]</c>.</summary>
    public override Tensor Sequence(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        return hidden.select(1, 0);
    }

    /// <summary>The content states of every input: <c>[rows, 1+L, d]</c> -> <c>[rows, L, d]</c>.</summary>
    public override Tensor Tokens(Tensor hidden, Tensor? shortcut = null)
    {
        RefuseShortcut(shortcut);
        var length = DemultiplexerShapes.Content(hidden, PrefixLength, Hidden, GetName());
        return hidden.narrow(1, PrefixLength, length);
    }
}
