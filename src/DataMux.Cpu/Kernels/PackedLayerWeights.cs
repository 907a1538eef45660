using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// The four packed projections of an encoder layer of <paramref name="heads"/> heads, in call order, each in the two
/// pieces the encoder team multiplies with (the attention projections along heads, the feed-forward ones along its
/// columns); shared by layers with the same weights.
/// </summary>
internal sealed class PackedLayerWeights(int heads, Linear queryKeyValue, Linear output, Linear expand, Linear contract) : IDisposable
{
    public PackedLinear QueryKeyValue { get; } = new(queryKeyValue, WeightSplit.QueryKeyValue(Width(output), heads));
    public PackedLinear Output { get; } = new(output, WeightSplit.AlongHeads(Width(output), heads));
    public PackedLinear Expand { get; } = new(expand, WeightSplit.OutputHalves(Width(expand)));
    public PackedLinear Contract { get; } = new(contract, WeightSplit.InputHalves(Width(expand)));

    public long Bytes => QueryKeyValue.Bytes + Output.Bytes + Expand.Bytes + Contract.Bytes;

    /// <summary>The head count the pieces are cut for (the team reads the attention pieces by heads).</summary>
    public int Heads { get; } = heads;

    /// <summary>Whether more than one layer uses these copies (layers whose weights share storage).</summary>
    public bool Shared { get; private set; }

    /// <summary>Records a second layer with the same weights (and heads) as a user of these copies.</summary>
    public void AddUser() => Shared = true;

    /// <summary>
    /// Whether the four copies can serve the calling layer's projections on <paramref name="input"/>, a float32 CPU
    /// tensor; re-packs the weights that changed in place. Copies shared by several layers are never re-packed for a
    /// layer whose weights moved to other storage (that layer takes the ordinary products): re-packing them would change
    /// them under the other layers, also while they multiply. (Only layers of these heads get these copies: SharedPackedWeights keys them by heads.)
    /// </summary>
    public bool PrepareFor(Tensor input, Linear queryKeyValue, Linear output, Linear expand, Linear contract) =>
        input.device_type == DeviceType.CPU && input.dtype == ScalarType.Float32 &&
        QueryKeyValue.PrepareFor(queryKeyValue, Shared) && Output.PrepareFor(output, Shared) &&
        Expand.PrepareFor(expand, Shared) && Contract.PrepareFor(contract, Shared);

    /// <summary>Packs the calling layer's four weights again.</summary>
    public void Repack(Linear queryKeyValue, Linear output, Linear expand, Linear contract)
    {
        QueryKeyValue.Repack(queryKeyValue.weight!);
        Output.Repack(output.weight!);
        Expand.Repack(expand.weight!);
        Contract.Repack(contract.weight!);
    }

    // Output width of a layer: d for the output projection, the feed-forward width for the expanding one.
    private static int Width(Linear layer) => (int)layer.weight!.size(0);

    public void Dispose()
    {
        QueryKeyValue.Dispose();
        Output.Dispose();
        Expand.Dispose();
        Contract.Dispose();
    }
}
