using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Backbones;

/// <summary>
/// Dropout: in training every element is zeroed with probability p and the others are scaled by 1 / (1 − p); in
/// evaluation it passes its input through. What differs from libtorch's is where a CPU mask comes from (the model can
/// ignore it): libtorch draws a CPU mask one element at a time from its Mersenne Twister, in series whatever the thread
/// count, which made dropout the largest single cost of a multiplexed training step (the embeddings of every input at
/// every position). Here element k's draw is 32 bits of a SplitMix64 hash of (seed, k), filled in .NET on the torch
/// threads; the seed is one draw from libtorch's generator, so <c>torch.manual_seed</c> fixes the masks as it fixes
/// libtorch's own, and they do not depend on the thread count. Other devices and types get libtorch's dropout.
/// </summary>
/// <remarks>The probability is applied to 32-bit draws: it is exact to within 2⁻³² of the one asked for.</remarks>
public sealed class FastDropout : nn.Module<Tensor, Tensor>
{
    // Below this many elements a mask is filled on one thread: the hand-off would cost more than it saves.
    private const int ParallelFrom = 1 << 16;

    private readonly uint dropBelow;
    private readonly float keptScale;

    /// <summary>Creates dropout with probability <paramref name="probability"/>, in [0, 1).</summary>
    public FastDropout(double probability) : base(nameof(FastDropout))
    {
        if (!(probability >= 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Expected a dropout probability in [0, 1).");
        Probability = probability;
        dropBelow = (uint)Math.Min(uint.MaxValue, Math.Round(probability * 4294967296.0));
        keptScale = (float)(1 / (1 - probability));
    }

    /// <summary>The probability that an element is zeroed in training.</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || Probability == 0) return input.alias();
        if (input.device_type != DeviceType.CPU || input.dtype != ScalarType.Float32 || input.numel() > int.MaxValue)
            return nn.functional.dropout(input, Probability, training: true);
        using var scope = torch.NewDisposeScope();
        var mask = torch.empty(input.shape, ScalarType.Float32);
        Fill(mask, NextSeed(), dropBelow, keptScale);
        return scope.MoveToOuter(input.mul(mask));
    }

    /// <summary>
    /// Fills the contiguous float32 CPU tensor <paramref name="mask"/>: element k is 0 where the low or high 32 bits (k
    /// even or odd) of SplitMix64(<paramref name="seed"/> + ⌊k / 2⌋·γ) fall below <paramref name="dropBelow"/>, else
    /// <paramref name="keptScale"/>. Chunks go to the torch threads; the values do not depend on how many there are.
    /// </summary>
    internal static void Fill(Tensor mask, ulong seed, uint dropBelow, float keptScale)
    {
        var pairs = (mask.numel() + 1) / 2;
        var threads = pairs * 2 >= ParallelFrom ? Math.Max(1, torch.get_num_threads()) : 1;
        var chunk = (pairs + threads - 1) / threads;
        if (threads == 1)
        {
            FillPairs(mask, seed, dropBelow, keptScale, 0, pairs);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
            part => FillPairs(mask, seed, dropBelow, keptScale, part * chunk, Math.Min(pairs, (part + 1) * chunk)));
    }

    private static void FillPairs(Tensor mask, ulong seed, uint dropBelow, float keptScale, long first, long end)
    {
        var values = MemoryMarshal.Cast<byte, float>(mask.bytes);
        for (var pair = first; pair < end; pair++)
        {
            var bits = Mix(unchecked(seed + (ulong)pair * 0x9E3779B97F4A7C15UL));
            var even = (int)(pair * 2);
            values[even] = (uint)bits < dropBelow ? 0f : keptScale;
            if (even + 1 < values.Length) values[even + 1] = (uint)(bits >> 32) < dropBelow ? 0f : keptScale;
        }
    }

    /// <summary>SplitMix64's finaliser: consecutive inputs give unrelated outputs.</summary>
    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>One draw from libtorch's default CPU generator: the stream <c>torch.manual_seed</c> sets.</summary>
    private static ulong NextSeed()
    {
        using var draw = torch.randint(0, long.MaxValue, [1], dtype: ScalarType.Int64);
        return unchecked((ulong)draw.item<long>() * 0xD1B54A32D192ED03UL);
    }
}
