using System;
using System.Collections.Generic;
using System.Linq;
using DataMux.Backbones;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Performance;

/// <summary>
/// Keeps the encoder's projection weights in MKL's packed layout while this object lives, so that inference on the
/// CPU skips the repacking a plain matrix product does on every call. It pays off for wide layers multiplied with a
/// few hundred rows, the multiplexed batches of large models: with the paper's 12-layer encoder (d = 768) on this
/// project's 2-core AMD EPYC, 1.1-1.2x at 169 and 298 rows and about 1.0x at 2,600 (examples/Throughput). With narrow
/// layers it does not: QuickStart's 2-layer d = 128 encoder ran 0.9x, so measure before turning it on.
/// </summary>
/// <remarks>
/// <para>Opt-in, like the other settings in this namespace: <c>using var packed = PackedWeights.Pack(model);</c>
/// after training, before inference. Only forward passes without gradients in evaluation mode, on float32 CPU
/// tensors, use the packed copies; training, autograd and other devices or types take the ordinary path, and
/// outputs stay within float32 rounding of it either way.</para>
/// <para>The copies take memory of the order of the encoder's weights; models passed together whose encoder layers
/// share weight storage share one copy. Each forward pass compares a sample of every weight with the packed one and
/// re-packs what changed (weights loaded, an optimizer step); a change of a few single elements can slip past the
/// sample, so call <see cref="Repack"/> after such edits. Not for use while another thread changes the weights, and
/// not to be disposed while a forward pass runs.</para>
/// </remarks>
public sealed class PackedWeights : IDisposable
{
    private readonly List<TransformerEncoderLayer> layers;
    private readonly List<PackedLayerWeights> copies;

    private PackedWeights(List<TransformerEncoderLayer> layers, List<PackedLayerWeights> copies, string status)
    {
        this.layers = layers;
        this.copies = copies;
        Status = status;
    }

    /// <summary>
    /// Process-wide switch (default on): off makes inference use the ordinary products while the copies stay packed,
    /// to compare both in one process without packing again.
    /// </summary>
    public static bool Enabled { get; set; } = true;

    /// <summary>Whether MKL's packed GEMM exists in this process's libtorch.</summary>
    public static bool IsAvailable => MklPackedGemm.IsAvailable;

    /// <summary>Encoder layers that use packed copies (0 when nothing could be packed; <see cref="Status"/> says why).</summary>
    public int Layers => layers.Count;

    /// <summary>Bytes allocated for the packed copies (MKL reserves more than it fills; untouched pages take no memory).</summary>
    public long Bytes => copies.Sum(copy => copy.Bytes);

    /// <summary>
    /// How many times the projections were packed, the first packing included (four per copy): a count that keeps
    /// growing in a steady workload means weights keep changing under the copies, and each call pays for packing.
    /// </summary>
    public long Packings => copies.Sum(copy => (long)copy.QueryKeyValue.Packings + copy.Output.Packings + copy.Expand.Packings + copy.Contract.Packings);

    /// <summary>What happened, in words, for logs and benchmark reports.</summary>
    public string Status { get; }

    /// <summary>
    /// Packs the projections of every <see cref="TransformerEncoderLayer"/> in <paramref name="models"/> whose weights
    /// are float32 CPU tensors. Does not fail for lack of MKL: then nothing is packed and <see cref="Status"/> says why.
    /// </summary>
    /// <exception cref="InvalidOperationException">A layer is already packed by another <see cref="PackedWeights"/>.</exception>
    public static PackedWeights Pack(params nn.Module[] models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Length == 0 || models.Any(model => model is null))
            throw new ArgumentException("Expected at least one model, and no null ones.", nameof(models));
        if (!MklPackedGemm.IsAvailable) return new PackedWeights([], [], $"off: {MklPackedGemm.UnavailableReason}");

        var found = models.SelectMany(model => model.modules().OfType<TransformerEncoderLayer>()).Distinct().ToList();
        if (found.Count == 0) return new PackedWeights([], [], "off: no TransformerEncoderLayer in the model");
        if (found.Any(layer => layer.PackedWeights is not null))
            throw new InvalidOperationException("The model's encoder is already packed: dispose the earlier PackedWeights first.");
        var packable = found.Where(layer => layer.CanPackWeights).ToList();
        if (packable.Count == 0) return new PackedWeights([], [], "off: the encoder's weights are not float32 CPU tensors");

        // Layers share copies when their weights share storage and their heads agree (the pieces are cut by heads).
        var byStorage = new Dictionary<((IntPtr, IntPtr, IntPtr, IntPtr), int), PackedLayerWeights>();
        foreach (var layer in packable)
        {
            var key = (StorageOf(layer.ProjectionWeights), layer.Heads);
            byStorage[key] = layer.PackWeights(byStorage.GetValueOrDefault(key));
        }

        var copies = byStorage.Values.ToList();
        var mebibytes = copies.Sum(copy => copy.Bytes) / (1024.0 * 1024.0);
        var skipped = found.Count - packable.Count;
        return new PackedWeights(packable, copies,
            $"on: {copies.Count * 4} projections of {copies.Count} encoder layers packed for MKL ({mebibytes:F0} MiB reserved)" +
            (packable.Count > copies.Count ? $", used by {packable.Count} layers" : "") +
            (skipped > 0 ? $"; {skipped} layers not float32 CPU, left alone" : ""));
    }

    /// <summary>Packs every weight again: after in-place edits of a few elements, which the sampled check may miss.</summary>
    public void Repack()
    {
        foreach (var layer in layers) layer.RepackWeights();
    }

    /// <summary>Frees the packed copies; the layers go back to ordinary matrix products.</summary>
    public void Dispose()
    {
        foreach (var layer in layers) layer.UnpackWeights();
        foreach (var copy in copies) copy.Dispose();
        layers.Clear();
        copies.Clear();
    }

    private static (IntPtr, IntPtr, IntPtr, IntPtr) StorageOf(Tensor[] weights) =>
        (TensorMemory.Address(weights[0]), TensorMemory.Address(weights[1]), TensorMemory.Address(weights[2]), TensorMemory.Address(weights[3]));
}
