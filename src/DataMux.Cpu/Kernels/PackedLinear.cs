using System;
using System.Linq;
using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// A <see cref="Linear"/> layer's weight in MKL's packed layout, in the two pieces a <see cref="WeightSplit"/> cuts,
/// for inference on the CPU in float32. Layers whose weights share storage can share one packed copy: every call
/// passes the calling layer, whose bias is read as it is, and whose weight is compared with the packed one (and
/// packed again when it changed).
/// </summary>
internal sealed unsafe class PackedLinear : IDisposable
{
    // Elements of the weight compared at every call: enough that loading other weights or an optimizer step (both
    // change every element) is caught, few enough to cost nothing next to the product.
    private const int FingerprintSamples = 64;

    private readonly int outputs;
    private readonly int inputs;
    private readonly WeightSplit split;
    private readonly Piece[] pieces;
    private readonly long[]? packedOrder;   // the weight's rows in packed order, when it is not their own
    private readonly long[]? ownOrder;      // for each output, its column in the packed order
    private readonly float[] fingerprint = new float[FingerprintSamples];
    private readonly object gate = new();
    private bool freed;
    private IntPtr packedFrom;

    public PackedLinear(Linear layer, WeightSplit split)
    {
        var weight = layer.weight ?? throw new ArgumentException("Expected a Linear layer with a weight.", nameof(layer));
        (outputs, inputs) = ((int)weight.shape[0], (int)weight.shape[1]);
        this.split = split;
        if (split.OutputOrder is { } order)
        {
            packedOrder = order.Select(row => (long)row).ToArray();
            ownOrder = new long[outputs];
            for (var i = 0; i < outputs; i++) ownOrder[packedOrder[i]] = i;
        }

        var first = split.FirstPiece;
        pieces = split.ByOutputs
            ? [new Piece(first, inputs, 0, 0), new Piece(outputs - first, inputs, first, 0)]
            : [new Piece(outputs, first, 0, 0), new Piece(outputs, inputs - first, 0, first)];
        foreach (var piece in pieces)
        {
            if (piece.IsEmpty) continue;
            piece.Bytes = (long)MklPackedGemm.PackedSize(piece.Outputs, piece.Inputs);
            piece.Packed = NativeMemory.AlignedAlloc((nuint)piece.Bytes, 64);
        }

        Repack(weight);
    }

    /// <summary>Bytes allocated for the packed pieces (MKL reserves more than it fills; untouched pages cost no memory).</summary>
    public long Bytes => pieces.Sum(piece => piece.Bytes);

    /// <summary>
    /// Packed piece 0 or 1 (null when empty), for native code that multiplies with it; valid after
    /// <see cref="PrepareFor"/> returned true, until disposed.
    /// </summary>
    public void* Pointer(int piece) => pieces[piece].Packed;

    /// <summary>How many times a weight was packed: 1 after construction, +1 per change found.</summary>
    public int Packings { get; private set; }

    /// <summary>
    /// Whether this copy can serve <paramref name="layer"/> (float32 CPU weight of the packed shape and bias); when it can,
    /// re-packs the layer's weight first if it is another tensor than the one packed or its sampled elements differ.
    /// Edits of a few single elements can slip past the sample: <see cref="Repack"/>.
    /// </summary>
    /// <param name="layer">The calling layer.</param>
    /// <param name="shared">Whether other layers use this copy too: then a weight in other storage is not re-packed.</param>
    public bool PrepareFor(Linear layer, bool shared)
    {
        var (weight, bias) = (layer.weight, layer.bias);
        if (freed || weight is null ||
            !TensorMemory.IsContiguousFloatCpu(weight) ||
            weight.size(0) != outputs || weight.size(1) != inputs ||
            (bias is not null && (bias.device_type != DeviceType.CPU || bias.dtype != ScalarType.Float32 || bias.numel() != outputs)))
        {
            return false;
        }

        var address = TensorMemory.Address(weight);
        if (shared && address != packedFrom) return false;
        if (address != packedFrom || !SampleMatches(weight))
        {
            lock (gate)
            {
                if (TensorMemory.Address(weight) != packedFrom || !SampleMatches(weight)) Repack(weight);
            }
        }

        return true;
    }

    /// <summary>
    /// <c>input · Wᵀ + bias (+ residual)</c> for <paramref name="input"/> <c>[..., inputs]</c>, with the bias of
    /// <paramref name="layer"/>; the residual, when given, has the output's shape and is added in the same pass (the
    /// product accumulates onto it). Call after <see cref="PrepareFor"/> returned true.
    /// </summary>
    public Tensor Forward(Linear layer, Tensor input, Tensor? residual)
    {
        ObjectDisposedException.ThrowIf(freed, this);
        var flat = input.reshape(-1, inputs).contiguous();
        var rows = (int)flat.size(0);
        Tensor? bias = layer.bias;
        // Pieces split by outputs write their columns in the packed order: the buffer holds bias and residual in that
        // order, and the result is put back in the layer's own order below.
        using var order = packedOrder is null ? null : torch.tensor(packedOrder);
        if (order is not null)
        {
            bias = bias?.index_select(0, order);
            residual = residual?.reshape(rows, outputs).index_select(1, order);
        }

        // A fresh contiguous buffer holding what the product accumulates onto: bias, plus the residual when given
        // (add and clone keep a permuted residual's strides, hence contiguous(), a no-op otherwise).
        var output = (residual, bias) switch
        {
            (not null, not null) => residual.reshape(rows, outputs).add(bias, HeldScalars.One).contiguous(),
            (not null, null) => residual.reshape(rows, outputs).clone().contiguous(),
            // Not expand(...).contiguous(): with one row that is the bias itself, which the product would then overwrite.
            (null, not null) => bias.repeat(rows, 1),
            _ => zeros(rows, outputs, dtype: ScalarType.Float32),
        };

        // Sizes one by one: TorchSharp's shape property costs about 2.3 µs a call (a managed array through a callback),
        // size(i) about 0.03 µs; the 20 or so calls of a layer came to about 0.5% of a 169-row layer.
        var shape = new long[input.dim()];
        for (var i = 0; i < shape.Length - 1; i++) shape[i] = input.size(i);
        shape[^1] = outputs;
        if (rows > 0)
        {
            var x = TensorMemory.Floats(flat);
            var y = TensorMemory.Floats(output);
            foreach (var piece in pieces)
            {
                if (piece.IsEmpty) continue;
                MklPackedGemm.MultiplyAccumulate(x + piece.FirstInput, rows, piece.Inputs, inputs, piece.Packed, piece.Outputs,
                    y + piece.FirstOutput, outputs);
            }
        }

        if (ownOrder is not null)
        {
            using var back = torch.tensor(ownOrder);
            output = output.index_select(1, back);
        }

        return output.view(shape);
    }

    /// <summary>Packs <paramref name="weight"/> (the calling layer's) again, whatever the sample says.</summary>
    public void Repack(Tensor weight)
    {
        // The pieces are read at the packed shape's strides: another shape would read past the weight's memory.
        if (!TensorMemory.IsContiguousFloatCpu(weight) || weight.dim() != 2 || weight.size(0) != outputs || weight.size(1) != inputs)
        {
            throw new InvalidOperationException(
                $"Expected a contiguous float32 CPU weight of shape [{outputs}, {inputs}] to pack again, but got shape " +
                $"[{string.Join(", ", weight.shape)}], {weight.dtype} on {weight.device}; compile the engine anew (dispose it, then CpuEngine.Compile).");
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(freed, this);
            var source = TensorMemory.Floats(weight);
            foreach (var piece in pieces)
            {
                if (!piece.IsEmpty) PackPiece(source, piece);
            }

            packedFrom = TensorMemory.Address(weight);
            var values = MemoryMarshal.Cast<byte, float>(weight.bytes);
            for (var i = 0; i < FingerprintSamples; i++) fingerprint[i] = values[SampleIndex(i, values.Length)];
            Packings++;
        }
    }

    // A piece by inputs is a block of columns and one by outputs a block of rows, both packed in place; rows in another
    // order than the weight's (the query-key-value pieces) are gathered into a buffer first.
    private void PackPiece(float* weight, Piece piece)
    {
        if (split.OutputOrder is not { } order)
        {
            MklPackedGemm.Pack(weight + (long)piece.FirstOutput * inputs + piece.FirstInput, piece.Outputs, piece.Inputs, inputs, piece.Packed);
            return;
        }

        var rowBytes = (nuint)inputs * sizeof(float);
        var gathered = (float*)NativeMemory.Alloc((nuint)piece.Outputs * rowBytes);
        try
        {
            for (var i = 0; i < piece.Outputs; i++)
                NativeMemory.Copy(weight + (long)order[piece.FirstOutput + i] * inputs, gathered + (long)i * inputs, rowBytes);
            MklPackedGemm.Pack(gathered, piece.Outputs, piece.Inputs, inputs, piece.Packed);
        }
        finally
        {
            NativeMemory.Free(gathered);
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    // An engine dropped without Dispose leaves its copies in the shared table; the memory goes back when the process
    // ends, or here if a copy is ever collected.
    ~PackedLinear() => Free();

    private void Free()
    {
        lock (gate)
        {
            if (freed) return;
            foreach (var piece in pieces)
            {
                if (piece.Packed is not null) NativeMemory.AlignedFree(piece.Packed);
                piece.Packed = null;
            }

            freed = true;
        }
    }

    private bool SampleMatches(Tensor weight)
    {
        var values = MemoryMarshal.Cast<byte, float>(weight.bytes);
        for (var i = 0; i < FingerprintSamples; i++)
        {
            // Bitwise, so that a NaN weight that stays NaN counts as unchanged.
            if (BitConverter.SingleToInt32Bits(values[SampleIndex(i, values.Length)]) != BitConverter.SingleToInt32Bits(fingerprint[i]))
                return false;
        }

        return true;
    }

    // Spread over the whole matrix, with a large odd step so that samples do not line up with rows or columns.
    private static int SampleIndex(int sample, int length) =>
        (int)((sample * (long)length / FingerprintSamples + sample * 2654435761L) % length);

    // One packed piece: Outputs x Inputs of the weight, writing output columns from FirstOutput (in the packed order)
    // and reading input columns from FirstInput.
    private sealed class Piece(int outputs, int inputs, int firstOutput, int firstInput)
    {
        public int Outputs { get; } = outputs;
        public int Inputs { get; } = inputs;
        public int FirstOutput { get; } = firstOutput;
        public int FirstInput { get; } = firstInput;
        public bool IsEmpty => Outputs == 0 || Inputs == 0;
        public long Bytes { get; set; }
        public void* Packed { get; set; }
    }
}
