using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Performance;

/// <summary>The four packed projections of an encoder layer, in call order; shared by layers with the same weights.</summary>
internal sealed class PackedLayerWeights(Linear queryKeyValue, Linear output, Linear expand, Linear contract) : IDisposable
{
    public PackedLinear QueryKeyValue { get; } = new(queryKeyValue);
    public PackedLinear Output { get; } = new(output);
    public PackedLinear Expand { get; } = new(expand);
    public PackedLinear Contract { get; } = new(contract);

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

    public void Dispose()
    {
        QueryKeyValue.Dispose();
        Output.Dispose();
        Expand.Dispose();
        Contract.Dispose();
    }
}
