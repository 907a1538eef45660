using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Performance;

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

    /// <summary>
    /// Whether the four copies can serve the calling layer's projections on <paramref name="input"/>, a float32 CPU
    /// tensor; re-packs the weights that changed.
    /// </summary>
    public bool PrepareFor(Tensor input, Linear queryKeyValue, Linear output, Linear expand, Linear contract) =>
        input.device_type == DeviceType.CPU && input.dtype == ScalarType.Float32 &&
        QueryKeyValue.PrepareFor(queryKeyValue) && Output.PrepareFor(output) && Expand.PrepareFor(expand) && Contract.PrepareFor(contract);

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
